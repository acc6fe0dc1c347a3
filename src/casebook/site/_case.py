"""The page of a case, and the list of cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import cell, escape
from casebook.models.vocab import Role
from casebook.site._brief import brief_page
from casebook.site._claims import claim_list, flagged, status_badge
from casebook.site._downloads import DOWNLOADS_PAGE, case_json, case_zip
from casebook.site._links import (
    ANY_PAIR,
    CASES,
    case_page,
    heading,
    heading_text,
    link,
    pair_page,
)
from casebook.site._mermaid import deal_diagram

if TYPE_CHECKING:
    from collections.abc import Sequence

    from casebook.models import Case, LocalImpact, Supported
    from casebook.site._comparisons import PairChoice
    from casebook.site._context import Site

__all__ = ["case_markdown", "cases_index", "impact_section"]


def _supported(site: Site, origin: str, items: Sequence[Supported], empty: str) -> list[str]:
    lines = [f"- {escape(item.text)} — {site.claims(origin, item.claims)}" for item in items]
    return [*(lines or [f"- *{empty}*"]), ""]


def _overview(site: Site, origin: str, case: Case) -> list[str]:
    current = case.deal.status[-1]
    since = f" since {current.date}" if current.date else ""
    sources = ", ".join(site.source(origin, s) for s in case.sources)
    lines = [
        *heading(case.title, case.summary),
        '!!! abstract "Summary"',
        "",
        f"    {escape(case.summary)}",
        "",
        f"- **Host state:** {site.party(origin, case.host)}",
        f"- **Kind of deal:** {case.deal.kind.value}",
        f"- **Status:** {current.status.value}{since}",
        f"- **Account current to:** {case.as_of}",
        *(
            [f"- **Also a precedent:** {site.precedent(origin, case.precedent)}"]
            if case.precedent
            else []
        ),
        f"- **Principal sources:** {sources}",
        f"- **Claims:** {len(case.claims)}",
        f"- **Brief:** [the case on two printable pages]({link(origin, brief_page(case.id))})",
        (
            f"- **Download:** [the case as JSON]({link(origin, case_json(case.id))}) · "
            f"[its tables as CSV (zip)]({link(origin, case_zip(case.id))}) · "
            f"[all downloads]({link(origin, DOWNLOADS_PAGE)})"
        ),
        "",
    ]
    corrections = [claim for claim in case.claims if flagged(claim)]
    if corrections:
        lines += [
            f'!!! danger "The editors flagged {len(corrections)} claim(s) of this case"',
            "",
            (
                "    What the sources say is kept as they say it; these notes say where it is "
                "wrong "
                "or out of date."
            ),
            "",
        ]
        lines.extend(
            f"    - {site.claim(origin, claim.id)} ({claim.accuracy.value}): "
            f"{escape(claim.note or '')}"
            for claim in corrections
        )
        lines.append("")
    return lines


def _deal(site: Site, origin: str, case: Case) -> list[str]:
    book = site.book
    lines = ["## The deal", "", escape(case.deal.summary), "", *deal_diagram(book, case)]
    lines += ["| from → to | what is offered | claims |", "|---|---|---|"]
    for offer in case.deal.offers:
        where = [escape(book.name_of(x)) for x in (*offer.commodities, *offer.places)]
        lines.append(
            f"| {site.party(origin, offer.from_party)} → {site.party(origin, offer.to_party)} "
            f"| *{offer.kind.value}*: {cell(offer.text)}"
            + (f" ({', '.join(where)})" if where else "")
            + f" | {site.claims(origin, offer.claims)} |"
        )
    lines += ["", "## Parties by role", ""]
    for role in Role:
        members = [p for p in case.deal.parties if p.role is role]
        if not members:
            continue
        lines += [f"### {role.value.replace('-', ' ').capitalize()}", ""]
        for member in members:
            party = book.parties.get(member.party)
            kind = f" ({party.kind.value.replace('-', ' ')})" if party else ""
            lines.append(
                f"- {site.party(origin, member.party)}{kind} — {site.claims(origin, member.claims)}"
            )
        lines.append("")
    return lines


def _resources(site: Site, case: Case) -> list[str]:
    book = site.book
    lines = [
        "## Commodities and places",
        "",
        "| commodity | group | also called |",
        "|---|---|---|",
    ]
    for commodity_id in case.deal.commodities:
        commodity = book.commodities[commodity_id]
        aliases = ", ".join(escape(a) for a in commodity.aliases)
        lines.append(f"| {cell(commodity.name)} | {commodity.group.value} | {aliases} |")
    lines += ["", "| place | kind | ISO 3166 code | within |", "|---|---|---|---|"]
    for place_id in case.deal.places:
        place = book.places[place_id]
        code = f"`{place.iso_code}`" if place.iso_code else "*none*"
        within = escape(book.name_of(place.within)) if place.within else ""
        lines.append(f"| {cell(place.name)} | {place.kind.value} | {code} | {within} |")
    return [*lines, ""]


def _trade_offs(site: Site, origin: str, case: Case) -> list[str]:
    if not case.trade_offs:
        return []
    lines = ["## Trade-offs", "", "What each party seeks, and the costs and risks it accepts.", ""]
    for trade_off in case.trade_offs:
        name = heading_text(site.book.name_of(trade_off.party))
        lines += [f'=== "{name}"', ""]
        for title, items, empty in (
            ("Gains sought", trade_off.gains, "None recorded."),
            ("Costs accepted", trade_off.costs, "None recorded."),
            ("Risks run", trade_off.risks, "None recorded."),
        ):
            lines += [f"    **{title}**", ""]
            lines += [
                f"    {line}" if line else "" for line in _supported(site, origin, items, empty)
            ]
    return lines


def impact_section(site: Site, origin: str, impact: LocalImpact) -> list[str]:
    """One local impact: who, where, benefits promised and materialised, harms, reactions."""
    who = site.party(origin, impact.population) if impact.population else "Local communities"
    places = ", ".join(escape(site.book.name_of(p)) for p in impact.places)
    lines = [f"### {who}" + (f" ({places})" if places else ""), ""]
    lines += ["**Benefits promised**", ""]
    lines += _supported(site, origin, impact.promised_benefits, "None recorded.")
    lines += ["**Benefits that materialised**", ""]
    lines += _supported(site, origin, impact.materialised_benefits, "None recorded.")
    lines += ["**Negative impacts**", ""]
    harms = [
        f"- *{harm.kind.value}*: {escape(harm.text)} — {site.claims(origin, harm.claims)}"
        for harm in impact.negative_impacts
    ]
    lines += [*(harms or ["- *None recorded.*"]), ""]
    lines += ["**How communities reacted**", ""]
    lines += _supported(site, origin, impact.community_reaction, "None recorded.")
    return lines


def _history(site: Site, origin: str, case: Case) -> list[str]:
    lines = ["## Status history", "", "| from | status | claims |", "|---|---|---|"]
    for entry in case.deal.status:
        date = (("about " if entry.approximate else "") + entry.date) if entry.date else "unknown"
        lines.append(f"| {date} | {entry.status.value} | {site.claims(origin, entry.claims)} |")
    lines.append("")
    if case.precedents:
        lines += ["## Precedents", ""]
        studied = {c.precedent: c.id for c in site.book.cases.values() if c.precedent}
        for precedent in case.precedents:
            as_case = studied.get(precedent.precedent)
            lines += [
                (
                    f"- {site.precedent(origin, precedent.precedent)}, invoked as "
                    f"*{precedent.relation.value}*: {escape(precedent.lesson)} — "
                    f"{site.claims(origin, precedent.claims)}"
                    + (f" (studied as the case {site.case(origin, as_case)})" if as_case else "")
                ),
            ]
        lines.append("")
    if case.events:
        lines += ["## Timeline", "", "| date | what happened | claims |", "|---|---|---|"]
        for event in case.events:
            date = ("about " if event.approximate else "") + event.date
            lines.append(f"| {date} | {cell(event.text)} | {site.claims(origin, event.claims)} |")
        lines.append("")
    return lines


def _later(site: Site, origin: str, case: Case) -> list[str]:
    later = case.later_claims()
    if not later:
        return []
    lines = [
        f"## Later developments ({len(later)})",
        "",
        (
            f"These claims describe what happened after {case.as_of}, the date the account is "
            "current to. They are kept apart: no comparison, pattern or analysis counts them as "
            "evidence of the case's codes, in this case as in every other."
        ),
        "",
    ]
    lines.extend(
        f"- {claim.date}: {escape(claim.text)} — {site.claim(origin, claim.id)}" for claim in later
    )
    return [*lines, ""]


def _compared(site: Site, origin: str, case: Case, pairs: PairChoice) -> list[str]:
    """The cases this one has a pair page with, most similar first; the others, in one link."""
    others = len(site.book.cases) - 1
    if others < 1:
        return []
    partners = pairs.partners.get(case.id, ())
    count = min(pairs.nearest, others)
    most = "its most similar case" if count == 1 else f"its {count} most similar cases"
    nearest = f"{most}, the cases that count it among theirs, and " if count else ""
    lines = [
        "## Compared with",
        "",
        (
            f"Side by side, a page for each pair: {nearest}the cases a precedent ties it to "
            "(one invokes a precedent the other studies). Similarity runs from 0 to 1."
        ),
        "",
    ]
    for other in partners:
        tied = ", tied by a precedent" if "precedent" in pairs.reasons(case.id, other) else ""
        lines.append(
            f"- [{escape(site.book.cases[other].title)}]({link(origin, pair_page(case.id, other))})"
            f" — similarity {pairs.similarity_of(case.id, other):.2f}{tied}"
        )
    if len(partners) < others:
        rest = others - len(partners)
        rest_text = "The other case" if rest == 1 else f"The other {rest} cases"
        lines += [
            *([""] if partners else []),
            f"{rest_text}: [Compare any two]({link(origin, ANY_PAIR)}).",
        ]
    return [*lines, ""]


def case_markdown(site: Site, case: Case, pairs: PairChoice) -> str:
    """The page of a case: overview, deal, parties, resources, impacts, history, claims.

    `pairs` says which cases it is compared with on a page of the two.
    """
    origin = case_page(case.id)
    lines = [*_overview(site, origin, case), *_deal(site, origin, case)]
    lines += [*_resources(site, case), *_trade_offs(site, origin, case)]
    if case.local_impacts:
        lines += ["## Local impacts", ""]
        for impact in case.local_impacts:
            lines += impact_section(site, origin, impact)
    lines += _history(site, origin, case)
    lines += _compared(site, origin, case, pairs)
    lines += _later(site, origin, case)
    lines += [
        "## Claims",
        "",
        (
            "Every statement above rests on these claims. The badge says what kind of statement "
            "the "
            "source makes; the quotes are verbatim and link to the source."
        ),
        "",
        *claim_list(site, origin, case.claims, case=case.id, heading="###"),
    ]
    return "\n".join(lines)


def cases_index(site: Site) -> str:
    """The list of cases, each with its summary, status and principal sources."""
    lines = [
        *heading("Cases"),
        "Each case is one resource deal, told through claims tied to verbatim quotes.",
        "",
    ]
    for case in site.book.cases.values():
        current = case.deal.status[-1]
        lines += [
            f"## {site.case(CASES, case.id)}",
            "",
            escape(case.summary),
            "",
            f"*{case.deal.kind.value}* · status **{current.status.value}** · "
            f"{len(case.claims)} claims · current to {case.as_of} · "
            + " ".join(status_badge(s) for s in sorted({c.status for c in case.claims})),
            "",
        ]
    return "\n".join(lines)
