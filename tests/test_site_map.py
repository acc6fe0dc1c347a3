"""The map page: every place with coordinates, once, from a registered source, safely written."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pydantic
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

import casebook
from casebook import models, strategies
from casebook.export import datapackage, rebuild, tables
from casebook.site import pages
from casebook.site._context import Site
from casebook.site._links import case_page, link, source_page
from casebook.site._map import MAP_PAGE, map_markdown
from tests import minibook
from tests.sitecheck import site_markdown

if TYPE_CHECKING:
    from casebook import Casebook

ROOT = Path(__file__).resolve().parents[1]
DATA = re.compile(r'<div class="cb-map" id="cb-map" data-places="([^"]*)"></div>')
HOSTILE = (
    'X</div><script>alert(1)</script> <img src=x onerror="alert(2)"> "q" &amp; '
    "[a](javascript:alert(3)) **b** `c` | d {: .x } ]]> \u2028 \x85 \x7f"
)


def _map_data(page: str) -> list[dict[str, Any]]:
    """The places the page hands the map's script, as the browser reads the attribute."""
    found = DATA.findall(page)
    assert 1 == len(found), "the page has exactly one map element"
    data = json.loads(html.unescape(found[0]))
    assert isinstance(data, list)
    return data


def _named_places(case: models.Case) -> set[str]:
    """The places a case names in its deal, its offers or its claims."""
    named = set(case.deal.places)
    for offer in case.deal.offers:
        named.update(offer.places)
    for claim in case.claims:
        named.update(claim.about)
    return named


def _check_map(book: Casebook, page: str) -> list[dict[str, Any]]:
    """Every located place is on the map once, with its coordinates, source and cases."""
    data = _map_data(page)
    ids = [entry["id"] for entry in data]
    assert len(ids) == len(set(ids)), "a place is on the map twice"
    located = {pid: place for pid, place in book.places.items() if place.location is not None}
    assert set(ids) == set(located)
    for entry in data:
        place = located[entry["id"]]
        assert place.location is not None
        assert entry["name"] == place.name
        assert (entry["latitude"], entry["longitude"]) == (
            place.location.latitude,
            place.location.longitude,
        )
        assert entry["source"]["id"] == place.location.source
        expected = [cid for cid, case in book.cases.items() if place.id in _named_places(case)]
        assert [case["id"] for case in entry["cases"]] == expected, place.id
        assert [case["title"] for case in entry["cases"]] == [
            book.cases[cid].title for cid in expected
        ]
    return data


def test_every_located_place_is_on_the_map_once_with_its_coordinates_and_cases(
    book: Casebook,
) -> None:
    """The map's data and its table hold each place with a location once, with its cases."""
    page = pages(book)[MAP_PAGE]
    data = _check_map(book, page)
    assert data, "the bundled places have coordinates"
    lines = page.splitlines()
    start = lines.index("| Place | Kind | Coordinates | Source | Cases |") + 2
    rows = [line for line in lines[start:] if line.startswith("| ")]
    assert len(rows) == len(data), "the table has one row per place on the map"
    for entry, row in zip(data, rows, strict=True):
        for case in entry["cases"]:
            assert f"]({link(MAP_PAGE, case_page(case['id']))})" in row
            assert f'data-cb-case="{case["id"]}"' in row
        assert f"]({link(MAP_PAGE, source_page(entry['source']['id']))})" in row


def test_every_coordinate_comes_from_a_registered_source_with_an_address(
    book: Casebook,
) -> None:
    """A place's coordinates name a registered source, which has a page and a URL to check."""
    generated = pages(book)
    located = [place for place in book.places.values() if place.location is not None]
    assert located
    for place in located:
        assert place.location is not None
        source = book.sources[place.location.source]
        assert source.url is not None, f"{place.id}: {source.id} has no address to check"
        assert source_page(source.id) in generated


def test_a_location_naming_no_registered_source_is_refused(tmp_path: Path) -> None:
    """Loading reports the unknown source at its line and column, as an unknown reference."""
    registry = minibook.registry()
    registry["places"][0]["location"] = {
        "latitude": -0.567,
        "longitude": 28.7,
        "source": "no-such-source",
    }
    cases = minibook.write(tmp_path, registry_data=registry)
    with pytest.raises(casebook.CasebookError) as caught:
        casebook.load(cases)
    (problem,) = caught.value.problems
    lines = (cases / "registry" / "all.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "no-such-source" in text)
    assert problem.code == "unknown-reference"
    assert problem.file.endswith("all.yaml")
    assert (problem.line, problem.column) == (line, lines[line - 1].index("no-such-source") + 1)
    assert "no-such-source" in problem.message


@pytest.mark.parametrize(
    "where",
    [
        {"latitude": 90.5, "longitude": 0.0},
        {"latitude": 0.0, "longitude": -180.01},
        {"latitude": "nan", "longitude": 0.0},
        {"latitude": 0.0, "longitude": "inf"},
    ],
    ids=["beyond-the-pole", "beyond-the-antimeridian", "nan", "infinite"],
)
def test_coordinates_off_the_globe_are_refused(where: dict[str, Any]) -> None:
    """A latitude beyond ±90, a longitude beyond ±180, NaN or infinity is not a location."""
    with pytest.raises(pydantic.ValidationError):
        models.Location.model_validate({**where, "source": "a-source"})


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(book_data=strategies.case_files(), data=st.data())
def test_generated_places_with_locations_round_trip(
    tmp_path_factory: pytest.TempPathFactory, book_data: dict[str, Any], data: st.DataObject
) -> None:
    """Any place's coordinates survive the case files, the map and the Data Package exactly."""
    registry = book_data["registry"]
    if registry["places"]:
        sources = [source.id for source in registry["sources"]]
        first = registry["places"][0]
        where = data.draw(strategies.locations(sources))
        registry["places"][0] = first.model_copy(update={"location": where})
    root = tmp_path_factory.mktemp("book")
    generated = casebook.load(minibook.write_generated(root / "cases", book_data))
    assert list(generated.places.values()) == list(registry["places"])
    _check_map(generated, map_markdown(Site.of(generated, casebook.PresencePolicy())))
    _, rebuilt = rebuild(tables(generated))
    assert list(rebuilt.places) == list(registry["places"])
    (root / "package").mkdir()
    datapackage.write(generated, root / "package")
    _, read_back = rebuild(datapackage.read(root / "package"))
    assert list(read_back.places) == list(registry["places"])


class _Rendered(HTMLParser):
    """The tags and attribute names of a rendered page, its text and its map's data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.places: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}" for name, _ in sorted(attrs)))
        self.places.extend(value or "" for name, value in attrs if name == "data-places")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(page: str) -> _Rendered:
    body, _ = get_data(page)
    parsed = _Rendered()
    parsed.feed(site_markdown().convert(body))
    return parsed


def _renamed(book: Casebook, name: str) -> Casebook:
    """The casebook with its first place that has a location renamed (as loading reads it)."""
    place = next(p for p in book.places.values() if p.location is not None)
    renamed = models.Place.model_validate({**place.model_dump(), "name": name})
    return attrs.evolve(book, places={**book.places, place.id: renamed})


@pytest.fixture(scope="module")
def plain_map(book: Casebook) -> _Rendered:
    """The tags of the map page when the place's name is plain words."""
    return _render(map_markdown(Site.of(_renamed(book, "plain words"), casebook.PresencePolicy())))


@settings(max_examples=25, deadline=None)
@given(
    name=st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(
        lambda t: t.strip() != ""
    )
)
@example(name=HOSTILE)
@example(name="</script><!--")
@example(name="&#34;&#62; &quot;")
def test_hostile_place_names_stay_escaped(book: Casebook, plain_map: _Rendered, name: str) -> None:
    """Whatever a place is called, the page keeps its tags, and shows and maps the name as is."""
    renamed = _renamed(book, name)
    place = next(p for p in renamed.places.values() if p.location is not None)
    page = map_markdown(Site.of(renamed, casebook.PresencePolicy()))
    rendered = _render(page)
    assert plain_map.tags == rendered.tags
    assert not any(tag.startswith("script") for tag in rendered.tags)
    (places,) = rendered.places
    entry = next(e for e in json.loads(places) if e["id"] == place.id)
    assert entry["name"] == place.name
    flat = " ".join(place.name.split())
    shown = "".join(rendered.text)
    controls = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
    assert flat.translate(controls) in shown
    assert [e["name"] for e in _map_data(page) if e["id"] == place.id] == [place.name]
