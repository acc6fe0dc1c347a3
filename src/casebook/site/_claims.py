"""Claims as students see them: status, attribution, quotes linked to their sources, verdicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import escape
from casebook.models.vocab import Accuracy, EpistemicStatus
from casebook.site._links import attribute

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from casebook.models import Claim, Evidence
    from casebook.site._context import Site

__all__ = [
    "STATUS_MEANING",
    "claim_block",
    "claim_item",
    "claim_list",
    "flagged",
    "quote",
    "status_badge",
]

STATUS_MEANING = {
    EpistemicStatus.FACT: "stated flatly, as established",
    EpistemicStatus.REPORTED: "passed on as reported",
    EpistemicStatus.OFFICIAL: "an official body speaking in that capacity",
    EpistemicStatus.ALLEGED: "an accusation the accused does not accept",
    EpistemicStatus.DENIED: "a party's denial",
    EpistemicStatus.ASSESSMENT: "an analyst's reading of the present",
    EpistemicStatus.FORECAST: "a prediction or warning",
    EpistemicStatus.OPINION: "a judgement of value",
    EpistemicStatus.SPECULATION: "unattributed conjecture",
}
"""What each epistemic status means, in a few words, for tooltips and legends."""

_FLAGS = {
    Accuracy.INACCURATE: ("danger", "Flagged inaccurate by the editors"),
    Accuracy.DATED: ("warning", "Flagged dated by the editors"),
    Accuracy.DISPUTED: ("warning", "Flagged disputed by the editors"),
    Accuracy.CONFIRMED: ("success", "Confirmed by another source"),
}


def flagged(claim: Claim) -> bool:
    """Whether the editors found the claim inaccurate, dated or disputed."""
    return claim.accuracy in {Accuracy.INACCURATE, Accuracy.DATED, Accuracy.DISPUTED}


def status_badge(status: EpistemicStatus, *, tooltip: bool = True) -> str:
    """The status as a labelled badge, its meaning as a tooltip (unless not `tooltip`).

    Long tables of quotes leave the tooltip out and explain the statuses once above them.
    """
    badge = f'<span class="cb-status cb-status-{status.value}"'
    if tooltip:
        badge += f' title="{attribute(STATUS_MEANING[status])}"'
    return f"{badge}>{status.value}</span>"


def quote(site: Site, origin: str, evidence: Evidence, *, claim: str, case: str = "") -> list[str]:
    """A verbatim quote as a block, attributed to its source's page."""
    source = site.book.sources.get(evidence.source)
    unchecked = "" if source is None or source.verifiable else " *(not checkable offline)*"
    return [
        (
            f'<blockquote class="cb-quote" data-case="{attribute(case)}" '
            f'data-claim="{attribute(claim)}" markdown>'
        ),
        "",
        f"“{escape(evidence.quote)}” — {site.source(origin, evidence.source)}{unchecked}",
        "",
        "</blockquote>",
        "",
    ]


def _verdict(site: Site, origin: str, claim: Claim) -> list[str]:
    lines: list[str] = []
    if claim.status_reason is not None:
        lines += [f"*Why {claim.status.value}:* {escape(claim.status_reason)}", ""]
    if claim.note is None:
        return lines
    kind, heading = _FLAGS.get(claim.accuracy, ("note", "The editors' note"))
    lines += [f'!!! {kind} "{heading}"', "", f"    {escape(claim.note)}", ""]
    if claim.corrected_by:
        lines += [f"    Shown by: {site.claims(origin, claim.corrected_by)}.", ""]
    return lines


def claim_item(site: Site, origin: str, claim: Claim) -> str:
    """A claim as an HTML list item: its status badge, its linked id with the verdict, its text.

    For the lists the site writes as HTML (see `casebook.site.verbatim`).
    """
    link = site.claim_html(origin, claim.id)
    return f"<li>{status_badge(claim.status)} {link} {escape(claim.text)}</li>"


def claim_block(
    site: Site, origin: str, claim: Claim, *, case: str = "", level: int = 4
) -> list[str]:
    """A claim in full: text, status, attribution, quotes, codes, entities, date, verdict.

    The text is a heading of the given `level` whose id is the claim's, so that the site's
    search finds each claim as a result of its own and leads to it. The heading is HTML, not
    Markdown, which keeps the claims out of the page's table of contents. The editors' note is
    shown whatever their verdict, and the reason for the claim's status where they gave one; a
    claim dated after the as-of date of its `case` is marked as a later development.
    """
    meta = [status_badge(claim.status), f"`{claim.id}`" + site.verdict(claim.id)]
    if case in site.book.cases and site.book.cases[case].is_later(claim):
        meta.append(
            '<span class="cb-status cb-later" title="dated after the case\'s as-of date; '
            'not counted as evidence of its codes">later development</span>'
        )
    if claim.date is not None:
        meta.append(claim.date)
    if claim.attributed_to:
        who = ", ".join(site.party(origin, party) for party in claim.attributed_to)
        meta.append(f"according to {who}")
    flag = " cb-flagged" if flagged(claim) else ""
    permalink = f'<a class="headerlink" href="#{claim.id}" title="Permanent link">&para;</a>'
    title = f'<h{level} class="cb-claim-text{flag}" id="{claim.id}">{escape(claim.text)}'
    lines = [
        f"{title}{permalink}</h{level}>",
        "",
        f'<div class="cb-claim{flag}" markdown>',
        "",
        " · ".join(meta),
        "",
        *_verdict(site, origin, claim),
    ]
    for evidence in claim.evidence:
        lines += quote(site, origin, evidence, claim=claim.id, case=case)
    tags = []
    if claim.codes:
        tags.append("Codes: " + ", ".join(site.code(origin, code) for code in claim.codes))
    if claim.about:
        tags.append("About: " + ", ".join(site.entity(origin, x) for x in claim.about))
    if tags:
        lines += [" · ".join(tags), ""]
    lines += ["</div>", ""]
    return lines


def claim_list(
    site: Site, origin: str, claims: Sequence[Claim], *, case: str = "", heading: str = "##"
) -> list[str]:
    """Claims grouped by epistemic status, each in full, with a count per status.

    Each status has a heading of the level `heading` gives (`##`, `###`…), and each claim a
    heading one level below it.
    """
    lines: list[str] = []
    level = min(len(heading) + 1, 6)
    groups = _by_status(claims)
    lines += ["| status | what the source does | claims |", "|---|---|---:|"]
    lines.extend(
        f"| {status_badge(status)} | {STATUS_MEANING[status]} | {len(group)} |"
        for status, group in groups
    )
    lines.append("")
    for status, group in groups:
        lines += [f"{heading} {status.value.capitalize()} ({len(group)})", ""]
        for claim in group:
            lines += claim_block(site, origin, claim, case=case, level=level)
    return lines


def _by_status(claims: Iterable[Claim]) -> list[tuple[EpistemicStatus, list[Claim]]]:
    groups: dict[EpistemicStatus, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.status, []).append(claim)
    return [(status, groups[status]) for status in EpistemicStatus if status in groups]
