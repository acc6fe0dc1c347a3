"""The brief of a case: the deal, its parties and the gist of its evidence, on two printed pages."""

from __future__ import annotations

import functools
import html
from typing import TYPE_CHECKING

import attrs

from casebook._loading import bundled_cases
from casebook._markdown import cell, escape
from casebook._presence import Presence
from casebook._version import __version__
from casebook._yaml import YamlError, parse_yaml
from casebook.models._base import date_span
from casebook.models.vocab import Accuracy, EpistemicStatus, Role
from casebook.site._claims import flagged
from casebook.site._links import attribute, case_page, heading, link

if TYPE_CHECKING:
    from casebook._library import Casebook
    from casebook.models import Case, Claim
    from casebook.site._context import Site

__all__ = [
    "BRIEFS",
    "FLAGGED",
    "LISTED",
    "Citation",
    "brief_markdown",
    "brief_page",
    "briefs_index",
    "citation",
    "colophon",
    "data_date",
]

BRIEFS = "briefs/index.md"
LISTED = 5
"""Claims shown in each list of a brief, the most-coded first; the case page has the rest."""
FLAGGED = 3
"""Flagged claims shown in a brief, each with the editors' note; the case page has the rest."""

_SECTIONS = (
    (Presence.OBSERVED, "What is established"),
    (Presence.ASSESSED, "What analysts assess"),
    (Presence.ALLEGED, "What is alleged"),
    (Presence.PREDICTED, "What is forecast"),
)


def brief_page(case_id: str) -> str:
    """The brief of a case."""
    return f"briefs/{case_id}.md"


@attrs.frozen
class Citation:
    """How casebook asks to be cited, as its `CITATION.cff` says."""

    title: str
    """The title to cite."""
    authors: tuple[str, ...] = ()
    """The authors' names, in order."""
    message: str | None = None
    """The request to cite, in the file's words."""


def _author(entry: object) -> str | None:
    """A CFF author's name: an entity's `name`, or a person's given and family names."""
    if not isinstance(entry, dict):
        return None
    if isinstance(entry.get("name"), str):
        return str(entry["name"])
    parts = [entry.get(key) for key in ("given-names", "name-particle", "family-names")]
    name = " ".join(part for part in parts if isinstance(part, str))
    return name or None


@functools.cache
def citation() -> Citation:
    """The citation of casebook from the `CITATION.cff` it ships with (`casebook` if none)."""
    path = bundled_cases().parent / "CITATION.cff"
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlError):
        data = None
    if not isinstance(data, dict):
        return Citation(title="casebook")
    authors = data.get("authors")
    names = [_author(a) for a in authors] if isinstance(authors, list) else []
    title, message = data.get("title"), data.get("message")
    return Citation(
        title=title if isinstance(title, str) and title.strip() else "casebook",
        authors=tuple(name for name in names if name),
        message=message if isinstance(message, str) and message.strip() else None,
    )


def data_date(book: Casebook) -> str | None:
    """The latest date any case's account is current to (its `as_of`); None without cases."""
    dates = [case.as_of for case in book.cases.values()]
    return max(dates, key=lambda date: date_span(date)[::-1]) if dates else None


def colophon(book: Casebook) -> str:
    """The site's footer line, HTML-escaped: the casebook version and the data's date."""
    date = data_date(book)
    text = f"casebook {__version__}" + (f" · data current to {date}" if date else "")
    return html.escape(text)


def _lead(site: Site, origin: str, case: Case) -> list[str]:
    current = case.deal.status[-1]
    since = ""
    if current.date:
        since = " since " + ("about " if current.approximate else "") + current.date
    return [
        (
            f"**Kind of deal:** {case.deal.kind.value} · "
            f"**Status:** {current.status.value}{since} · "
            f"**Host state:** {site.party(origin, case.host)} · "
            f"**Account current to:** {case.as_of}"
        ),
        "",
        escape(case.deal.summary),
        "",
        (
            f"The full case, with all {len(case.claims)} claims and their verbatim quotes: "
            f"{site.case(origin, case.id)}."
        ),
        "",
    ]


def _parties(site: Site, origin: str, case: Case) -> list[str]:
    lines = ["## Parties and roles", "", "| role in the deal | parties |", "|---|---|"]
    for role in Role:
        members = []
        for member in case.deal.parties:
            if member.role is role:
                party = site.book.parties.get(member.party)
                kind = f" ({party.kind.value.replace('-', ' ')})" if party else ""
                members.append(site.party(origin, member.party) + kind)
        if members:
            lines.append(f"| {role.value.replace('-', ' ')} | {', '.join(members)} |")
    return [*lines, ""]


def _claim(site: Site, origin: str, case: Case, claim: Claim) -> str:
    """The claim's text, linked to it on the case page, with the editors' verdict beside it."""
    target = link(origin, case_page(case.id), claim.id)
    return f"[{escape(claim.text)}]({target}){site.verdict(claim.id)}"


def _more(site: Site, origin: str, case: Case, hidden: int) -> list[str]:
    if hidden <= 0:
        return []
    return [f"…and {hidden} more on the {site.case(origin, case.id)} case page.", ""]


def _statuses(site: Site, kind: Presence) -> str:
    statuses = [s.value for s in EpistemicStatus if site.policy.kinds.get(s) is kind]
    return ", ".join(f"*{status}*" for status in statuses) or "*none*"


def _evidence(site: Site, origin: str, case: Case) -> list[str]:
    lines: list[str] = []
    for kind, title in _SECTIONS:
        claims = [c for c in case.claims if site.policy.counts(case, c) is kind]
        shown = sorted(claims, key=lambda c: -len(c.codes))[:LISTED]
        unflagged = " not flagged by the editors" if kind is Presence.OBSERVED else ""
        lines += [
            f"## {title} ({len(claims)})",
            "",
            f"Claims coded {_statuses(site, kind)}{unflagged}, those with the most codes first.",
            "",
        ]
        lines += [f"- {_claim(site, origin, case, c)}" for c in shown] or ["- *None in this case.*"]
        lines += ["", *_more(site, origin, case, len(claims) - len(shown))]
    later = case.later_claims()
    if later:
        lines += [
            (
                f"{len(later)} claim(s) describe what happened after {case.as_of}; "
                "the case page lists them apart, and no list above counts them."
            ),
            "",
        ]
    return lines


def _flags(site: Site, origin: str, case: Case) -> list[str]:
    judged = [c for c in case.claims if flagged(c)]
    confirmed = sum(1 for c in case.claims if c.accuracy is Accuracy.CONFIRMED)
    lines = [
        f"## What the editors flagged ({len(judged)})",
        "",
        "Claims the editors found inaccurate, dated or disputed, with their note.",
        "",
    ]
    lines += [
        f"- {_claim(site, origin, case, c)}: {escape(c.note or '')}" for c in judged[:FLAGGED]
    ] or ["- *None in this case.*"]
    lines += ["", *_more(site, origin, case, len(judged) - FLAGGED)]
    if confirmed:
        lines += [f"{confirmed} claim(s) are confirmed by another source.", ""]
    return lines


def _cite(origin: str, case: Case, site_url: str | None) -> list[str]:
    cited = citation()
    page = origin.removesuffix(".md") + "/"
    if site_url:
        url = site_url.rstrip("/") + "/" + page
        where = f'<a href="{attribute(url)}">{escape(url)}</a>'
    else:
        where = f"`{page}` on the casebook site"
    authors = ", ".join(escape(author) for author in cited.authors)
    return [
        "## How to cite",
        "",
        *([escape(cited.message), ""] if cited.message else []),
        '<div class="cb-cite" markdown>',
        "",
        (
            (f"{authors}. " if authors else "")
            + f"“Brief: {escape(case.title)}.” In *{escape(cited.title)}*, "
            f"version {html.escape(__version__)}; data current to {case.as_of}. {where}"
        ),
        "",
        "</div>",
        "",
    ]


def brief_markdown(site: Site, case: Case, *, site_url: str | None = None) -> str:
    """The brief of a case, for printing: the deal, parties, evidence, flags, how to cite.

    Each list of claims shows the `LISTED` most-coded and says how many more the case page has,
    so that the brief stays short whatever the case's size. The search leaves briefs out: all
    they say is on the case page, where a search should land.

    Args:
        site: The site's look-ups.
        case: The case.
        site_url: The published site's address, for the page's address in the citation.
    """
    origin = brief_page(case.id)
    lines = [
        *heading(f"Brief: {case.title}", case.summary, searchable=False),
        *_lead(site, origin, case),
        *_parties(site, origin, case),
        *_evidence(site, origin, case),
        *_flags(site, origin, case),
        *_cite(origin, case, site_url),
    ]
    return "\n".join(lines)


def briefs_index(site: Site) -> str:
    """The list of briefs, one per case."""
    lines = [
        *heading("Briefs"),
        (
            "One brief per case, to print on two A4 pages: the deal, who takes part, what the "
            "sources establish, allege and forecast, what the editors flagged, and how to cite it."
        ),
        "",
        "| brief | kind of deal | status | current to |",
        "|---|---|---|---|",
    ]
    for case in site.book.cases.values():
        brief = link(BRIEFS, brief_page(case.id))
        lines.append(
            f"| [{cell(case.title)}]({brief}) | {case.deal.kind.value} "
            f"| {case.deal.status[-1].status.value} | {case.as_of} |"
        )
    lines.append("")
    return "\n".join(lines)
