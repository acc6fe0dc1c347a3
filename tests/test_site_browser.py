"""The built site works in a real browser: diagrams, search, quotes, and no script errors.

The fixtures (`site`, `page`…) are in `tests/browsing.py`: one build and one browser for the
session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browsing import MERMAID, OPEN_SHADOW_ROOTS, SCREENSHOTS, Site, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

DRC = "drc-us-minerals-for-security"
PAKISTAN = "pakistan-us-minerals"
CASE_PAGE = f"cases/{DRC}/"
COMPARISON_PAGE = f"comparisons/{DRC}--{PAKISTAN}/"


def test_mermaid_renders_to_svg_on_a_case_page(page: Page, site: Site) -> None:
    """The case page's deal diagram is drawn as SVG by the site's own copy of Mermaid."""
    if not (site.root / MERMAID).is_file():
        pytest.fail(f"{MERMAID} is not in the built site: run `make` or `python docs/vendor.py`.")
    assert 1 <= site.diagrams(CASE_PAGE), f"no ```mermaid diagram in /{CASE_PAGE}"
    page.add_init_script(OPEN_SHADOW_ROOTS)
    record = open_page(page, site, CASE_PAGE)
    svg = page.locator("div.mermaid svg").first
    svg.wait_for(state="attached")
    assert 1 <= svg.locator(".node").count(), "the diagram's SVG has no nodes"
    assert site.url + MERMAID in record.urls
    foreign = [url for url in record.urls if urlsplit(url).hostname not in {"127.0.0.1", None}]
    assert [] == foreign, "the page fetched from hosts other than the site:\n" + "\n".join(foreign)


def test_search_finds_the_drc_case_for_coltan(page: Page, site: Site) -> None:
    """Searching the site for "coltan" lists the DRC case among the results."""
    page.goto(site.url, wait_until="load")
    page.locator("body").press("/")
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    query.press_sequentially("coltan", delay=20)
    item = page.locator(".md-search-result__item")
    item.first.wait_for(state="visible")
    links = item.locator("a").evaluate_all("links => links.map(link => link.href)")
    assert any(CASE_PAGE in link for link in links), links


def test_comparison_page_shows_both_cases_quotes(page: Page, site: Site) -> None:
    """The comparison page shows at least one quote from each case, none of them empty."""
    open_page(page, site, COMPARISON_PAGE)
    for case in (DRC, PAKISTAN):
        quotes = page.locator(f'.cb-quote[data-case="{case}"]').all()
        visible = [quote for quote in quotes if quote.is_visible()]
        assert 1 <= len(visible), f"no visible quote from {case} ({len(quotes)} hidden)"
        for quote in visible:
            claim = quote.get_attribute("data-claim")
            assert quote.inner_text().strip(), f"empty quote for {case}, claim {claim}"


@pytest.mark.parametrize(
    "path",
    [
        "",
        CASE_PAGE,
        COMPARISON_PAGE,
        f"cases/{PAKISTAN}/",
        "comparisons/patterns/",
        "codebook/",
        "sources/",
    ],
    ids=["home", "case-drc", "comparison", "case-pakistan", "patterns", "codebook", "sources"],
)
def test_page_has_no_javascript_errors(page: Page, site: Site, path: str) -> None:
    """Opening the page logs no console error and throws no uncaught exception."""
    if not (site.root / path / "index.html").is_file():
        pytest.fail(f"/{path} is not in the built site")
    record = open_page(page, site, path)
    page.wait_for_load_state("networkidle")
    assert [] == record.errors, f"JavaScript errors on /{path}:\n" + "\n".join(record.errors)


@pytest.mark.parametrize(
    ("path", "name"),
    [("", "home"), (CASE_PAGE, f"case-{DRC}"), (COMPARISON_PAGE, "comparison")],
    ids=["home", "case-drc", "comparison"],
)
def test_screenshot_of_page(page: Page, site: Site, path: str, name: str) -> None:
    """A full-page screenshot of the page is saved under test-artifacts/screenshots/."""
    open_page(page, site, path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
    assert target.is_file()
    assert 10_000 < target.stat().st_size, f"{target} is only {target.stat().st_size} bytes"
