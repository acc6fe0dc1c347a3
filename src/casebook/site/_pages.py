"""Every page generated from the case data, as Markdown keyed by its path in the docs folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import escape
from casebook._presence import DEFAULT_POLICY
from casebook.site._anypair import anypair_markdown
from casebook.site._brief import BRIEFS, brief_markdown, brief_page, briefs_index
from casebook.site._case import case_markdown, cases_index
from casebook.site._comparisons import (
    NEAREST,
    any_pair_markdown,
    choose_pairs,
    chosen_comparisons,
    comparisons_index,
    pair_markdown,
    patterns_markdown,
)
from casebook.site._context import Site
from casebook.site._downloads import DOWNLOADS_PAGE, downloads_markdown
from casebook.site._links import (
    ANY_PAIR,
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
from casebook.site._map import MAP_PAGE, map_markdown
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
from casebook.site._timeline import TIMELINE, timeline_markdown

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from casebook._library import Casebook
    from casebook._presence import PresencePolicy

__all__ = ["NAV_LIMIT", "pages"]

NAV_LIMIT = 45
"""A section of the navigation lists its pages up to this many; beyond, it shows its overview
page alone, which lists and links them all. Material renders the whole open section of the
navigation on every page in it, so a section that listed every case, brief, party or source of a
large corpus would make each page grow with the corpus and the site with its square. Pair pages
beyond this many are also left out of the search, where a case's name found on dozens of them
would bury the case page itself."""


def _summary(entries: Iterable[tuple[str, str]], fixed: Sequence[tuple[str, str]] = ()) -> str:
    """A literate-nav SUMMARY.md: the folder's index, its `fixed` pages, then its other pages.

    The other pages are listed only while there are at most `NAV_LIMIT` of them.
    """
    listed = list(entries)
    if len(listed) > NAV_LIMIT:
        listed = []
    lines = ["* [Overview](index.md)"]
    lines.extend(f"* [{name}]({path.rsplit('/', 1)[-1]})" for name, path in [*fixed, *listed])
    return "\n".join([*lines, ""])


def pages(
    book: Casebook,
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    nearest: int = NEAREST,
    site_url: str | None = None,
) -> dict[str, str]:
    """Every generated page of the site: path in the docs folder → Markdown.

    The pages are a function of the casebook alone: adding a case file adds its page, its
    comparisons with its nearest cases, and its place in the codebook, patterns and indexes.
    A pair of cases has a page of its own when one is among the other's `nearest` most
    similar cases (ties by case id), or when one invokes a precedent the other studies; so
    the pages grow with the cases, not with their pairs. Every string from the data is escaped
    (see `casebook._markdown`), so a case file cannot put HTML, scripts or Markdown syntax
    into the site.

    Args:
        book: The loaded casebook.
        policy: How claims count as evidence of a code, for comparisons and patterns.
        nearest: How many of its most similar cases each case is compared with on a page of
            the two; with at least the number of cases less one, every pair has a page.
        site_url: The published site's address, for the address each brief gives in its
            citation.

    Returns:
        Markdown keyed by path relative to the docs folder (`cases/<id>.md`, …), including
        the `SUMMARY.md` navigation files of mkdocs-literate-nav.

    Raises:
        TypeError: `nearest` is not a whole number.
        ValueError: `nearest` is negative.
    """
    site = Site.of(book, policy)
    choice = choose_pairs(book, policy=policy, nearest=nearest)
    out: dict[str, str] = {CASES: cases_index(site)}
    for case in book.cases.values():
        out[case_page(case.id)] = case_markdown(site, case, choice)
    out["cases/SUMMARY.md"] = _summary(
        (escape(case.title), case_page(case.id)) for case in book.cases.values()
    )
    out[BRIEFS] = briefs_index(site)
    for case in book.cases.values():
        out[brief_page(case.id)] = brief_markdown(site, case, site_url=site_url)
    out["briefs/SUMMARY.md"] = _summary(
        (escape(case.title), brief_page(case.id)) for case in book.cases.values()
    )
    out[TIMELINE] = timeline_markdown(site)

    pairs = chosen_comparisons(site, choice)
    out[COMPARISONS] = comparisons_index(site, pairs, choice)
    out[PATTERNS] = patterns_markdown(site)
    out[ANY_PAIR] = anypair_markdown(site)
    few = len(pairs) <= NAV_LIMIT
    for comparison in pairs:
        out[pair_page(comparison.a, comparison.b)] = pair_markdown(site, comparison, searchable=few)
    out["comparisons/SUMMARY.md"] = _summary(
        (
            (
                f"{escape(book.cases[c.a].title)} and {escape(book.cases[c.b].title)}",
                pair_page(c.a, c.b),
            )
            for c in pairs
        ),
        fixed=[("Cross-case patterns", PATTERNS), ("Compare any two", ANY_PAIR)],
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

    paged = [p for p in book.parties.values() if site.has_party_page(p.id)]
    out["parties/index.md"] = parties_index(site)
    for party in paged:
        out[party_page(party.id)] = party_markdown(site, party)
    out["parties/SUMMARY.md"] = _summary((escape(p.name), party_page(p.id)) for p in paged)

    out[CODEBOOK] = codebook_markdown(site)
    out[QCA_EXAMPLE] = qca_markdown(site)
    out[DOWNLOADS_PAGE] = downloads_markdown(book)
    out[MAP_PAGE] = map_markdown(site)
    if ANY_PAIR not in out:
        out[ANY_PAIR] = any_pair_markdown(site)
    return out
