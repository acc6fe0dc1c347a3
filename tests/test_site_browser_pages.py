"""The briefs print on two A4 pages, the timeline filters by case, the footer names the version.

The fixtures (`site`, `page`…) are in `tests/browsing.py`: one build and one browser for the
session.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

import casebook
from casebook.site._brief import data_date
from tests.browsing import SCREENSHOTS, Site, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

BOOK = casebook.load()
PAGE_OBJECT = re.compile(rb"/Type\s*/Page[^s]")
"""A page of a PDF (not the `/Pages` tree that holds them)."""
ENTRY = ".cb-timeline .cb-tl-entry"
SHOWN = "entries => entries.map(entry => [entry.dataset.case, entry.getClientRects().length > 0])"
"""Each timeline entry's case or precedent, and whether it is shown."""


def _screenshot(page: Page, name: str) -> None:
    """A full-page screenshot under test-artifacts/screenshots/, checked to hold an image."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
    assert 10_000 < target.stat().st_size, f"{target} is only {target.stat().st_size} bytes"


@pytest.mark.parametrize("case_id", list(BOOK.cases))
def test_brief_prints_on_at_most_two_a4_pages(page: Page, site: Site, case_id: str) -> None:
    """Printed to A4, a case's brief takes one or two pages, without the site's navigation."""
    record = open_page(page, site, f"briefs/{case_id}/")
    page.emulate_media(media="print")
    for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(furniture).first.is_visible(), furniture
    assert page.locator("h2", has_text="How to cite").is_visible()
    pages = len(PAGE_OBJECT.findall(page.pdf(format="A4")))
    assert 1 <= pages <= 2, f"the brief of {case_id} prints on {pages} A4 pages"
    assert [] == record.errors


def test_screenshot_of_a_brief(page: Page, site: Site) -> None:
    """A screenshot of the first case's brief is saved as brief.png."""
    open_page(page, site, f"briefs/{next(iter(BOOK.cases))}/")
    _screenshot(page, "brief")


def _dated(book: casebook.Casebook) -> dict[str, int]:
    """Case or precedent id → how many dated events, status changes or claims it has."""
    counts = {
        case.id: len(case.events) + sum(1 for s in case.deal.status if s.date is not None)
        for case in book.cases.values()
    }
    counts.update(
        (p.id, sum(1 for claim in p.claims if claim.date is not None))
        for p in book.precedents.values()
    )
    return counts


def test_timeline_lists_every_dated_event_of_the_corpus(page: Page, site: Site) -> None:
    """The timeline shows one entry per dated event and dated status change of every case."""
    record = open_page(page, site, "timeline/")
    dated = _dated(BOOK)
    cases = page.locator(f'{ENTRY}[data-kind="case"]')
    assert sum(dated[case] for case in BOOK.cases) == cases.count()
    assert sum(dated.values()) == page.locator(ENTRY).count()
    assert 0 < cases.count()
    assert all(shown for _, shown in page.locator(ENTRY).evaluate_all(SHOWN))
    assert [] == record.errors


def test_timeline_filter_shows_one_case_alone(page: Page, site: Site) -> None:
    """Choosing a case hides every other case's and precedent's entries; "all" shows them again."""
    open_page(page, site, "timeline/")
    select = page.locator(".cb-tl-filter select")
    dated = _dated(BOOK)
    chosen = max(BOOK.cases, key=lambda case: dated[case])
    select.select_option(chosen)
    entries = page.locator(ENTRY).evaluate_all(SHOWN)
    assert dated[chosen] == sum(1 for _, shown in entries if shown)
    assert {chosen} == {owner for owner, shown in entries if shown}
    assert any(owner != chosen for owner, _ in entries)
    assert page.locator(".cb-tl-count").inner_text().startswith(f"{dated[chosen]} of")
    _screenshot(page, "timeline")
    select.select_option("")
    assert all(shown for _, shown in page.locator(ENTRY).evaluate_all(SHOWN))


def test_timeline_filter_names_every_case_as_text(page: Page, site: Site) -> None:
    """The filter offers every case by its title, as written in the data."""
    open_page(page, site, "timeline/")
    options = page.locator(".cb-tl-filter option").evaluate_all(
        "options => options.map(option => [option.value, option.textContent])"
    )
    offered = dict(options)
    for case in BOOK.cases.values():
        assert " ".join(case.title.split()) == offered[case.id]


def test_footer_names_the_version_and_the_data_date(page: Page, site: Site) -> None:
    """Every page's footer gives casebook's version and the date the data is current to."""
    for path in ("", f"briefs/{next(iter(BOOK.cases))}/"):
        open_page(page, site, path)
        footer = page.locator(".md-footer .md-copyright").inner_text()
        assert casebook.__version__ in footer, path
        assert f"data current to {data_date(BOOK)}" in footer, path
