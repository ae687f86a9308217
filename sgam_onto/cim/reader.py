"""A streaming reader for CIM XML, the RDF/XML subset of IEC 61970-552, to N-Triples.

CIM XML names objects with IDs that a general RDF/XML parser cannot take as they are: without
an ``xml:base`` a ``#_<id>`` reference has nothing to resolve against, and some exporters write
``rdf:ID`` values that are not NCNames. This reader resolves every identifier with
``sgam_onto.cim.ids`` while it reads, so no text is rewritten. It reads the subset as RDF/XML
defines it: node elements (typed or ``rdf:Description``; ``rdf:ID``, ``rdf:about``,
``rdf:nodeID`` or none), property elements with ``rdf:resource``, ``rdf:nodeID``, text (with
``rdf:datatype`` or ``xml:lang``), a nested node element, or ``rdf:parseType="Resource"``, and
property attributes. Other RDF/XML forms, and difference models, are refused with FILE:LINE.

The expat parser reads no DTD from outside the file and expands no parameter entity; internal
entities are sized beforehand (``sgam_onto.limits.check_rdfxml``).
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path

from sgam_onto import limits
from sgam_onto.cim.ids import absolute_iri, object_iri, reference_iri
from sgam_onto.cim.info import DM, MD, ModelHeader
from sgam_onto.errors import LoadError

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_LANG = "http://www.w3.org/XML/1998/namespacelang"
_RDF_TYPE = f"<{RDF}type>"
_ID, _ABOUT, _NODE_ID = RDF + "ID", RDF + "about", RDF + "nodeID"
_RESOURCE, _DATATYPE, _PARSE_TYPE = RDF + "resource", RDF + "datatype", RDF + "parseType"
_DESCRIPTION = RDF + "Description"
_SYNTAX = {_ID, _ABOUT, _NODE_ID, _RESOURCE, _DATATYPE, _PARSE_TYPE}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")

_ROOT, _NODE, _PROP = 0, 1, 2


@dataclass
class FileRead:
    """What one CIM XML file said, as N-Triples lines ready for a bulk load."""

    name: str
    lines: list[str]
    headers: list[ModelHeader]
    class_namespaces: set[str] = field(default_factory=set)


class _Frame:
    """An open element: the root, a node (its subject) or a property (subject, predicate)."""

    __slots__ = ("datatype", "filled", "header", "kind", "lang", "predicate", "subject", "text")

    def __init__(self, kind: int, subject: str, lang: str | None) -> None:
        self.kind = kind
        self.subject = subject
        self.lang = lang
        self.predicate = ""
        self.datatype: str | None = None
        self.filled = False  # a property whose object is already written
        self.text: list[str] = []
        self.header: dict[str, list[str]] | None = None


def read_cim_xml(data: bytes, name: str, blank_prefix: str) -> FileRead:
    """Read one CIM XML document; ``name`` is how errors name it (``FILE`` or ``ZIP!MEMBER``),
    ``blank_prefix`` keeps its blank nodes apart from other files'."""
    if b"<!DOCTYPE" in data:  # entities are sized before expat expands any
        limits.check_rdfxml(data, Path(name))
    return _Reader(name, blank_prefix).read(data)


class _Reader:
    def __init__(self, name: str, blank_prefix: str) -> None:
        bounds = limits.current()
        self.name = name
        self.blank_prefix = blank_prefix
        self.max_depth = 2 * bounds.max_nesting_depth + 2
        self.max_literal = bounds.max_literal_chars
        self.lines: list[str] = []
        self.headers: list[ModelHeader] = []
        self.class_namespaces: set[str] = set()
        self.stack: list[_Frame] = []
        self.iris: dict[str, str] = {}  # rdf:ID / reference / element name -> "<iri>"
        self.blanks: dict[str, str] = {}
        self.anonymous = 0
        self.parser = expat.ParserCreate(namespace_separator="")
        self.parser.buffer_text = True
        self.parser.buffer_size = 1 << 16
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.ExternalEntityRefHandler = self._external
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def read(self, data: bytes) -> FileRead:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as err:
            message = expat.ErrorString(err.code) or "not well-formed XML"
            raise LoadError(self.name, err.lineno, err.offset + 1, message) from None
        return FileRead(self.name, self.lines, self.headers, self.class_namespaces)

    # -- errors --------------------------------------------------------------------------------

    def _fail(self, message: str) -> LoadError:
        return LoadError(self.name, self.parser.CurrentLineNumber,
                         self.parser.CurrentColumnNumber + 1, message)

    def _external(self, *_: object) -> int:
        raise self._fail("external entities are not read (nothing outside the file is read)")

    # -- terms ---------------------------------------------------------------------------------

    def _named(self, iri: str) -> str:
        """``<iri>`` for an element or attribute name (namespace + local name)."""
        term = self.iris.get(iri)
        if term is None:
            if absolute_iri(iri) != iri:
                raise self._fail(f"{iri!r} is not an absolute IRI: is its namespace declared "
                                 "with a full IRI?")
            term = self.iris[iri] = f"<{iri}>"
        return term

    def _reference(self, value: str, attribute: str) -> str:
        key = "\0" + value  # kept apart from element names in the same cache
        term = self.iris.get(key)
        if term is None:
            iri = reference_iri(value)
            if iri is None:
                raise self._fail(
                    f"{attribute}={value!r}: not an absolute IRI nor a '#id' reference (CIM XML "
                    "files have no base IRI to resolve other relative references against)"
                )
            term = self.iris[key] = f"<{iri}>"
        return term

    def _identified(self, value: str) -> str:
        key = "\1" + value
        term = self.iris.get(key)
        if term is None:
            if not value:
                raise self._fail("rdf:ID is empty")
            term = self.iris[key] = f"<{object_iri(value)}>"
        return term

    def _blank(self, node_id: str | None) -> str:
        if node_id is None:
            self.anonymous += 1
            return f"_:{self.blank_prefix}a{self.anonymous}"
        term = self.blanks.get(node_id)
        if term is None:
            term = self.blanks[node_id] = f"_:{self.blank_prefix}n{len(self.blanks)}"
        return term

    def _subject(self, attrs: dict[str, str]) -> str:
        if _ID in attrs:
            return self._identified(attrs[_ID])
        if _ABOUT in attrs:
            return self._reference(attrs[_ABOUT], "rdf:about")
        return self._blank(attrs.get(_NODE_ID))

    def _literal(self, text: str, lang: str | None, datatype: str | None) -> str:
        if len(text) > self.max_literal:
            raise limits.LimitError(
                self.name, self.parser.CurrentLineNumber, None,
                f"a literal of {len(text):,} characters; the limit is {self.max_literal:,} "
                f"(set {limits.ENV['max_literal_chars']} to raise it)",
            )
        quoted = '"' + text.translate(_ESCAPES) + '"'
        if datatype is not None:
            return quoted + "^^" + datatype
        if lang:
            return quoted + "@" + lang
        return quoted

    # -- elements ------------------------------------------------------------------------------

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        stack = self.stack
        if not stack:
            if tag != RDF + "RDF":
                raise self._fail(f"the root element is <{tag}>, not rdf:RDF: not CIM XML")
            stack.append(_Frame(_ROOT, "", attrs.get(XML_LANG)))
            return
        if len(stack) >= self.max_depth:
            raise self._fail(f"XML elements nested more than {self.max_depth} deep (2 x the "
                             f"nesting limit + 2; set {limits.ENV['max_nesting_depth']} to "
                             "raise it)")
        top = stack[-1]
        if top.kind == _NODE:
            self._property(top, tag, attrs)
        else:
            self._node(top, tag, attrs)

    def _node(self, parent: _Frame, tag: str, attrs: dict[str, str]) -> None:
        if tag.startswith(DM) or (parent.kind == _ROOT and tag.endswith("DifferenceModel")):
            raise self._fail("a difference model (dm:DifferenceModel): only full models are "
                             "loaded; apply the differences to their full model first")
        subject = self._subject(attrs)
        lang = attrs.get(XML_LANG, parent.lang)
        if parent.kind == _PROP:
            if parent.filled or (parent.text and "".join(parent.text).strip()):
                raise self._fail(f"property <{parent.predicate[1:-1]}> has more than one value")
            self.lines.append(f"{parent.subject} {parent.predicate} {subject} .\n")
            parent.filled = True
        frame = _Frame(_NODE, subject, lang)
        if tag != _DESCRIPTION:
            if tag not in self.iris:
                self.class_namespaces.add(_namespace(tag))
            self.lines.append(f"{subject} {_RDF_TYPE} {self._named(tag)} .\n")
            if tag == MD + "FullModel":
                frame.header = {}
        for key, value in attrs.items():
            if key in _SYNTAX or key == XML_LANG:
                continue
            self._attribute_triple(frame, key, value, lang)
        self.stack.append(frame)

    def _attribute_triple(self, frame: _Frame, key: str, value: str, lang: str | None) -> None:
        if key.startswith(RDF) or key.startswith("http://www.w3.org/XML/1998/namespace"):
            raise self._fail(f"attribute {key!r} is not allowed here")
        self.lines.append(
            f"{frame.subject} {self._named(key)} {self._literal(value, lang, None)} .\n"
        )

    def _property(self, node: _Frame, tag: str, attrs: dict[str, str]) -> None:
        predicate = self._named(tag)
        frame = _Frame(_PROP, node.subject, attrs.get(XML_LANG, node.lang))
        frame.predicate = predicate
        if attrs:
            if _ID in attrs:
                raise self._fail("rdf:ID on a property element (reification) is not CIM XML")
            parse_type = attrs.get(_PARSE_TYPE)
            if parse_type is not None:
                self._parse_type(node, frame, parse_type)
                return
            obj = None
            if _RESOURCE in attrs:
                obj = self._reference(attrs[_RESOURCE], "rdf:resource")
            elif _NODE_ID in attrs:
                obj = self._blank(attrs[_NODE_ID])
            if _DATATYPE in attrs:
                frame.datatype = self._datatype(attrs[_DATATYPE])
            extra = [k for k in attrs if k not in _SYNTAX and k != XML_LANG]
            if extra:
                if obj is None:
                    obj = self._blank(None)
                for key in extra:
                    self._attribute_triple(_Frame(_NODE, obj, frame.lang), key, attrs[key],
                                           frame.lang)
            if obj is not None:
                self.lines.append(f"{node.subject} {predicate} {obj} .\n")
                frame.filled = True
                if node.header is not None:
                    node.header.setdefault(tag, []).append(obj[1:-1])
        self.stack.append(frame)

    def _parse_type(self, node: _Frame, frame: _Frame, parse_type: str) -> None:
        if parse_type == "Statements":
            raise self._fail("rdf:parseType=\"Statements\" (a difference model): only full "
                             "models are loaded; apply the differences to their full model "
                             "first")
        if parse_type != "Resource":
            raise self._fail(f"rdf:parseType={parse_type!r} is not part of CIM XML")
        blank = self._blank(None)
        self.lines.append(f"{node.subject} {frame.predicate} {blank} .\n")
        self.stack.append(_Frame(_NODE, blank, frame.lang))

    def _datatype(self, value: str) -> str:
        iri = absolute_iri(value)
        if iri is None:
            raise self._fail(f"rdf:datatype={value!r}: not an absolute IRI")
        return f"<{iri}>"

    def _end(self, tag: str) -> None:
        frame = self.stack.pop()
        if frame.kind == _PROP:
            text = "".join(frame.text)
            if frame.filled:
                if text.strip():
                    raise self._fail(f"property <{tag}> has both an object and text")
                return
            lang = frame.lang
            if lang and not _LANG.fullmatch(lang):
                raise self._fail(f"xml:lang={lang!r} is not a language tag")
            literal = self._literal(text, lang, frame.datatype)
            self.lines.append(f"{frame.subject} {frame.predicate} {literal} .\n")
            node = self.stack[-1]
            if node.header is not None:
                node.header.setdefault(tag, []).append(text.strip())
        elif frame.header is not None:
            self.headers.append(self._header(frame.subject[1:-1], frame.header))

    def _text(self, text: str) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.kind == _PROP:
            top.text.append(text)
        elif not text.isspace():
            raise self._fail(f"text {text.strip()[:40]!r} outside a property element")

    def _header(self, model: str, values: dict[str, list[str]]) -> ModelHeader:
        def first(key: str) -> str | None:
            found = values.get(key)
            return found[0] if found else None

        return ModelHeader(
            model=model,
            profiles=tuple(values.get(MD + "Model.profile", ())),
            scenario_time=first(MD + "Model.scenarioTime"),
            modelling_authority_set=first(MD + "Model.modelingAuthoritySet"),
            depends_on=tuple(values.get(MD + "Model.DependentOn", ())),
            file=self.name,
        )


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]
