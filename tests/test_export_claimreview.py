"""The editors' verdicts as schema.org ClaimReview: one per verdict, on an explained scale."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import casebook
from casebook.export import claimreview
from casebook.models import Accuracy, PartyKind
from casebook.site import pages
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path

    from casebook.models import Claim

SITE = "https://casebook.readthedocs.io/"
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character or DEL but the line break."""


def _judged(book: casebook.Casebook) -> list[Claim]:
    """The claims the editors judged, the cases' then the precedents', in file order."""
    claims = [claim for case in book.cases.values() for claim in case.claims]
    claims += [claim for precedent in book.precedents.values() for claim in precedent.claims]
    return [claim for claim in claims if claim.accuracy is not Accuracy.NOT_ASSESSED]


def test_one_review_per_verdict_in_corpus_order(book: casebook.Casebook) -> None:
    """Every claim with an editors' verdict, and only those, has a review, in order."""
    reviews = claimreview.claim_reviews(book)
    judged = _judged(book)
    assert judged
    assert len(judged) == len(reviews)
    assert [claim.text for claim in judged] == [review["claimReviewed"] for review in reviews]
    for review in reviews:
        assert "https://schema.org" == review["@context"]
        assert "ClaimReview" == review["@type"]
        assert "Claim" == review["itemReviewed"]["@type"]
        assert {"@type": "Organization", "name": "casebook editors"} == review["author"]


def test_each_rating_lies_on_the_explained_scale(book: casebook.Casebook) -> None:
    """A rating is the verdict's value between worst and best, named, explained, with the note."""
    for claim, review in zip(_judged(book), claimreview.claim_reviews(book), strict=True):
        rating = review["reviewRating"]
        assert "Rating" == rating["@type"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert claimreview.RATING_SCALE[claim.accuracy] == rating["ratingValue"]
        assert claim.accuracy.value == rating["alternateName"].lower()
        assert claim.note == rating["ratingExplanation"] == review["reviewBody"]
        assert claimreview.SCALE_EXPLANATION == rating["description"]


def test_the_scale_orders_every_verdict_and_explains_each() -> None:
    """Every verdict has its own rating, contradicted worst, confirmed best, each explained."""
    scale = claimreview.RATING_SCALE
    verdicts = set(Accuracy) - {Accuracy.NOT_ASSESSED}
    assert verdicts == set(scale)
    assert len(verdicts) == len(set(scale.values()))
    assert min(scale.values()) == scale[Accuracy.INACCURATE] == claimreview.WORST_RATING
    assert max(scale.values()) == scale[Accuracy.CONFIRMED] == claimreview.BEST_RATING
    for verdict, value in scale.items():
        assert f"{value} {verdict.value}" in claimreview.SCALE_EXPLANATION


def test_the_claim_reviewed_appears_in_its_sources_said_by_its_parties(
    book: casebook.Casebook,
) -> None:
    """The claim appears in each of its sources, once, and is authored by its parties."""
    for claim, review in zip(_judged(book), claimreview.claim_reviews(book), strict=True):
        item = review["itemReviewed"]
        assert claim.text == item["text"]
        sources = [book.sources[s] for s in dict.fromkeys(e.source for e in claim.evidence)]
        works = item["appearance"]
        assert [source.title for source in sources] == [work["headline"] for work in works]
        for source, work in zip(sources, works, strict=True):
            assert (str(source.url) if source.url else None) == work.get("url")
            assert source.published == work.get("datePublished")
            assert source.publisher == work.get("publisher", {}).get("name")
        parties = [book.parties[party] for party in claim.attributed_to]
        authors = item.get("author", [])
        assert [party.name for party in parties] == [author["name"] for author in authors]
        for party, author in zip(parties, authors, strict=True):
            expected = "Person" if party.kind is PartyKind.PERSON else "Organization"
            assert expected == author["@type"]


def test_the_claims_that_show_a_verdict_are_cited(book: casebook.Casebook) -> None:
    """A review cites the claims that correct or confirm the one it judges, with their texts."""
    cited = 0
    for claim, review in zip(_judged(book), claimreview.claim_reviews(book), strict=True):
        citations = review.get("citation", [])
        assert [book.claim(other).text for other in claim.corrected_by] == [
            citation["text"] for citation in citations
        ]
        cited += len(citations)
    assert cited > 0


def test_with_a_site_each_review_opens_its_claim(book: casebook.Casebook) -> None:
    """With the site's address, a review's url is the page that shows the claim, at it."""
    site = pages(book)
    for claim, review in zip(
        _judged(book), claimreview.claim_reviews(book, site_url=SITE), strict=True
    ):
        url = review["url"]
        assert url.startswith(SITE)
        assert url.endswith(f"#{claim.id}")
        path = url.removeprefix(SITE).removesuffix(f"#{claim.id}")
        assert f'id="{claim.id}"' in site[path.rstrip("/") + ".md"]
        for other, citation in zip(claim.corrected_by, review.get("citation", []), strict=True):
            assert citation["url"].endswith(f"#{other}")


def test_the_file_written_is_the_reviews_as_one_graph(
    book: casebook.Casebook, tmp_path: Path
) -> None:
    """`claimreview.jsonld` is UTF-8 JSON-LD: the reviews as one graph, read back unchanged."""
    [path] = claimreview.write(book, tmp_path)
    assert tmp_path / "claimreview.jsonld" == path
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    document = json.loads(text)
    assert "https://schema.org" == document["@context"]
    reviews = claimreview.claim_reviews(book)
    assert [{k: v for k, v in r.items() if k != "@context"} for r in reviews] == document["@graph"]
    assert _CONTROLS.search(text) is None


HOSTILE = "Evil </script><b>bold</b> \x1b[2J and \x9b31m here."


def test_markup_and_controls_in_the_data_stay_inert_strings(tmp_path: Path) -> None:
    """A verdict's markup and controls are escaped in the file, and read back as they were."""
    data = minibook.case()
    data["claims"][0]["text"] = "Claim " + HOSTILE
    data["claims"][0]["note"] = "Note " + HOSTILE
    data["claims"][0]["accuracy"] = "disputed"
    registry = minibook.registry()
    registry["sources"][0]["title"] = "Title " + HOSTILE
    book = casebook.load(minibook.write(tmp_path / "book", registry_data=registry, case_data=data))
    [path] = claimreview.write(book, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert _CONTROLS.search(text) is None
    assert "</script>" not in text
    assert "<b>" not in text
    strings = minibook.strings(json.loads(text))
    assert {"Claim " + HOSTILE, "Note " + HOSTILE, "Title " + HOSTILE} <= set(strings)
