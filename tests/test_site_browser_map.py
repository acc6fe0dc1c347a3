"""The map page in a real browser: one point per place with coordinates, links, no errors.

The fixtures (`site`, `page`…) are in `tests/browsing.py`: one build and one browser for the
session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.browsing import SCREENSHOTS, Site, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from casebook import Casebook
    from tests.browsing import Watch

MAP_PAGE = "map/"
MAP_FILES = (
    "assets/javascripts/casemap.js",
    "assets/javascripts/vendor/d3-array.min.js",
    "assets/javascripts/vendor/d3-geo.min.js",
    "assets/javascripts/vendor/topojson-client.min.js",
    "assets/javascripts/vendor/countries-110m.json",
)


def _located(book: Casebook) -> set[str]:
    return {place.id for place in book.places.values() if place.location is not None}


def _open_map(page: Page, site: Site) -> Watch:
    """Open the map page and wait until its script has drawn the points."""
    missing = [name for name in MAP_FILES if not (site.root / name).is_file()]
    if missing:
        pytest.fail(f"not in the built site: {missing}; run `make` or `python docs/vendor.py`.")
    record = open_page(page, site, MAP_PAGE)
    page.wait_for_selector("#cb-map[data-markers]", state="attached")
    page.wait_for_load_state("networkidle")
    return record


def test_the_map_shows_one_point_per_place_with_coordinates(
    page: Page, site: Site, book: Casebook
) -> None:
    """Every place with a location has one point, drawn from the site's own files only."""
    record = _open_map(page, site)
    points = page.locator("#cb-map .cb-map-marker")
    shown = points.evaluate_all("nodes => nodes.map(node => node.dataset.place)")
    assert sorted(shown) == sorted(_located(book))
    assert 0 < len(page.locator("#cb-map path.cb-map-country").all())
    assert [] == record.errors, "JavaScript errors on the map:\n" + "\n".join(record.errors)
    for name in MAP_FILES:
        assert site.url + name in record.urls
    foreign = [url for url in record.urls if urlsplit(url).hostname not in {"127.0.0.1", None}]
    assert [] == foreign, "the page fetched from hosts other than the site:\n" + "\n".join(foreign)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / "map.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target, full_page=True)
    assert 10_000 < target.stat().st_size, f"{target} is only {target.stat().st_size} bytes"


def test_a_point_opens_the_place_with_links_to_its_cases(page: Page, site: Site) -> None:
    """Selecting a point lists the place's cases, linked as the page's table links them."""
    _open_map(page, site)
    data = page.locator("#cb-map").evaluate("node => JSON.parse(node.dataset.places)")
    place = max(data, key=lambda entry: len(entry["cases"]))
    assert place["cases"], "some place on the map is named by a case"
    page.locator(f'.cb-map-marker[data-place="{place["id"]}"]').focus()
    page.keyboard.press("Enter")
    popup = page.locator(".cb-map-popup")
    popup.wait_for(state="visible")
    assert place["name"] in popup.inner_text()
    links = set(popup.locator("a").evaluate_all("links => links.map(link => link.href)"))
    for case in place["cases"]:
        table = page.locator(f'table a[data-cb-case="{case["id"]}"]').first
        assert table.evaluate("link => link.href") in links, case["id"]
        response = page.request.get(table.evaluate("link => link.href"))
        assert response.ok, case["id"]
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
