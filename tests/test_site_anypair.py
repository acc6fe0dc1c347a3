"""The data of the page that compares any two cases: every case, verbatim, linear in size."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import casebook
from casebook._compare import QUESTIONS, Component, weighted_similarity
from casebook._presence import code_evidence
from casebook._profile import COMPONENTS, DEFAULT_WEIGHTS, component_sets
from casebook.models import Accuracy
from casebook.site import downloads
from casebook.site._anypair import ANYPAIR_DATA, anypair_data, anypair_markdown, page_url
from casebook.site._context import Site
from casebook.site._links import ANY_PAIR, case_page, link

if TYPE_CHECKING:
    from collections.abc import Mapping

HOSTILE = '</script><img src=x onerror="alert(1)"> "><b>x</b> \x9b[31m \u2028'
"""Markup, a JSON-in-HTML breaker, a C1 control (CSI) and a JavaScript line separator."""


@pytest.fixture(scope="module")
def data(book: casebook.Casebook) -> dict[str, Any]:
    """The any-pair data of the bundled casebook, parsed."""
    parsed: dict[str, Any] = json.loads(anypair_data(book))
    return parsed


def _cases(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in data["cases"]}


def test_the_data_holds_every_case_with_its_title_and_page(
    book: casebook.Casebook, data: dict[str, Any]
) -> None:
    """Every case is there once, with its title and the address of its page on the site."""
    cases = _cases(data)
    assert len(cases) == len(data["cases"])
    assert set(cases) == set(book.cases)
    for case in book.cases.values():
        assert cases[case.id]["title"] == case.title
        assert cases[case.id]["url"] == f"cases/{case.id}/"


def test_each_code_quotes_the_strongest_claim_verbatim(
    book: casebook.Casebook, data: dict[str, Any]
) -> None:
    """For every code a case has evidence for: its kind, and its strongest claim's quote as is."""
    for case_id, case in _cases(data).items():
        evidence = code_evidence(book.cases[case_id], origins=book.origins)
        assert set(case["evidence"]) == set(evidence)
        for code, found in evidence.items():
            entry = case["evidence"][code]
            strongest = book.claim(found.claims[0].claim)
            assert entry["presence"] == found.presence.value
            assert entry["claim"] == strongest.id
            assert entry["quote"] == strongest.evidence[0].quote
            source = strongest.evidence[0].source
            assert entry["source"] == source
            assert data["sources"][source]["title"] == book.sources[source].title
            assert entry["origins"] == found.independent_origins
            assert data["codes"][code]["label"] == book.codebook[code].label


def test_each_cited_claim_carries_its_status_and_verdict(
    book: casebook.Casebook, data: dict[str, Any]
) -> None:
    """Every claim the data cites has its status; a judged claim its verdict and note."""
    for case in data["cases"]:
        cited = {entry["claim"] for entry in case["evidence"].values()}
        cited |= {c for answers in case["answers"] for a in answers for c in a["claims"]}
        assert cited <= set(case["claims"])
        for claim_id, entry in case["claims"].items():
            claim = book.claim(claim_id)
            assert entry["status"] == claim.status.value
            if claim.accuracy is Accuracy.NOT_ASSESSED:
                assert "verdict" not in entry
            else:
                assert entry["verdict"] == claim.accuracy.value
                assert entry.get("note") == claim.note


def test_the_sets_and_weights_give_the_similarity_of_compare(
    book: casebook.Casebook, data: dict[str, Any]
) -> None:
    """The sets and weights in the data give `compare`'s similarity and components, every pair."""
    cases = _cases(data)
    weights = [c["weight"] for c in data["components"]]
    assert [c["name"] for c in data["components"]] == list(COMPONENTS)
    assert weights == list(DEFAULT_WEIGHTS.as_tuple())
    for case_id, case in cases.items():
        assert case["sets"] == [sorted(s) for s in component_sets(book.cases[case_id])]
    for a in cases:
        for b in cases:
            expected = casebook.compare(book.cases[a], book.cases[b])
            components = [
                Component(name, weight, len(set(x)), len(set(y)), len(set(x) & set(y)))
                for name, weight, x, y in zip(
                    COMPONENTS, weights, cases[a]["sets"], cases[b]["sets"], strict=True
                )
            ]
            assert list(expected.components) == components
            assert expected.similarity == weighted_similarity(components)


def test_the_answers_are_those_of_compare(book: casebook.Casebook, data: dict[str, Any]) -> None:
    """Each case's answers to the comparison's questions are those `compare` gives it."""
    cases = _cases(data)
    assert [q["key"] for q in data["questions"]] == [k for k, _ in QUESTIONS]
    for case_id, case in cases.items():
        comparison = casebook.compare(book.cases[case_id], book.cases[case_id])
        for question, answers in zip(comparison.questions, case["answers"], strict=True):
            assert [
                {"label": a.label, "text": a.text, "about": list(a.about), "claims": list(a.claims)}
                for a in question.a
            ] == answers


def test_every_address_is_a_page_of_the_site(book: casebook.Casebook, data: dict[str, Any]) -> None:
    """Claims link the page that shows them: their case's own page unless the data says."""
    site = Site.of(book, casebook.PresencePolicy())
    for case in data["cases"]:
        for claim_id, entry in case["claims"].items():
            shown_on = site.claim_pages[claim_id]
            expected = None if shown_on == case_page(case["id"]) else page_url(shown_on, claim_id)
            assert entry.get("url") == expected
    for code, entry in data["codes"].items():
        assert entry["url"] == f"codebook/#{code}"


def _copies(book: casebook.Casebook, count: int) -> casebook.Casebook:
    """The casebook with `count` copies of one case, ids of one length."""
    case = next(iter(book.cases.values()))
    many = {f"copy-{n:03d}": case.model_copy(update={"id": f"copy-{n:03d}"}) for n in range(count)}
    return attrs.evolve(book, cases=many)


def test_size_grows_linearly_with_the_cases(book: casebook.Casebook) -> None:
    """Each case adds the same bytes however many there are: nothing is stored per pair."""
    size = {n: len(anypair_data(_copies(book, n))) for n in (3, 6, 12)}
    assert size[12] - size[6] == 2 * (size[6] - size[3])
    assert size[6] > size[3]


def test_text_from_the_data_stays_as_it_is_and_inert(book: casebook.Casebook) -> None:
    """A title holding markup and control characters comes back as it was, C1 escaped."""
    case = next(iter(book.cases.values()))
    hostile = case.model_copy(update={"title": HOSTILE})
    raw = anypair_data(attrs.evolve(book, cases={case.id: hostile}))
    assert "\x9b" not in raw.decode()
    assert "\\u009b" in raw.decode()
    assert json.loads(raw)["cases"][0]["title"] == HOSTILE


def test_the_page_links_the_data_the_build_writes(book: casebook.Casebook) -> None:
    """The page holds the two menus and the container, and links the data among the files."""
    page = anypair_markdown(Site.of(book, casebook.PresencePolicy()))
    assert f"]({link(ANY_PAIR, ANYPAIR_DATA)}){{ #cb-anypair-data }}" in page
    for element in ('<select id="cb-anypair-a"', '<select id="cb-anypair-b"', 'id="cb-anypair"'):
        assert element in page
    assert "<noscript" in page
    assert json.loads(downloads(book)[ANYPAIR_DATA]) == json.loads(anypair_data(book))
