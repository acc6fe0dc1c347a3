"""Every page generated from the case data, as Markdown keyed by its path in the docs folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import escape
from casebook._presence import DEFAULT_POLICY
from casebook.site._case import case_markdown, cases_index
from casebook.site._comparisons import (
    all_pairs,
    comparisons_index,
    pair_markdown,
    patterns_markdown,
)
from casebook.site._context import Site
from casebook.site._downloads import DOWNLOADS_PAGE, downloads_markdown
from casebook.site._links import (
    CASES,
    CODEBOOK,
    COMPARISONS,
    PATTERNS,
    QCA_EXAMPLE,
    case_page,
    pair_page,
    party_page,
    precedent_page,
    source_page,
)
from casebook.site._qca import qca_markdown
from casebook.site._registry import (
    codebook_markdown,
    parties_index,
    party_markdown,
    precedent_markdown,
    precedents_index,
    source_markdown,
    sources_index,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from casebook._library import Casebook
    from casebook._presence import PresencePolicy

__all__ = ["NAV_PAIRS", "pages"]

NAV_PAIRS = 45
"""Pair pages are listed in the navigation and searched up to this many (ten cases); beyond,
the comparisons page lists them and the search leaves them out. Every page shows its whole
section of the navigation, so a navigation that grew with the square of the cases would make the
site's build time grow with their cube; and a search that found every case's name on a hundred
pair pages would bury the case page itself."""


def _summary(entries: Iterable[tuple[str, str]]) -> str:
    """A literate-nav SUMMARY.md: the folder's index first, then its pages."""
    lines = ["* [Overview](index.md)"]
    lines.extend(f"* [{name}]({path.rsplit('/', 1)[-1]})" for name, path in entries)
    return "\n".join([*lines, ""])


def pages(book: Casebook, *, policy: PresencePolicy = DEFAULT_POLICY) -> dict[str, str]:
    """Every generated page of the site: path in the docs folder → Markdown.

    The pages are a function of the casebook alone: adding a case file adds its page, its
    comparisons with every other case, and its place in the codebook, patterns and indexes.
    Every string from the data is escaped (see `casebook._markdown`), so a case file cannot
    put HTML, scripts or Markdown syntax into the site.

    Args:
        book: The loaded casebook.
        policy: How claims count as evidence of a code, for comparisons and patterns.

    Returns:
        Markdown keyed by path relative to the docs folder (`cases/<id>.md`, …), including
        the `SUMMARY.md` navigation files of mkdocs-literate-nav.
    """
    site = Site.of(book, policy)
    out: dict[str, str] = {CASES: cases_index(site)}
    for case in book.cases.values():
        out[case_page(case.id)] = case_markdown(site, case)
    out["cases/SUMMARY.md"] = _summary(
        (escape(case.title), case_page(case.id)) for case in book.cases.values()
    )

    pairs = all_pairs(site)
    out[COMPARISONS] = comparisons_index(site, pairs)
    out[PATTERNS] = patterns_markdown(site)
    few = len(pairs) <= NAV_PAIRS
    listed = pairs if few else []
    for comparison in pairs:
        out[pair_page(comparison.a, comparison.b)] = pair_markdown(site, comparison, searchable=few)
    out["comparisons/SUMMARY.md"] = _summary(
        [
            ("Cross-case patterns", PATTERNS),
            *(
                (
                    f"{escape(book.cases[c.a].title)} and {escape(book.cases[c.b].title)}",
                    pair_page(c.a, c.b),
                )
                for c in listed
            ),
        ]
    )

    out["sources/index.md"] = sources_index(site)
    for source in book.sources.values():
        out[source_page(source.id)] = source_markdown(site, source)
    out["sources/SUMMARY.md"] = _summary(
        (escape(s.title), source_page(s.id)) for s in book.sources.values()
    )

    out["precedents/index.md"] = precedents_index(site)
    for precedent in book.precedents.values():
        out[precedent_page(precedent.id)] = precedent_markdown(site, precedent)
    out["precedents/SUMMARY.md"] = _summary(
        (escape(p.name), precedent_page(p.id)) for p in book.precedents.values()
    )

    shared = [p for p in book.parties.values() if site.has_party_page(p.id)]
    out["parties/index.md"] = parties_index(site)
    for party in shared:
        out[party_page(party.id)] = party_markdown(site, party)
    out["parties/SUMMARY.md"] = _summary((escape(p.name), party_page(p.id)) for p in shared)

    out[CODEBOOK] = codebook_markdown(site)
    out[QCA_EXAMPLE] = qca_markdown(site)
    out[DOWNLOADS_PAGE] = downloads_markdown(book)
    return out
