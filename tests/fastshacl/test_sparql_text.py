"""Rewrites of SPARQL text: the same solutions, and nothing rewritten in strings or IRIs."""

from __future__ import annotations

import pyoxigraph as ox

from sgam_onto.fastshacl.sparql_text import FENCE, canonical, code_spans, fence_distinct_subqueries

EX = "http://example.org/"


def _store() -> ox.Store:
    store = ox.Store()
    ex = ox.NamedNode
    store.extend([
        ox.Quad(ex(EX + "a"), ex(EX + "p"), ex(EX + "b")),
        ox.Quad(ex(EX + "a"), ex(EX + "q"), ox.Literal("{ SELECT DISTINCT # }")),
        ox.Quad(ex(EX + "b"), ex(EX + "p"), ex(EX + "c")),
        ox.Quad(ex(EX + "c"), ex(EX + "r"), ex(EX + "a")),
        ox.Quad(ex(EX + "p"), ex(EX + "kind"), ex(EX + "Known")),
    ])
    return store


def _solutions(store: ox.Store, query: str) -> list[tuple]:
    return sorted(tuple(str(row[v]) for v in rows.variables)
                  for rows in [store.query(query)] for row in rows)


def test_code_spans_skip_strings_iris_and_comments() -> None:
    text = 'SELECT ?x { ?x <http://a#b> "s # {" . # c { \n FILTER(?x < 3) }'
    code = "".join(text[a:b] for a, b in code_spans(text))
    assert "#" not in code and '"' not in code and "<http" not in code
    assert "FILTER(?x < 3) }" in code and code.count("{") == 1


def test_only_distinct_sub_selects_without_limit_are_fenced() -> None:
    query = ("SELECT DISTINCT ?x WHERE { { SELECT DISTINCT ?p WHERE { ?s ?p ?o } } "
             "{ select distinct ?x { ?x ?p ?y } LIMIT 3 } { SELECT ?y { ?y ?p ?z } } "
             "{ SELECT DISTINCT ?z { ?z ?p ?w VALUES ?w { <" + EX + "c> } } } "
             'FILTER(STR(?x) != "{ SELECT DISTINCT ?q { } }") }')
    fenced = fence_distinct_subqueries(query)
    assert fenced.count(FENCE.strip()) == 1
    assert fenced.index(FENCE.strip()) < fenced.index("select distinct ?x")


def test_fenced_queries_give_the_same_solutions() -> None:
    store = _store()
    query = (f"PREFIX ex: <{EX}> SELECT DISTINCT ?this ?p WHERE {{ "
             "{ SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p } "
             f'FILTER(STRSTARTS(STR(?p), "{EX}")) FILTER NOT EXISTS {{ ?p ex:kind ?k }} '
             "?this ?p ?v . { SELECT DISTINCT ?v WHERE { ?u ?r ?v FILTER(isIRI(?v)) } } }")
    fenced = fence_distinct_subqueries(query)
    assert fenced.count(FENCE.strip()) == 2
    assert _solutions(store, fenced) == _solutions(store, query)
    assert _solutions(store, query) == [(f"<{EX}c>", f"<{EX}r>"), (f"<{EX}p>", f"<{EX}kind>")]


def test_canonical_renumbers_the_engine_variables_in_code_only() -> None:
    first, names = canonical('SELECT ?this ?_fs7 { ?this <p> ?_fs7 . ?_fs7 <q> $_fs12 }')
    second, _ = canonical('SELECT ?this ?_fs3 { ?this <p> ?_fs3 . ?_fs3 <q> $_fs1 }')
    assert first == second == "SELECT ?this ?_fs0 { ?this <p> ?_fs0 . ?_fs0 <q> $_fs1 }"
    assert names == {"_fs7": "_fs0", "_fs12": "_fs1"}
    text = 'SELECT ?_fs4 { ?_fs4 <p> "?_fs4" }'
    assert canonical(text) == (text, {})
