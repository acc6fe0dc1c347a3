"""Plain-text views of a case for the terminal.

No control character from the data reaches the terminal: each string is passed through
[`printable`][casebook._text.printable] (escape sequences, BEL and the like shown escaped; tabs
and line breaks as spaces where a line is laid out), and the whole view once more at the end.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from casebook._text import printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from casebook._library import Casebook
    from casebook.models import Case, Claim, LocalImpact, Supported

__all__ = ["case_text", "list_text"]

_WIDTH = 88


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        printable(text),
        width=_WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent.rstrip()]


def _heading(title: str) -> list[str]:
    title = printable(title)
    return ["", title, "-" * len(title)]


def _cites(claims: Iterable[str]) -> str:
    return "[" + ", ".join(claims) + "]"


def _bullet(head: str, text: str, claims: Iterable[str], depth: int = 1) -> list[str]:
    """A wrapped bullet `head: text [claim ids]` at `depth`; its lines continue at column 7."""
    return _wrap(f"{head}: {text} {_cites(claims)}", "      ", "  " * depth + "- ")


def _supported(label: str, items: Sequence[Supported]) -> list[str]:
    return [line for item in items for line in _bullet(label, item.text, item.claims, 2)]


def _impact(book: Casebook, impact: LocalImpact) -> list[str]:
    who = book.name_of(impact.population) if impact.population else "Local communities"
    where = ", ".join(book.name_of(place) for place in impact.places)
    lines = [printable(f"  {who}" + (f" ({where})" if where else ""))]
    lines += _supported("promised", impact.promised_benefits)
    lines += _supported("materialised", impact.materialised_benefits)
    for harm in impact.negative_impacts:
        lines += _bullet(f"harm ({harm.kind.value})", harm.text, harm.claims, 2)
    lines += _supported("reaction", impact.community_reaction)
    return lines


def _claim(book: Casebook, claim: Claim) -> list[str]:
    who = ", ".join(book.name_of(party) for party in claim.attributed_to)
    head = f"[{claim.status.value}] {claim.id}" + (f" — according to {who}" if who else "")
    lines = [printable(f"  {head}"), *_wrap(claim.text, "      ")]
    for evidence in claim.evidence:
        checked = "" if book.sources[evidence.source].verifiable else " (not checkable offline)"
        lines += _wrap(f'"{evidence.quote}" — {evidence.source}{checked}', "        ", "      > ")
    if claim.codes:
        lines += _wrap("codes: " + ", ".join(claim.codes), "        ", "      ")
    if claim.note:
        verdict = claim.accuracy.value.upper()
        lines += _wrap(f"{verdict}: {claim.note}", "        ", "      ! ")
        if claim.corrected_by:
            lines += _wrap("see " + ", ".join(claim.corrected_by), "        ", "        ")
    return lines


def case_text(book: Casebook, case: Case) -> str:  # noqa: C901, PLR0912 - one section after another
    """A case for reading in a terminal: grouped by section, with statuses and sources."""
    deal = case.deal
    title = printable(case.title)
    lines = [title, "=" * min(len(title), _WIDTH)]
    lines += [
        printable(f"id: {case.id}   as of: {case.as_of}   host: {book.name_of(case.host)}"),
        f"deal: {deal.kind.value}   status: {deal.status[-1].status.value}",
        "",
        *_wrap(case.summary, ""),
    ]
    lines += _heading("Status history")
    for entry in deal.status:
        when = (entry.date or "undated") + (" (approx.)" if entry.approximate else "")
        lines.append(printable(f"  {when}: {entry.status.value} {_cites(entry.claims)}"))
    lines += _heading("Parties by role")
    roles: dict[str, list[str]] = {}
    for member in deal.parties:
        roles.setdefault(member.role.value, []).append(book.name_of(member.party))
    lines += [printable(f"  {role}: {', '.join(names)}") for role, names in roles.items()]
    lines += _heading("The exchange")
    for offer in deal.offers:
        giver, taker = book.name_of(offer.from_party), book.name_of(offer.to_party)
        lines += _bullet(f"{giver} → {taker} ({offer.kind.value})", offer.text, offer.claims)
    if case.trade_offs:
        lines += _heading("Trade-offs")
        for trade_off in case.trade_offs:
            lines.append(printable(f"  {book.name_of(trade_off.party)}"))
            lines += _supported("gain", trade_off.gains)
            lines += _supported("cost", trade_off.costs)
            lines += _supported("risk", trade_off.risks)
    if case.local_impacts:
        lines += _heading("Local impacts")
        for impact in case.local_impacts:
            lines += _impact(book, impact)
    if case.precedents:
        lines += _heading("Precedents")
        for link in case.precedents:
            name = book.name_of(link.precedent)
            lines += _bullet(f"{name} ({link.relation.value})", link.lesson, link.claims)
    if case.events:
        lines += _heading("Timeline")
        for event in case.events:
            when = event.date + (" (approx.)" if event.approximate else "")
            lines += _bullet(when, event.text, event.claims)
    lines += _heading(f"Claims ({len(case.claims)})")
    for claim in case.claims:
        lines += _claim(book, claim)
    lines += _heading("Sources")
    for source_id in case.sources:
        lines.append(f"  {source_id}: {printable(book.sources[source_id].title)}")
    return printable("\n".join(lines) + "\n", newlines=True)


def list_text(book: Casebook) -> str:
    """One line per case: id, as-of date, deal kind and status, number of claims, title."""
    rows = [
        (
            printable(case.id),
            printable(case.as_of),
            case.deal.kind.value,
            case.deal.status[-1].status.value,
            str(len(case.claims)),
            printable(case.title),
        )
        for case in book.cases.values()
    ]
    header = ("id", "as of", "deal", "status", "claims", "title")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:  # every cell from the data is printable: a line per case
        cells = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
        lines.append("  ".join([*cells, row[5]]))
    return "\n".join(lines) + "\n"
