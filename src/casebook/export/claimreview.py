"""The editors' verdicts as schema.org `ClaimReview`, the markup fact-checkers publish.

`claimreview.jsonld` holds one `ClaimReview` for each claim the editors judged (its `accuracy`
is other than `not-assessed`), in the order of the corpus: the claim, where it appears (the
sources that carry it), whom the sources attribute it to, and the verdict as a `Rating` on the
scale of `RATING_SCALE`, which `SCALE_EXPLANATION` explains and every rating carries.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from casebook.export.annotations import _claim_urls, _json_text, _source_iri
from casebook.models.vocab import Accuracy, PartyKind

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from casebook._library import Casebook
    from casebook.models import Claim

__all__ = [
    "BEST_RATING",
    "CONTEXT",
    "FILE",
    "RATING_SCALE",
    "SCALE_EXPLANATION",
    "WORST_RATING",
    "claim_reviews",
    "write",
]

FILE: Final = "claimreview.jsonld"
"""The name of the file `write` writes."""

CONTEXT: Final = "https://schema.org"
"""The JSON-LD context of schema.org."""

RATING_SCALE: Final[Mapping[Accuracy, int]] = MappingProxyType(
    {Accuracy.INACCURATE: 1, Accuracy.DATED: 2, Accuracy.DISPUTED: 3, Accuracy.CONFIRMED: 4}
)
"""Each verdict's rating: how far the claim, as its source states it, holds up (1 worst)."""

WORST_RATING: Final = min(RATING_SCALE.values())
"""The lowest rating: the claim is contradicted."""

BEST_RATING: Final = max(RATING_SCALE.values())
"""The highest rating: the claim is confirmed."""

SCALE_EXPLANATION: Final = (
    "casebook's editors rate a claim from 1 (worst) to 4 (best) by how far it holds up, as "
    "its source states it, against the other registered sources: 1 inaccurate, another source "
    "contradicts it; 2 dated, it was true once, or of an earlier time, but not at the "
    "source's own date; 3 disputed, sources disagree, or the figure has no traceable origin, "
    "so it is neither shown false nor shown true; 4 confirmed, another source confirms it. "
    "The scale orders the verdicts; the steps between them are not equal."
)
"""What the ratings mean, carried by every rating as its `description`."""


def _editors(site_url: str | None) -> dict[str, Any]:
    editors: dict[str, Any] = {"@type": "Organization", "name": "casebook editors"}
    if site_url is not None:
        editors["url"] = site_url
    return editors


def _party(book: Casebook, party_id: str) -> dict[str, Any]:
    """A party a claim is attributed to: a `Person` if it is one, else an `Organization`.

    Schema.org knows no other kind of author, so states, bodies, armed groups, analysts and
    unnamed sources alike are given as organisations.
    """
    party = book.parties.get(party_id)
    kind = "Person" if party is not None and party.kind is PartyKind.PERSON else "Organization"
    return {"@type": kind, "@id": f"urn:casebook:party:{party_id}", "name": book.name_of(party_id)}


def _appearance(book: Casebook, source_id: str) -> dict[str, Any]:
    """A source that carries the claim, as the `CreativeWork` it is."""
    source = book.sources.get(source_id)
    work: dict[str, Any] = {"@type": "CreativeWork", "@id": _source_iri(source_id, source)}
    if source is None:
        return work
    if source.url is not None:
        work["url"] = str(source.url)
    work["headline"] = source.title
    if source.author is not None:
        work["author"] = {"@type": "Person", "name": source.author}
    if source.publisher is not None:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published is not None:
        work["datePublished"] = source.published
    work["inLanguage"] = source.language
    return work


def _claim(book: Casebook, claim: Claim, urls: Mapping[str, str]) -> dict[str, Any]:
    """A claim as a schema.org `Claim`: its text, where it appears, whom it is attributed to.

    The claim's `date` is when what it describes happened, not when it was said: it is given as
    the claim's `temporalCoverage`.
    """
    node: dict[str, Any] = {"@type": "Claim", "@id": f"urn:casebook:claim:{claim.id}"}
    if claim.id in urls:
        node["url"] = urls[claim.id]
    node["text"] = claim.text
    sources = dict.fromkeys(evidence.source for evidence in claim.evidence)
    node["appearance"] = [_appearance(book, source) for source in sources]
    if claim.attributed_to:
        node["author"] = [_party(book, party) for party in claim.attributed_to]
    if claim.date is not None:
        node["temporalCoverage"] = claim.date
    return node


def _review(
    book: Casebook, claim: Claim, urls: Mapping[str, str], editors: dict[str, Any]
) -> dict[str, Any]:
    note = claim.note or ""
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "@id": f"urn:casebook:claim:{claim.id}:review",
    }
    if claim.id in urls:
        review["url"] = urls[claim.id]
    review |= {
        "claimReviewed": claim.text,
        "itemReviewed": _claim(book, claim, urls),
        "author": editors,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[claim.accuracy],
            "worstRating": WORST_RATING,
            "bestRating": BEST_RATING,
            "alternateName": claim.accuracy.value.capitalize(),
            "ratingExplanation": note,
            "description": SCALE_EXPLANATION,
        },
        "reviewBody": note,
    }
    if claim.corrected_by:
        review["citation"] = [_claim(book, book.claim(other), urls) for other in claim.corrected_by]
    return review


def claim_reviews(book: Casebook, *, site_url: str | None = None) -> list[dict[str, Any]]:
    """A schema.org `ClaimReview` for each claim the editors judged, in the order of the corpus.

    Each review names the claim (`claimReviewed`, and `itemReviewed`: a `Claim` with the
    sources it appears in and the parties it is attributed to) and rates it (`reviewRating`):
    `ratingValue` from `RATING_SCALE`, `alternateName` the verdict (`Inaccurate`…),
    `ratingExplanation` and `reviewBody` the editors' note, `description` the scale's
    explanation. The claims that show the verdict (`corrected_by`) are its `citation`. The
    author is the casebook's editors.

    Identifiers: a review is `urn:casebook:claim:<claim-id>:review`, a claim
    `urn:casebook:claim:<claim-id>`. With `site_url` (the address of the casebook's site, such
    as `https://casebook.readthedocs.io/`) a review's and each claim's `url` is the claim on
    the site, where its verdict is shown.
    """
    urls = _claim_urls(book, site_url) if site_url is not None else {}
    editors = _editors(site_url)
    return [
        _review(book, claim, urls, editors)
        for _, claim in book.claims()
        if claim.accuracy is not Accuracy.NOT_ASSESSED
    ]


def write(book: Casebook, folder: Path, *, site_url: str | None = None) -> tuple[Path, ...]:
    """Write `claimreview.jsonld`, the reviews as one JSON-LD graph, into `folder`, which exists.

    The file is UTF-8 JSON, indented, with DEL, the C1 controls, `<`, `>` and `&` escaped, so
    that it can also stand in an HTML `<script type="application/ld+json">` element.

    Returns:
        The file written.
    """
    graph = [
        {key: value for key, value in review.items() if key != "@context"}
        for review in claim_reviews(book, site_url=site_url)
    ]
    path = folder / FILE
    path.write_text(
        _json_text({"@context": CONTEXT, "@graph": graph}), encoding="utf-8", newline="\n"
    )
    return (path,)
