"""The site's search finds each claim as a result of its own, and leads to the claim.

The fixtures (`site`, `page`…) are in `tests/browsing.py`: one build and one browser for the
session.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

    import casebook
    from tests.browsing import Site

TAG = re.compile(r"<[^>]+>")
SHORTEST = 5
"""The shortest word a query is made of: the search drops stopwords, which are mostly short."""


def _index(root: Path) -> dict[str, Any]:
    """The search index of the built site."""
    index: dict[str, Any] = json.loads(
        (root / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return index


def _claim_locations(book: casebook.Casebook) -> dict[str, str]:
    """Claim id → where the claim is in the built site, as the search index names it."""
    locations = {
        claim.id: f"cases/{case.id}/#{claim.id}"
        for case in book.cases.values()
        for claim in case.claims
    }
    locations.update(
        (claim.id, f"precedents/{precedent.id}/#{claim.id}")
        for precedent in book.precedents.values()
        for claim in precedent.claims
    )
    return locations


def _flat(text: str) -> str:
    """Text as the site shows it: whitespace runs as one space."""
    return " ".join(text.split())


def test_every_claim_is_a_search_entry_of_its_own(book: casebook.Casebook, site_dir: Path) -> None:
    """Each claim of a case or precedent is indexed apart, titled with its text, at its anchor."""
    entries = {doc["location"]: doc for doc in _index(site_dir)["docs"]}
    for claim_id, location in _claim_locations(book).items():
        assert location in entries, location
        entry = entries[location]
        assert _flat(book.claim(claim_id).text) == html.unescape(TAG.sub("", entry["title"]))
        for evidence in book.claim(claim_id).evidence:
            assert _flat(evidence.quote) in html.unescape(TAG.sub("", entry["text"])), claim_id


def _distinctive(index: dict[str, Any], locations: list[str]) -> tuple[str, str]:
    """The first of the claims with two adjacent words in its text no other search title has.

    Words are split as the search splits them; a word counts when no word of another entry's
    title starts with it, since the search completes each word typed.
    """
    separator = re.compile(index["config"]["separator"])
    titles = {
        doc["location"]: [w.lower() for w in separator.split(TAG.sub("", doc["title"])) if w]
        for doc in index["docs"]
    }
    for location in locations:
        others = {word for where, words in titles.items() if where != location for word in words}
        words = [w.rstrip(".,;:") for w in titles[location]]
        words = [w for w in words if len(w) >= SHORTEST and w.isalpha()]
        rare = [not any(other.startswith(word) for other in others) for word in words]
        for i in range(len(words) - 1):
            if rare[i] and rare[i + 1]:
                return location, f"{words[i]} {words[i + 1]}"
    pytest.fail(f"no claim among {len(locations)} has two words found in no other title")


def _first_result_sections(page: Page, site: Site, query: str) -> list[str]:
    """Search the site, and return the links to sections in the first result."""
    page.goto(site.url, wait_until="load")
    page.locator("body").press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.fill(query)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    links: list[str] = first.locator("a").evaluate_all("links => links.map(link => link.href)")
    return [link for link in links if urlsplit(link).fragment]


@pytest.mark.parametrize("holder", ["cases", "precedents"])
def test_searching_a_phrase_of_a_claim_leads_to_the_claim(
    page: Page, site: Site, book: casebook.Casebook, holder: str
) -> None:
    """The first result of a search for words of a claim links to the claim's own anchor."""
    located = [loc for loc in _claim_locations(book).values() if loc.startswith(f"{holder}/")]
    location, query = _distinctive(_index(site.root), located)
    path, _, claim_id = location.partition("#")
    sections = _first_result_sections(page, site, query)
    assert sections, f"no section in the first result for {query!r}"
    best = urlsplit(sections[0])
    assert (best.path, best.fragment) == (f"/{path}", claim_id), (query, sections[:3])
    page.goto(sections[0], wait_until="load")
    expect(page.locator(f'[id="{claim_id}"]')).to_be_in_viewport()
