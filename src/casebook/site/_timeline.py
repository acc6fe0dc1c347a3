"""One timeline across the casebook: every dated event, change of status and precedent claim."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from casebook._markdown import escape
from casebook.models._base import date_span
from casebook.site._links import attribute, heading, text_attribute

if TYPE_CHECKING:
    from casebook._library import Casebook
    from casebook.site._context import Site

__all__ = ["TIMELINE", "Entry", "timeline_entries", "timeline_markdown"]

TIMELINE = "timeline.md"


@attrs.frozen
class Entry:
    """A dated entry of the timeline: what happened, to which case or precedent, and when."""

    date: str
    """When, as a partial date (`2025`, `2025-02`, `2025-02-08`)."""
    approximate: bool
    """Whether the date is approximate."""
    owner: str
    """The id of the case or precedent."""
    kind: Literal["case", "precedent"]
    """Whether `owner` is a case or a precedent."""
    text: str
    """What happened, as escaped Markdown."""
    claims: tuple[str, ...]
    """The claims that show it."""


def timeline_entries(book: Casebook) -> list[Entry]:
    """Every dated event and status change of the cases, and dated claim of the precedents.

    Entries are sorted by the first day their date can mean, then by the last, so that `2025`
    comes before `2025-01-15` and `2025-01` before `2025-01-02`; entries on the same dates keep
    the order of the casebook.
    """
    entries: list[Entry] = []
    for case in book.cases.values():
        entries.extend(
            Entry(
                date=status.date,
                approximate=status.approximate,
                owner=case.id,
                kind="case",
                text=f"Status: **{status.status.value}**",
                claims=status.claims,
            )
            for status in case.deal.status
            if status.date is not None
        )
        entries.extend(
            Entry(
                date=event.date,
                approximate=event.approximate,
                owner=case.id,
                kind="case",
                text=escape(event.text),
                claims=event.claims,
            )
            for event in case.events
        )
    for precedent in book.precedents.values():
        entries.extend(
            Entry(
                date=claim.date,
                approximate=False,
                owner=precedent.id,
                kind="precedent",
                text=escape(claim.text),
                claims=(claim.id,),
            )
            for claim in precedent.claims
            if claim.date is not None
        )
    return sorted(entries, key=lambda entry: date_span(entry.date))


def _entry(site: Site, entry: Entry) -> list[str]:
    book = site.book
    if entry.kind == "case":
        owner = site.case(TIMELINE, entry.owner)
        name = book.cases[entry.owner].title
    else:
        owner = site.precedent(TIMELINE, entry.owner) + " (precedent)"
        name = book.name_of(entry.owner)
    date = ("about " if entry.approximate else "") + entry.date
    return [
        (
            f'<div class="cb-tl-entry" data-case="{attribute(entry.owner)}" '
            f'data-kind="{entry.kind}" data-label="{text_attribute(name)}" '
            f'data-date="{entry.date}" markdown>'
        ),
        "",
        f'<span class="cb-tl-date">{date}</span> {owner}',
        "",
        f"{entry.text} — {site.claims(TIMELINE, entry.claims)}",
        "",
        "</div>",
        "",
    ]


def timeline_markdown(site: Site) -> str:
    """The timeline page: every entry of `timeline_entries`, oldest first, filterable by case."""
    entries = timeline_entries(site.book)
    lines = [
        *heading("Timeline"),
        (
            "Every dated event and change of status in the cases, and every dated claim about "
            "a precedent, oldest first, each with the claims that show it. A date known only to "
            "the month or year comes before the days it spans. Choose a case or a precedent "
            "to see its entries alone."
        ),
        "",
        f'<div class="cb-timeline" data-entries="{len(entries)}" markdown>',
        "",
    ]
    for entry in entries:
        lines += _entry(site, entry)
    lines += ["</div>", ""]
    return "\n".join(lines)
