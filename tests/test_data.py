"""The bundled data itself: the invariants a student relies on when reading a case."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from casebook._text import normalise
from casebook.models import Accuracy, EpistemicStatus

if TYPE_CHECKING:
    from casebook import Casebook
    from casebook.models import Claim

SEED_SOURCES = {
    "seed-000-us-pakistan-mineral-deal": "pakistan-us-minerals",
    "seed-001-munir-us-visit-mediabites": "pakistan-us-minerals",
    "seed-002-drc-minerals-for-security": "drc-us-minerals-for-security",
}
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _article(book: Casebook, source_id: str) -> str:
    """The source's text with its excluded passages cut out, normalised line by line."""
    text = book.source_text(source_id)
    assert text is not None
    lines = [normalise(line) for line in text.splitlines()]
    kept = "\n".join(lines)
    for span in book.sources[source_id].excluded:
        start = kept.index(normalise(span.start))
        if span.end is None:
            end = kept.find("\n", start)
            end = len(kept) if end < 0 else end
        else:
            end = kept.index(normalise(span.end), start) + len(normalise(span.end))
        kept = kept[:start] + "\n" + kept[end:]
    return kept


def _quotes(book: Casebook, source_id: str) -> list[tuple[Claim, str]]:
    return [
        (claim, normalise(evidence.quote))
        for _, claim in book.claims()
        for evidence in claim.evidence
        if evidence.source == source_id
    ]


def test_the_two_founding_cases_are_bundled(book: Casebook) -> None:
    """Both founding cases load from the bundled data (others may join them)."""
    assert {"pakistan-us-minerals", "drc-us-minerals-for-security"} <= set(book.cases)


def test_seeds_are_unchanged(book: Casebook) -> None:
    """The seed articles are byte for byte the texts whose hashes the registry records.

    Loading refuses a text whose hash is not the registered one; here the hashes are checked
    again from the files' bytes, and every seed in `seeds/` is a registered source's text.
    """
    seeds = book.root.parent / "seeds"
    registered = {
        Path(book.sources[source_id].file or "").name: book.sources[source_id].sha256
        for source_id in SEED_SOURCES
    }
    digests = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(seeds.iterdir())
    }
    assert registered == digests
    for source_id, source in book.sources.items():
        text = book.source_text(source_id)
        if text is not None:
            assert source.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest(), source_id


@pytest.mark.parametrize("source_id", sorted(SEED_SOURCES))
def test_every_quote_is_verbatim_article_text(book: Casebook, source_id: str) -> None:
    """Each quote occurs in its seed outside every excluded passage."""
    article = _article(book, source_id).replace("\n", " ")
    missing = [
        (claim.id, quote) for claim, quote in _quotes(book, source_id) if quote not in article
    ]
    assert [] == missing


@pytest.mark.parametrize("source_id", sorted(SEED_SOURCES))
def test_every_sentence_of_every_seed_is_quoted(book: Casebook, source_id: str) -> None:
    """Coverage is 100%: every word of every sentence of the article lies inside a quote."""
    article = _article(book, source_id)
    flat = article.replace("\n", " ")
    covered = [False] * len(flat)
    for _, quote in _quotes(book, source_id):
        start = flat.find(quote)
        while start >= 0:
            covered[start : start + len(quote)] = [True] * len(quote)
            start = flat.find(quote, start + 1)
    sentences = [s for s in _SENTENCE_END.split(article) if _WORD.search(s)]
    uncovered = []
    offset = 0
    for sentence in sentences:
        at = flat.index(sentence, offset)
        offset = at + len(sentence)
        words = [(at + m.start(), at + m.end()) for m in _WORD.finditer(sentence)]
        if not all(all(covered[a:b]) for a, b in words):
            uncovered.append(sentence)
    assert len(sentences) > 5
    assert [] == uncovered


def test_excluded_passages_cover_comments_links_and_boilerplate(book: Casebook) -> None:
    """Reader comments, READ MORE links and site furniture are registered as not evidence."""
    reasons = {
        (source_id, span.reason.value)
        for source_id in SEED_SOURCES
        for span in book.sources[source_id].excluded
    }
    assert ("seed-001-munir-us-visit-mediabites", "reader-comments") in reasons
    assert ("seed-001-munir-us-visit-mediabites", "link") in reasons
    assert ("seed-000-us-pakistan-mineral-deal", "boilerplate") in reasons
    assert ("seed-002-drc-minerals-for-security", "boilerplate") in reasons


def test_every_code_used_is_in_the_codebook(book: Casebook) -> None:
    """No claim carries a code the codebook does not define."""
    used = {code for _, claim in book.claims() for code in claim.codes}
    assert set() == used - set(book.codebook)


def test_claims_are_coded_or_explained(book: Casebook) -> None:
    """Comparison works through codes: a seed claim without one is an annotated side remark."""
    unexplained = [
        claim.id
        for case in book.cases.values()
        for claim in case.claims
        if any(e.source in SEED_SOURCES for e in claim.evidence) and not claim.codes
        if claim.note is None
    ]
    coded = sum(1 for case in book.cases.values() for claim in case.claims if claim.codes)
    assert [] == unexplained
    assert coded > 80


def test_structures_cite_claims_of_their_case(book: Casebook) -> None:
    """Offers, roles, status entries, trade-offs, precedent links and events all cite claims."""
    for case in book.cases.values():
        own = {claim.id for claim in case.claims} | {
            claim.id for p in book.precedents.values() for claim in p.claims
        }
        cited = [
            *(c for entry in case.deal.status for c in entry.claims),
            *(c for member in case.deal.parties for c in member.claims),
            *(c for offer in case.deal.offers for c in offer.claims),
            *(
                c
                for t in case.trade_offs
                for item in (*t.gains, *t.costs, *t.risks)
                for c in item.claims
            ),
            *(c for link in case.precedents for c in link.claims),
            *(c for event in case.events for c in event.claims),
        ]
        assert cited
        assert set(cited) <= own
        assert case.host in {m.party for m in case.deal.parties if m.role.value == "host"}


def _claim_quoting(book: Casebook, fragment: str) -> Claim:
    matches = [
        claim
        for _, claim in book.claims()
        for e in claim.evidence
        if fragment in normalise(e.quote)
    ]
    assert matches, fragment
    flagged = [claim for claim in matches if claim.accuracy is not Accuracy.NOT_ASSESSED]
    return (flagged or matches)[0]


def _corrections_are_sourced(book: Casebook, claim: Claim) -> None:
    assert claim.note
    assert claim.corrected_by
    for correction_id in claim.corrected_by:
        correction = book.claim(correction_id)
        assert all(book.sources[e.source].url is not None for e in correction.evidence)


def test_doha_agreement_misattribution_is_flagged(book: Casebook) -> None:
    """Seed 000 credits the 2020 Doha Agreement to Biden: kept as said, marked inaccurate."""
    claim = _claim_quoting(book, "Biden administration's Doha Agreement")
    assert Accuracy.INACCURATE is claim.accuracy
    assert "Trump" in (claim.note or "")
    _corrections_are_sourced(book, claim)


def test_former_president_wording_is_flagged_with_its_dating_consequence(book: Casebook) -> None:
    """The "former US President" wording is flagged, and the note says what it implies."""
    quoting = [
        claim
        for _, claim in book.claims()
        if any("former US President donald trump" in normalise(e.quote) for e in claim.evidence)
    ]
    wording = [c for c in quoting if c.accuracy in {Accuracy.DATED, Accuracy.INACCURATE}]
    assert wording
    for claim in wording:
        assert "date" in (claim.note or "").lower() or "written" in (claim.note or "").lower()
        _corrections_are_sourced(book, claim)


def test_the_misattribution_of_doha_is_the_digests_own(book: Casebook) -> None:
    """The wire story the digest condenses credits Doha to Trump: the error is not Restelli's."""
    claim = _claim_quoting(book, "Biden administration's Doha Agreement")
    assert "sergio-restelli" not in claim.attributed_to
    wire = book.sources["seed-000-us-pakistan-mineral-deal"].derived_from
    assert any(
        book.sources[e.source].id in wire
        for correction in claim.corrected_by
        for e in book.claim(correction).evidence
    )


def test_seed_000_is_dated_no_earlier_than_the_wire_story(book: Casebook) -> None:
    """The digest condenses a wire story of 28 August 2025, so it cannot be older."""
    digest = book.sources["seed-000-us-pakistan-mineral-deal"]
    (wire,) = digest.derived_from
    published = book.sources[wire].published
    assert published is not None
    assert digest.date_inference is not None
    assert digest.date_inference.earliest is not None
    assert digest.date_inference.earliest >= published


def test_meeting_with_general_brown_is_flagged(book: Casebook) -> None:
    """Seed 001's meeting with Gen. Brown, who had left office, is marked dated with sources."""
    claim = _claim_quoting(book, "Gen. Charles Q. Brown")
    assert claim.accuracy in {Accuracy.DATED, Accuracy.INACCURATE}
    assert "2023" in (claim.note or "")
    _corrections_are_sourced(book, claim)


def test_sandak_is_read_as_saindak(book: Casebook) -> None:
    """The seed's "Sandak" is the Saindak project: the claim is about it and the alias is known."""
    claim = _claim_quoting(book, "Reko Diq and Sandak")
    assert "saindak" in claim.about
    assert "Saindak" in (claim.note or "")
    assert "Sandak" in book.precedents["saindak"].aliases


def test_twenty_four_trillion_is_disputed(book: Casebook) -> None:
    """The untraceable "$24 trillion" estimate is recorded as disputed, with sources."""
    claim = _claim_quoting(book, "$24 trillion")
    assert Accuracy.DISPUTED is claim.accuracy
    assert claim.note


def test_allegation_and_denial_are_kept_apart(book: Casebook) -> None:
    """Rwanda's alleged backing of M23 and its denial are separate claims of their kind."""
    statuses = {
        claim.status
        for claim in book.cases["drc-us-minerals-for-security"].claims
        if "rwanda" in claim.about
    }
    assert {EpistemicStatus.ALLEGED, EpistemicStatus.DENIED} <= statuses


def test_undated_seeds_record_how_their_date_was_inferred(book: Casebook) -> None:
    """Each seed has a date inference with its reasoning and a confidence."""
    for source_id in SEED_SOURCES:
        inference = book.sources[source_id].date_inference
        assert inference is not None
        assert len(inference.reasoning) > 100


def test_precedents_named_by_the_seeds_are_registered(book: Casebook) -> None:
    """Reko Diq, Saindak, CPEC, the Doha Agreement and the US-Ukraine deal are precedents."""
    wanted = {"reko-diq", "saindak", "cpec", "doha-agreement", "us-ukraine-minerals-agreement"}
    assert wanted <= set(book.precedents)
    linked = {link.precedent for case in book.cases.values() for link in case.precedents}
    assert wanted <= linked
