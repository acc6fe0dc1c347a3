"""The map page: every place with coordinates on a world map, with the cases that name it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from casebook._markdown import cell, escape
from casebook._text import inert_json
from casebook.site._links import attribute, case_page, heading, link, source_page

if TYPE_CHECKING:
    from collections.abc import Mapping

    from casebook._library import Casebook
    from casebook.models import Case, Place
    from casebook.site._context import Site

__all__ = ["MAP_PAGE", "case_places", "map_data", "map_markdown", "place_cases"]

MAP_PAGE: Final = "map.md"
"""The page of the world map."""


def case_places(case: Case, known: Mapping[str, object]) -> frozenset[str]:
    """Every registered place a case names: in its deal, its offers or its claims."""
    named: set[str] = set(case.deal.places)
    for offer in case.deal.offers:
        named.update(offer.places)
    for claim in case.claims:
        named.update(claim.about)
    return frozenset(place for place in named if place in known)


def place_cases(book: Casebook) -> dict[str, tuple[str, ...]]:
    """Place id → the ids of the cases that name it, in the order of the cases."""
    found: dict[str, list[str]] = {place: [] for place in book.places}
    for case in book.cases.values():
        for place in case_places(case, book.places):
            found[place].append(case.id)
    return {place: tuple(cases) for place, cases in found.items()}


def map_data(book: Casebook) -> list[dict[str, Any]]:
    """What the map shows: each place with a location, its coordinates, source and cases.

    One entry per place that has a location, in the order of the registry. Each case and the
    source are given by id and title; the page's table links them.
    """
    cases = place_cases(book)
    entries: list[dict[str, Any]] = []
    for place in book.places.values():
        where = place.location
        if where is None:
            continue
        source = book.sources.get(where.source)
        entries.append(
            {
                "id": place.id,
                "name": place.name,
                "kind": place.kind.value,
                "latitude": where.latitude,
                "longitude": where.longitude,
                "source": {
                    "id": where.source,
                    "title": where.source if source is None else source.title,
                },
                "cases": [{"id": c, "title": book.cases[c].title} for c in cases[place.id]],
            }
        )
    return entries


def _inert(data: object) -> str:
    r"""JSON for an HTML attribute, inert to Markdown and HTML alike.

    The JSON is ASCII (other characters as `\u` escapes), and every character but letters,
    digits and spaces is a character reference: nothing in it can end the attribute, start
    Markdown, or be read as anything but the JSON the browser hands the map's script.
    """
    text = inert_json(json.dumps(data, ensure_ascii=True, separators=(",", ":")))
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in text)


def _degrees(value: float, positive: str, negative: str) -> str:
    """A coordinate as the table shows it: `30.12° N`, `1.67944° S`."""
    return f"{abs(value)!r}\N{DEGREE SIGN} {negative if value < 0 else positive}"


def _coordinates(place: Place) -> str:
    where = place.location
    if where is None:  # pragma: no cover - only located places are listed
        return " "
    return f"{_degrees(where.latitude, 'N', 'S')}, {_degrees(where.longitude, 'E', 'W')}"


def map_markdown(site: Site) -> str:
    """The map page: the map itself, drawn in the browser, then a table of every place.

    The table holds everything the map shows (coordinates, their source, the cases), so the
    page is useful without JavaScript and its text is searched. The map's script reads the
    places from the map's `data-places` attribute and takes its links from the table.
    """
    book = site.book
    here = MAP_PAGE
    located = [place for place in book.places.values() if place.location is not None]
    cases = place_cases(book)
    lines = [
        *heading(
            "Map",
            "The places the casebook records, on a world map, with the cases that name them.",
        ),
        (
            "Each point is a place of the registry, at the coordinates a registered source "
            "gives for it; a country or a province is shown at the one point its source gives. "
            "Select a point for the place's cases. A case names a place in its deal, its offers "
            "or its claims."
        ),
        "",
        f'<div class="cb-map" id="cb-map" data-places="{_inert(map_data(book))}"></div>',
        "",
        (
            "<noscript><p>The map is drawn by JavaScript, which is off: the table below lists "
            "every place, its coordinates and its cases.</p></noscript>"
        ),
        "",
        "Country outlines: Natural Earth (1:110m), through the world-atlas package.",
        "",
        "## Places",
        "",
        "| Place | Kind | Coordinates | Source | Cases |",
        "| --- | --- | --- | --- | --- |",
    ]
    for place in located:
        where = place.location
        if where is None:  # pragma: no cover - filtered above
            continue
        source = book.sources.get(where.source)
        source_title = escape(where.source if source is None else source.title)
        source_link = (
            f"[{source_title}]({link(here, source_page(where.source))})"
            f'{{ data-cb-source="{attribute(where.source)}" }}'
        )
        named = ", ".join(
            f"[{escape(book.cases[c].title)}]({link(here, case_page(c))})"
            f'{{ data-cb-case="{attribute(c)}" }}'
            for c in cases[place.id]
        )
        lines.append(
            f"| {cell(place.name)} | {place.kind.value} | {_coordinates(place)} "
            f"| {source_link} | {named or '—'} |"
        )
    missing = [place for place in book.places.values() if place.location is None]
    if missing:
        names = ", ".join(escape(place.name) for place in missing)
        lines += [
            "",
            f"Not on the map, for want of a registered source for their coordinates: {names}.",
        ]
    return "\n".join([*lines, ""])
