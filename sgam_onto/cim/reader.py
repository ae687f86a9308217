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
entities are sized beforehand (``sgam_onto.rdf.guard_rdfxml.check_rdfxml``).
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path

from sgam_onto import settings
from sgam_onto.cim.ids import absolute_iri, object_iri, reference_iri
from sgam_onto.cim.info import DM, MD, ModelHeader
from sgam_onto.errors import LoadError
from sgam_onto.rdf.guard_rdfxml import check_rdfxml
from sgam_onto.rdf.parse import one_line

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_LANG = "http://www.w3.org/XML/1998/namespacelang"
_RDF_TYPE = f"<{RDF}type>"
_ID, _ABOUT, _NODE_ID = RDF + "ID", RDF + "about", RDF + "nodeID"
_RESOURCE, _DATATYPE, _PARSE_TYPE = RDF + "resource", RDF + "datatype", RDF + "parseType"
_DESCRIPTION = RDF + "Description"
_SYNTAX = {_ID, _ABOUT, _NODE_ID, _RESOURCE, _DATATYPE, _PARSE_TYPE}
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")

# An open element is a list [kind, subject, lang, predicate, datatype, filled, header]
# (lists are cheaper to build than objects, and this runs once per element):
# kind: _DOC (before the root), _ROOT, _NODE (subject is the node), _PROP (subject, predicate,
# datatype of the property; filled once its object is written); header: the values of an
# md:FullModel node, else None.
_DOC, _ROOT, _NODE, _PROP = 0, 1, 2, 3


@dataclass
class FileRead:
    """What one CIM XML file said, as N-Triples lines ready for a bulk load."""

    name: str
    lines: list[str]
    headers: list[ModelHeader]
    class_namespaces: set[str] = field(default_factory=set)


def read_cim_xml(data: bytes, name: str, blank_prefix: str) -> FileRead:
    """Read one CIM XML document; ``name`` is how errors name it (``FILE`` or ``ZIP!MEMBER``),
    ``blank_prefix`` keeps its blank nodes apart from other files'."""
    if b"<!DOCTYPE" in data:  # entities are sized before expat expands any
        check_rdfxml(data, Path(name))
    return _Reader(name, blank_prefix).read(data)


class _Reader:
    """The state of one document. The handlers of the common forms (a property with text or
    with rdf:resource) are closures over local names: they run once per element of files of
    millions of elements; every other form goes through the methods."""

    def __init__(self, name: str, blank_prefix: str) -> None:
        bounds = settings.current()
        self.name = name
        self.blank_prefix = blank_prefix
        self.max_depth = 2 * bounds.max_nesting_depth + 2
        self.max_literal = bounds.max_literal_chars
        self.lines: list[str] = []
        self.headers: list[ModelHeader] = []
        self.class_namespaces: set[str] = set()
        self.stack: list[list] = [[_DOC, "", None, "", None, False, None]]
        self.text: list[str] = []  # character data since the last tag
        self.names: dict[str, str] = {}  # element or attribute name -> "<iri>"
        self.references: dict[str, str] = {}  # rdf:about / rdf:resource value -> term
        self.identifiers: dict[str, str] = {}  # rdf:ID value -> "<iri>"
        self.blanks: dict[str, str] = {}
        self.anonymous = 0
        self.parser = expat.ParserCreate(namespace_separator="")
        self.parser.buffer_text = True
        self.parser.buffer_size = 1 << 16
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.ExternalEntityRefHandler = self._external
        self.parser.CharacterDataHandler = self.text.append
        self.parser.StartElementHandler, self.parser.EndElementHandler = self._handlers()

    def read(self, data: bytes) -> FileRead:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as err:
            message = expat.ErrorString(err.code) or "not well-formed XML"
            raise LoadError(self.name, err.lineno, err.offset + 1, message) from None
        except (LookupError, ValueError) as err:  # e.g. an encoding Python does not know
            raise LoadError(self.name, self.parser.CurrentLineNumber, None,
                            one_line(str(err))) from None
        return FileRead(self.name, self.lines, self.headers, self.class_namespaces)

    def _handlers(self):
        stack, text, emit = self.stack, self.text, self.lines.append
        names, references = self.names, self.references
        escapes, max_literal, max_depth = _ESCAPES, self.max_literal, self.max_depth
        resource_key = _RESOURCE
        written = [_PROP, "", None, "", None, True, None]  # any property whose object is out

        def start(tag: str, attrs: dict[str, str]) -> None:
            if text:  # the blank between two tags, in one piece unless it is very long
                if len(text) == 1 and text[0].isspace():
                    text.clear()
                else:
                    self._only_space()
            top = stack[-1]
            if top[0] != _NODE:
                self._node(top, tag, attrs)
                return
            if len(stack) >= max_depth:
                raise self._too_deep()
            predicate = names.get(tag) or self._named(tag)
            if not attrs:  # <cim:X.y>text</cim:X.y>
                stack.append([_PROP, top[1], top[2], predicate, None, False, top[6]])
                return
            value = attrs.get(resource_key)
            if value is None or len(attrs) > 1:
                self._property(top, tag, predicate, attrs)
                return
            obj = references.get(value) or self._reference(value, "rdf:resource")
            emit(f"{top[1]} {predicate} {obj} .\n")  # <cim:X.y rdf:resource="#_id"/>
            if top[6] is not None:
                top[6].setdefault(tag, []).append(obj[1:-1])
            stack.append(written)

        def end(tag: str) -> None:
            frame = stack.pop()
            if frame is written:
                if text:
                    value = "".join(text)
                    text.clear()
                    if not value.isspace():
                        raise self._fail(f"property <{tag}> has both an object and text")
                return
            if frame[0] != _PROP:
                if text:
                    if len(text) == 1 and text[0].isspace():
                        text.clear()
                    else:
                        self._only_space()
                if frame[6] is not None:
                    self.headers.append(self._header(frame[1][1:-1], frame[6]))
                return
            value = "".join(text)
            text.clear()
            if frame[5]:
                if value and not value.isspace():
                    raise self._fail(f"property <{tag}> has both an object and text")
                return
            if len(value) > max_literal:
                raise self._too_long(len(value))
            if frame[4] is not None:
                suffix = "^^" + frame[4]
            elif frame[2]:
                suffix = "@" + self._language(frame[2])
            else:
                suffix = ""
            emit(f'{frame[1]} {frame[3]} "{value.translate(escapes)}"{suffix} .\n')
            if frame[6] is not None:
                frame[6].setdefault(tag, []).append(value.strip())

        return start, end

    # -- errors --------------------------------------------------------------------------------

    def _fail(self, message: str) -> LoadError:
        return LoadError(self.name, self.parser.CurrentLineNumber,
                         self.parser.CurrentColumnNumber + 1, message)

    def _external(self, *_: object) -> int:
        raise self._fail("external entities are not read (nothing outside the file is read)")

    def _too_deep(self) -> LoadError:
        return settings.LimitError(
            self.name, self.parser.CurrentLineNumber, None,
            f"XML elements nested more than {self.max_depth} deep (2 x the nesting limit + 2; "
            f"set {settings.ENV['max_nesting_depth']} to raise it)",
        )

    def _too_long(self, size: int) -> LoadError:
        return settings.LimitError(
            self.name, self.parser.CurrentLineNumber, None,
            f"a literal of {size:,} characters; the limit is {self.max_literal:,} "
            f"(set {settings.ENV['max_literal_chars']} to raise it)",
        )

    def _only_space(self) -> None:
        """Text between tags outside a property value must be blank; it is then dropped."""
        value = "".join(self.text)
        self.text.clear()
        if value and not value.isspace():
            top = self.stack[-1]
            if top[0] == _PROP and not top[5]:
                raise self._fail(f"property <{top[3][1:-1]}> mixes text and elements")
            raise self._fail(f"text {value.strip()[:40]!r} outside a property element")

    # -- terms ---------------------------------------------------------------------------------

    def _named(self, iri: str) -> str:
        """``<iri>`` for an element or attribute name (namespace + local name)."""
        term = self.names.get(iri)
        if term is None:
            if absolute_iri(iri) != iri:
                raise self._fail(f"{iri!r} is not an absolute IRI: is its namespace declared "
                                 "with a full IRI?")
            term = self.names[iri] = f"<{iri}>"
        return term

    def _reference(self, value: str, attribute: str) -> str:
        term = self.references.get(value)
        if term is None and value[:1] == "#" and len(value) > 1:
            term = self.references[value] = self._identified(value[1:])
        elif term is None:
            iri = reference_iri(value)
            if iri is None:
                raise self._fail(
                    f"{attribute}={value!r}: not an absolute IRI nor a '#id' reference (CIM XML "
                    "files have no base IRI to resolve other relative references against)"
                )
            term = self.references[value] = f"<{iri}>"
        return term

    def _identified(self, value: str) -> str:
        term = self.identifiers.get(value)
        if term is None:
            if not value:
                raise self._fail("rdf:ID is empty")
            term = self.identifiers[value] = f"<{object_iri(value)}>"
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

    def _language(self, lang: str) -> str:
        if not _LANG.fullmatch(lang):
            raise self._fail(f"xml:lang={lang!r} is not a language tag")
        return lang

    def _datatype(self, value: str) -> str:
        iri = absolute_iri(value)
        if iri is None:
            raise self._fail(f"rdf:datatype={value!r}: not an absolute IRI")
        return f"<{iri}>"

    # -- the other forms -----------------------------------------------------------------------

    def _node(self, parent: list, tag: str, attrs: dict[str, str]) -> None:
        kind = parent[0]
        if kind == _DOC:
            if tag != RDF + "RDF":
                raise self._fail(f"the root element is <{tag}>, not rdf:RDF: not CIM XML")
            self.stack.append([_ROOT, "", attrs.get(XML_LANG), "", None, False, None])
            return
        if len(self.stack) >= self.max_depth:
            raise self._too_deep()
        if tag.startswith(DM) or tag.endswith("DifferenceModel"):
            raise self._fail("a difference model (dm:DifferenceModel): only full models are "
                             "loaded; apply the differences to their full model first")
        subject = self._subject(attrs)
        lang = attrs.get(XML_LANG, parent[2])
        if kind == _PROP:
            if parent[5]:
                raise self._fail(f"property <{parent[3][1:-1]}> has more than one value")
            self.lines.append(f"{parent[1]} {parent[3]} {subject} .\n")
            parent[5] = True
        frame = [_NODE, subject, lang, "", None, False, None]
        if tag != _DESCRIPTION:
            if tag not in self.names:
                self.class_namespaces.add(_namespace(tag))
            self.lines.append(f"{subject} {_RDF_TYPE} {self._named(tag)} .\n")
            if tag == MD + "FullModel":
                frame[6] = {}
        for key, value in attrs.items():
            if key not in _SYNTAX and key != XML_LANG:
                self._attribute_triple(subject, key, value, lang)
        self.stack.append(frame)

    def _attribute_triple(self, subject: str, key: str, value: str, lang: str | None) -> None:
        if key.startswith((RDF, "http://www.w3.org/XML/1998/namespace")):
            raise self._fail(f"attribute {key!r} is not allowed here")
        if len(value) > self.max_literal:
            raise self._too_long(len(value))
        literal = '"' + value.translate(_ESCAPES) + '"'
        if lang:
            literal += "@" + self._language(lang)
        self.lines.append(f"{subject} {self._named(key)} {literal} .\n")

    def _property(self, node: list, tag: str, predicate: str, attrs: dict[str, str]) -> None:
        lang = attrs.get(XML_LANG, node[2])
        frame = [_PROP, node[1], lang, predicate, None, False, node[6]]
        if _ID in attrs:
            raise self._fail("rdf:ID on a property element (reification) is not CIM XML")
        parse_type = attrs.get(_PARSE_TYPE)
        if parse_type is not None:
            self._parse_type(node, predicate, parse_type, lang)
            return
        obj = None
        if _RESOURCE in attrs:
            obj = self._reference(attrs[_RESOURCE], "rdf:resource")
        elif _NODE_ID in attrs:
            obj = self._blank(attrs[_NODE_ID])
        if _DATATYPE in attrs:
            frame[4] = self._datatype(attrs[_DATATYPE])
        extra = [k for k in attrs if k not in _SYNTAX and k != XML_LANG]
        if extra:
            if obj is None:
                obj = self._blank(None)
            for key in extra:
                self._attribute_triple(obj, key, attrs[key], lang)
        if obj is not None:
            self.lines.append(f"{node[1]} {predicate} {obj} .\n")
            frame[5] = True
            if node[6] is not None:
                node[6].setdefault(tag, []).append(obj[1:-1])
        self.stack.append(frame)

    def _parse_type(self, node: list, predicate: str, parse_type: str, lang: str | None) -> None:
        if parse_type == "Statements":
            raise self._fail("rdf:parseType=\"Statements\" (a difference model): only full "
                             "models are loaded; apply the differences to their full model "
                             "first")
        if parse_type != "Resource":
            raise self._fail(f"rdf:parseType={parse_type!r} is not part of CIM XML")
        blank = self._blank(None)
        self.lines.append(f"{node[1]} {predicate} {blank} .\n")
        self.stack.append([_NODE, blank, lang, "", None, False, None])

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
