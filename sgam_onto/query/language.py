"""Labels in the reader's language: English by default, French where the data has one.

The catalogue queries pick the English label of each resource (`LANGMATCHES(..., "en")`), and
the shapes allow at most one label per language. To answer in French, the runner does not edit
the query: it runs it on a view of the store in which every label that has a French sibling
(same subject, same property) shows the French text in place of the English one. A resource
without a French label keeps its English one, so every row stays, and there is still exactly
one "English" label per resource, so no row doubles. The view is built for one query run only
and is never written anywhere; its language tags say where a label is read, not what it is.
"""

from __future__ import annotations

import pyoxigraph as ox

from sgam_onto.errors import SgamError
from sgam_onto.query.labels import RDFS_LABEL, SKOS_PREF_LABEL

LANGUAGES = ("en", "fr")
DEFAULT = "en"
LABELS = (RDFS_LABEL, SKOS_PREF_LABEL)


def check_language(lang: str) -> str:
    """The language code, if the landscape is written in it."""
    if lang not in LANGUAGES:
        raise SgamError(f"--lang {lang!r}: labels are written in {' or '.join(LANGUAGES)}")
    return lang


def _in(literal: ox.Literal, lang: str) -> bool:
    tag = (literal.language or "").lower()
    return tag == lang or tag.startswith(lang + "-")


def labels_in(store: object, lang: str) -> object:
    """`store`, or a copy of it whose English labels read in `lang` where a `lang` label exists."""
    check_language(lang)
    if lang == DEFAULT:
        return store
    if not isinstance(store, ox.Store):
        raise SgamError(
            f"--lang {lang}: labels in another language than English are chosen on the "
            "landscape in memory or an on-disk store, not on a remote endpoint"
        )
    view = ox.Store()
    view.extend(store)
    for prop in LABELS:
        for quad in store.quads_for_pattern(None, prop, None):
            own = quad.object
            if not isinstance(own, ox.Literal) or not _in(own, lang):
                continue
            for english in list(view.quads_for_pattern(quad.subject, prop, None, quad.graph_name)):
                if isinstance(english.object, ox.Literal) and _in(english.object, DEFAULT):
                    view.remove(english)
                    view.add(ox.Quad(quad.subject, prop, ox.Literal(own.value, language=DEFAULT),
                                     quad.graph_name))
    return view
