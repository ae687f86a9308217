"""Labels read in batches of one query (for remote stores) are the labels read IRI by IRI."""

from __future__ import annotations

import pyoxigraph as ox

from sgam_onto.query import labels
from sgam_onto.query.labels import label_of, labels_by_query
from sgam_onto.stores.direct import load_store


def test_batched_labels_are_the_ones_read_iri_by_iri(monkeypatch) -> None:
    store = load_store()
    iris = list(dict.fromkeys(q.subject for q in store if isinstance(q.subject, ox.NamedNode)))
    expected = {iri.value: text for iri in iris if (text := label_of(store, iri)) is not None}
    monkeypatch.setattr(labels, "BATCH", 97)  # several batches, the last one partial
    assert len(iris) > 97 * 3
    assert labels_by_query(store, iris) == expected


def test_skos_pref_label_only_where_there_is_no_rdfs_label() -> None:
    store = ox.Store()
    a, b = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b")
    for subject, prop, text in ((a, labels.RDFS_LABEL, "A"), (a, labels.SKOS_PREF_LABEL, "pa"),
                                (b, labels.SKOS_PREF_LABEL, "pb"),
                                (b, labels.SKOS_PREF_LABEL, "pB")):
        store.add(ox.Quad(subject, prop, ox.Literal(text, language="en")))
    assert labels_by_query(store, [a, b]) == {a.value: "A", b.value: "pB"}
