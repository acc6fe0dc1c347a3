"""Comparable evidence: status markers, source provenance, and flags that travel with quotes."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import casebook
from casebook import strategies
from casebook._presence import code_evidence
from casebook._provenance import resolve_origins
from casebook.cli import main
from casebook.models import Case, Claim, Evidence, Source
from casebook.models.vocab import Accuracy, EpistemicStatus, SourceKind
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path

    from casebook.models import StatusMarker

PK = "pakistan-us-minerals"
DRC = "drc-us-minerals-for-security"


def _bundled_markers() -> list[StatusMarker]:
    return sorted(casebook.load().status_markers.values(), key=lambda m: m.id)


def _marker_book(tmp_path: Path, marker: StatusMarker, **claim: Any) -> Path:
    """A minibook whose text holds the marker's phrase, quoted by a claim of `status`."""
    sentence = f"The officials {marker.phrase} offered cobalt."
    registry = minibook.registry()
    registry["status_markers"] = [m.model_dump(mode="json") for m in _bundled_markers()]
    data = minibook.case()
    data["claims"].append(
        {
            "id": "mini-marked",
            "text": "A claim whose quote holds a status marker.",
            "evidence": [{"source": "article", "quote": sentence}],
            **claim,
        }
    )
    return minibook.write(
        tmp_path, registry_data=registry, case_data=data, text=minibook.SOURCE_TEXT + sentence
    )


def _contradicting(marker: StatusMarker) -> EpistemicStatus:
    return next(s for s in EpistemicStatus if s not in marker.suggests)


@pytest.mark.parametrize("marker", _bundled_markers(), ids=lambda m: m.id)
def test_each_marker_under_a_contradicting_status_gives_one_located_warning(
    tmp_path: Path, marker: StatusMarker
) -> None:
    """A quote holding a marker, coded with a status the marker does not fit, warns once."""
    status = _contradicting(marker)
    cases = _marker_book(tmp_path, marker, status=status.value)
    book = casebook.load(cases)
    assert len(book.warnings) == 1
    (warning,) = book.warnings
    assert warning.severity == "warning"
    assert warning.file.endswith("mini.yaml")
    assert warning.line > 1
    assert warning.column >= 1
    assert "mini-marked" in warning.message
    assert repr(marker.phrase) in warning.message
    assert f"coded {status.value!r}" in warning.message
    assert str(warning).startswith(f"{warning.file}:{warning.line}:{warning.column}: warning: ")
    with pytest.raises(casebook.CasebookError) as raised:
        casebook.load(cases, strict=True)
    assert list(raised.value.problems) == [warning]


@pytest.mark.parametrize("marker", _bundled_markers(), ids=lambda m: m.id)
def test_a_fitting_status_or_a_reason_settles_the_marker(
    tmp_path: Path, marker: StatusMarker
) -> None:
    """Under a status the marker fits, or with the editors' reason, nothing is said."""
    fitting = _marker_book(tmp_path / "fits", marker, status=marker.suggests[0].value)
    assert casebook.load(fitting, strict=True).warnings == ()
    reasoned = _marker_book(
        tmp_path / "reason",
        marker,
        status=_contradicting(marker).value,
        status_reason="The editors checked it.",
    )
    assert casebook.load(reasoned, strict=True).warnings == ()


def test_may_the_month_is_not_may_the_hedge() -> None:
    """The `may` marker matches the lower-case word only: "in May 2025" is a date."""
    (may,) = (m for m in _bundled_markers() if m.id == "may")
    assert may.found_in("the deal may fail")
    assert not may.found_in("signed in May 2025")
    assert not may.found_in("dismayed")


def test_validate_prints_warnings_and_strict_fails_on_them(tmp_path: Path) -> None:
    """`casebook validate` reports warnings and succeeds; `--strict` exits 1."""
    (marker,) = (m for m in _bundled_markers() if m.id == "reportedly")
    cases = _marker_book(tmp_path, marker, status="fact")
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "--cases", str(cases)], out=out, err=err) == 0
    assert ": warning: claim 'mini-marked' is coded 'fact'" in err.getvalue()
    assert "1 warning (one per line on standard error)" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "--strict", "--cases", str(cases)], out=out, err=err) == 1
    assert ": warning: claim 'mini-marked'" in err.getvalue()
    assert "" == out.getvalue()


def test_bundled_cases_pass_strict_validation() -> None:
    """Every bundled claim fits its quote's markers or gives the editors' reason."""
    book = casebook.load(strict=True)
    assert book.warnings == ()
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", "--strict"], out=out, err=err) == 0


# Provenance --------------------------------------------------------------------------------


def _with_chain(tmp_path: Path, chain: dict[str, list[str]]) -> Path:
    """A minibook whose registry adds URL-only sources deriving as `chain` says."""
    registry = minibook.registry()
    for source_id, upstream in chain.items():
        registry["sources"].append(
            {
                "id": source_id,
                "title": source_id,
                "kind": "news-digest",
                "url": "https://example.org/" + source_id,
                "derived_from": upstream,
            }
        )
    return minibook.write(tmp_path, registry_data=registry)


def test_a_digest_of_a_wire_story_of_an_opinion_piece_has_one_origin(tmp_path: Path) -> None:
    """Three sources in a chain come down to the one at its top."""
    cases = _with_chain(tmp_path, {"opinion": [], "wire": ["opinion"], "digest": ["wire"]})
    book = casebook.load(cases)
    assert book.origins["digest"] == frozenset({"opinion"})
    assert book.origins["wire"] == frozenset({"opinion"})
    assert book.origins["opinion"] == frozenset({"opinion"})
    assert book.origins["article"] == frozenset({"article"})


def test_a_cycle_of_sources_is_a_located_error(tmp_path: Path) -> None:
    """Sources relaying each other in a circle are refused, with the circle spelt out."""
    cases = _with_chain(tmp_path, {"first": ["second"], "second": ["third"], "third": ["first"]})
    with pytest.raises(casebook.CasebookError) as raised:
        casebook.load(cases)
    (problem,) = raised.value.problems
    assert problem.file.endswith("all.yaml")
    assert problem.line > 1
    assert "cycle" in problem.message
    assert "'first' → 'second' → 'third' → 'first'" in problem.message


def test_an_unknown_upstream_source_is_a_located_error(tmp_path: Path) -> None:
    """`derived_from` naming no registered source says which, and suggests the closest."""
    cases = _with_chain(tmp_path, {"digest": ["articel"]})
    with pytest.raises(casebook.CasebookError) as raised:
        casebook.load(cases)
    (problem,) = raised.value.problems
    assert problem.file.endswith("all.yaml")
    assert "'articel'" in problem.message
    assert "'article'" in problem.message


@st.composite
def _dags(draw: st.DrawFn) -> dict[str, tuple[str, ...]]:
    """Source chains without a cycle: each source relays only sources drawn before it."""
    names = draw(st.lists(strategies.ids(), min_size=1, max_size=12, unique=True))
    return {
        name: tuple(draw(st.lists(st.sampled_from(names[:n]), max_size=3, unique=True)))
        if n
        else ()
        for n, name in enumerate(names)
    }


@given(_dags())
def test_origins_are_the_sources_at_the_top_of_each_chain(
    chains: dict[str, tuple[str, ...]],
) -> None:
    """A source relaying nothing is its own origin; any other has its upstream's origins."""
    origins, cycles = resolve_origins(chains)
    assert cycles == []
    assert set(origins) == set(chains)
    for source, upstream in chains.items():
        if not upstream:
            assert origins[source] == frozenset({source})
        else:
            assert origins[source] == frozenset().union(*(origins[u] for u in upstream))
        assert all(not chains[o] for o in origins[source])


@given(_dags(), st.data())
def test_every_cycle_is_found(chains: dict[str, tuple[str, ...]], data: st.DataObject) -> None:
    """Closing a chain on itself gives a cycle through the closing link, however long."""
    names = list(chains)
    first = data.draw(st.sampled_from(names))
    reachable = {first}
    frontier = [first]
    while frontier:
        for upstream in chains[frontier.pop()]:
            if upstream not in reachable:
                reachable.add(upstream)
                frontier.append(upstream)
    last = data.draw(st.sampled_from(sorted(reachable)))
    closed = {**chains, last: (*chains[last], first)}
    _, cycles = resolve_origins(closed)
    assert cycles
    assert any(first in cycle and last in cycle for cycle in cycles)


@given(strategies.cases(code_ids=("alpha", "beta"), source_ids=("s1", "s2", "s3")), st.data())
def test_a_claim_from_an_origin_already_cited_never_raises_the_count(
    case: Case, data: st.DataObject
) -> None:
    """Adding a claim whose source relays one already behind a finding adds no origin."""
    origins = {"s1": frozenset({"s1"}), "s2": frozenset({"s2"}), "s3": frozenset({"s1"})}
    before = code_evidence(case, origins=origins)
    if not before:
        return
    code = data.draw(st.sampled_from(sorted(before)))
    finding = before[code]
    relaying = sorted(s for s, found in origins.items() if found <= finding.origins)
    added = Claim(
        id="added-claim",
        text="Another claim.",
        status=data.draw(st.sampled_from(EpistemicStatus)),
        evidence=(Evidence(source=data.draw(st.sampled_from(relaying)), quote="q"),),
        codes=(code,),
        date=data.draw(st.none() | strategies.partial_dates()),
    )
    grown = case.model_copy(update={"claims": (*case.claims, added)})
    after = code_evidence(grown, origins=origins)
    assert after[code].independent_origins <= finding.independent_origins


# Flags and origins in every rendering ---------------------------------------------------------


def _items(data: Any) -> list[dict[str, Any]]:
    """Every evidence item (a cited claim) anywhere in JSON data."""
    found: list[dict[str, Any]] = []
    if isinstance(data, dict):
        if {"claim", "status", "presence"} <= data.keys():
            found.append(data)
        for value in data.values():
            found += _items(value)
    elif isinstance(data, list):
        for value in data:
            found += _items(value)
    return found


def _json(*argv: str) -> Any:
    out, err = io.StringIO(), io.StringIO()
    assert main([*argv, "--format", "json"], out=out, err=err) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("argv", [("compare", PK, DRC), ("patterns",)], ids=["compare", "patterns"])
def test_json_evidence_items_carry_status_verdict_and_origins(
    book: casebook.Casebook, argv: tuple[str, ...]
) -> None:
    """Each cited claim says its status, the editors' verdict and its independent origins."""
    data = _json(*argv)
    items = _items(data)
    assert items
    for item in items:
        claim = book.claim(item["claim"])
        assert item["status"] == claim.status.value
        assert item["accuracy"] == claim.accuracy.value
        assert item["independent_origins"] == len(item["origins"]) >= 1
        assert data["claims"][item["claim"]]["note"] == claim.note


def test_findings_count_origins_through_source_chains(book: casebook.Casebook) -> None:
    """A finding's origins are those of its claims' sources, resolved through `derived_from`."""
    comparison = book.compare(PK, DRC)
    findings = [
        *(e for s in comparison.shared for e in (s.a, s.b)),
        *(f.evidence for f in (*comparison.only_a, *comparison.only_b)),
    ]
    assert findings
    for evidence in findings:
        expected: set[str] = set()
        for cited in evidence.claims:
            if cited.presence is evidence.presence:
                for quote in book.claim(cited.claim).evidence:
                    expected |= book.origins[quote.source]
        assert evidence.origins == expected
        assert evidence.single_origin == (len(expected) == 1)


def test_questioned_claims_are_weaker_than_observed(book: casebook.Casebook) -> None:
    """A fact flagged dated or disputed gives `questioned`, never `observed`, presence."""
    policy = casebook.PresencePolicy()
    for case in book.cases.values():
        for code, evidence in code_evidence(case, policy, origins=book.origins).items():
            for cited in evidence.claims:
                claim = book.claim(cited.claim)
                if claim.accuracy in {Accuracy.DATED, Accuracy.DISPUTED}:
                    assert cited.presence is not casebook.Presence.OBSERVED, (code, claim.id)


def test_later_developments_count_in_no_case(book: casebook.Casebook) -> None:
    """Claims dated after their case's as-of date support no finding, in every case alike."""
    for case in book.cases.values():
        later = {claim.id for claim in case.later_claims()}
        for evidence in code_evidence(case, origins=book.origins).values():
            assert later.isdisjoint(c.claim for c in evidence.claims)
            assert set(evidence.later) <= later
        counted = casebook.PresencePolicy(later=True)
        everything = code_evidence(case, counted, origins=book.origins)
        shown = {c.claim for e in everything.values() for c in e.claims}
        assert {c for c in later if book.claim(c).codes} <= shown | {
            c for e in everything.values() for c in (*e.uncounted, *e.set_aside)
        }


def test_is_later_compares_whole_date_spans() -> None:
    """A claim is later only when its earliest day falls after the last day of `as_of`."""
    case = Case.model_validate(minibook.case())
    assert case.as_of == "2025-03"
    claim = case.claims[0]
    for date, later in (("2025-04", True), ("2025-03-31", False), ("2025", False), ("2026", True)):
        assert case.is_later(claim.model_copy(update={"date": date})) is later
    assert not case.is_later(claim.model_copy(update={"date": None}))


def test_evidence_base_counts_what_the_cases_rest_on(book: casebook.Casebook) -> None:
    """The evidence base sums to the case's claims and names the origins of its sources."""
    for case in book.cases.values():
        base = casebook.evidence_base(book, case.id)
        assert sum(base.statuses.values()) == len(case.claims)
        assert sum(base.verdicts.values()) == len(case.claims)
        cited = {e.source for c in case.claims for e in c.evidence}
        assert {s for ids in base.sources.values() for s in ids} == cited
        assert set(base.origins) == set().union(*(book.origins[s] for s in cited))
        assert base.later == len(case.later_claims())


def test_seed_000_comes_down_to_one_commentator(book: casebook.Casebook) -> None:
    """The digest relays a wire story that relays one opinion piece: one origin for both."""
    digest = book.sources["seed-000-us-pakistan-mineral-deal"]
    assert digest.derived_from
    (wire,) = digest.derived_from
    assert book.sources[wire].derived_from
    assert book.origins[digest.id] == book.origins[wire]
    assert len(book.origins[digest.id]) == 1


def test_a_source_is_valid_with_only_its_provenance() -> None:
    """A document known only through what relays it needs no file or URL, but says so."""
    Source(
        id="known-via-wire", title="T", kind=SourceKind.ANALYSIS, provenance="Known via the wire."
    )
    with pytest.raises(ValueError, match="provenance"):
        Source(id="unknowable", title="T", kind=SourceKind.ANALYSIS)


def test_policy_describes_the_questioned_and_later_rules() -> None:
    """The rule printed with every comparison names both new kinds of caution."""
    rule = casebook.PresencePolicy().describe()
    assert "questioned: observed claims flagged dated, disputed" in rule
    assert "dated after the case's as-of date: kept apart" in rule


def _run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert main(list(argv), out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_markdown_shows_verdicts_notes_and_origins(book: casebook.Casebook) -> None:
    """Judged claims carry their verdict and note; findings their origins, single ones named."""
    comparison = book.compare(PK, DRC)
    text = _run("compare", PK, DRC, "--format", "markdown")
    findings = [
        *(e for s in comparison.shared for e in (s.a, s.b)),
        *(f.evidence for f in (*comparison.only_a, *comparison.only_b)),
    ]
    judged = {
        c.claim
        for e in findings
        for c in e.claims
        if book.claim(c.claim).accuracy is not Accuracy.NOT_ASSESSED
    }
    assert judged
    for claim_id in judged:
        claim = book.claim(claim_id)
        verdict = f"      - *Editors' verdict: {claim.accuracy.value}.* "
        lines = text.splitlines()
        for n, line in enumerate(lines):
            if line.startswith(f"    - `{claim_id}` ("):
                assert lines[n + 1].startswith(verdict), claim_id
    assert text.count("single origin (") == sum(e.single_origin for e in findings)
    assert "## Evidence base" in text


def test_terminal_text_shows_verdicts_and_origins(book: casebook.Casebook) -> None:
    """The terminal view names the editors' verdicts and the origins behind each finding."""
    text = _run("compare", PK, DRC)
    comparison = book.compare(PK, DRC)
    cited = {c.claim for s in comparison.shared for e in (s.a, s.b) for c in e.claims}
    verdicts = {book.claim(c).accuracy for c in cited} - {Accuracy.NOT_ASSESSED}
    for verdict in verdicts:
        assert f"editors: {verdict.value}" in text
    assert "independent origins" in text
    assert "single origin" in text
    assert "Evidence base: what each case rests on" in text
