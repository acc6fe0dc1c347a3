"""Hand-written pages filled from the data: cited claims linked with their verdicts, and lists.

A hand-written page never types in what the data says: a claim id it cites becomes a link with
the editors' verdict, and a marker such as `<!-- casebook:case-list -->` becomes the list the
data gives when the site is built.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casebook._presence import DEFAULT_POLICY
from casebook.site._context import Site

if TYPE_CHECKING:
    from enum import StrEnum

    from casebook._library import Casebook

__all__ = ["SNIPPETS", "cite_claims", "fill_page"]

_CODE = re.compile(r"(?<!`)`([a-z0-9]+(?:-[a-z0-9]+)*)`(?!`)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def cite_claims(book: Casebook, path: str, markdown: str) -> str:
    """A hand-written page with each cited claim linked to where it is shown in full.

    A claim id written as inline code (`` `pk-doha-agreement-credited-to-biden` ``) becomes
    a link to the claim on its case or precedent page, followed by the editors' verdict where
    they gave one (the note is its tooltip), exactly as on the generated pages. Ids that are
    not claims, and everything inside fenced code blocks, are left alone.

    Args:
        book: The casebook whose claims the page cites.
        path: The page's path in the docs folder, e.g. `method/epistemic-status.md`.
        markdown: The page's text.
    """
    site = Site.of(book, DEFAULT_POLICY)
    out: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            out.append(line)
            continue
        out.append(
            _CODE.sub(
                lambda m: site.claim(path, m[1]) if m[1] in site.claim_pages else m[0],
                line,
            )
        )
    return "".join(out)


def _case_list(site: Site, path: str) -> str:
    lines = []
    for case in site.book.cases.values():
        status = case.deal.status[-1].status.value
        lines.append(
            f"- {site.case(path, case.id)}: {case.deal.kind.value}, {status}, current to "
            f"{case.as_of}, {len(case.claims)} claims."
        )
    return "\n".join(lines) if lines else "*No cases yet.*"


def _vocabularies(_site: Site, _path: str) -> str:
    from casebook.models import vocab  # noqa: PLC0415 - only this snippet needs them all

    fields: tuple[tuple[str, type[StrEnum]], ...] = (
        ("claim `status`", vocab.EpistemicStatus),
        ("claim `accuracy`", vocab.Accuracy),
        ("source `kind`", vocab.SourceKind),
        ("excluded passage `reason`", vocab.ExclusionReason),
        ("date inference `confidence`", vocab.Confidence),
        ("party `kind`", vocab.PartyKind),
        ("place `kind`", vocab.PlaceKind),
        ("commodity `group`", vocab.CommodityGroup),
        ("precedent `kind`", vocab.PrecedentKind),
        ("deal `kind`", vocab.DealKind),
        ("deal party `role`", vocab.Role),
        ("offer `kind`", vocab.OfferKind),
        ("negative impact `kind`", vocab.ImpactKind),
        ("precedent link `relation`", vocab.PrecedentRelation),
    )
    lines = ["| field | allowed values |", "|---|---|"]
    lines.extend(
        f"| {name} | {', '.join(f'`{member.value}`' for member in enum)} |" for name, enum in fields
    )
    statuses = ", ".join(f"`{s.value}` ({s.track})" for s in vocab.DealStatus)
    lines.append(f"| status step `status` (its track) | {statuses} |")
    return "\n".join(lines)


SNIPPETS = {"case-list": _case_list, "vocabularies": _vocabularies}
"""Markers a hand-written page may hold, `<!-- casebook:NAME -->`, and what fills each."""

_MARKER = re.compile(r"^<!-- casebook:([a-z-]+) -->$", re.MULTILINE)


def fill_page(book: Casebook, path: str, markdown: str) -> str:
    """A hand-written page as the site shows it: markers filled, cited claims linked.

    Args:
        book: The casebook the site shows.
        path: The page's path in the docs folder, e.g. `index.md`.
        markdown: The page's text.

    Raises:
        KeyError: A marker names no snippet of `SNIPPETS`.
    """
    site = Site.of(book, DEFAULT_POLICY)
    filled = _MARKER.sub(lambda m: SNIPPETS[m[1]](site, path), markdown)
    return cite_claims(book, path, filled)
