"""Pages of the registries: sources, precedents, parties, the codebook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import cell, escape
from casebook.models.vocab import PartyKind
from casebook.site._case import impact_section
from casebook.site._claims import (
    claim_item,
    claim_list,
    flagged,
    quote,
    status_badge,
)
from casebook.site._links import (
    CODEBOOK,
    heading,
    party_page,
    precedent_page,
    source_page,
)
from casebook.site.verbatim import verbatim

if TYPE_CHECKING:
    from casebook.models import Case, Claim, Party, Precedent, Source
    from casebook.site._context import Site

__all__ = [
    "codebook_markdown",
    "parties_index",
    "party_markdown",
    "precedent_markdown",
    "precedents_index",
    "source_markdown",
    "sources_index",
]


def _holders(site: Site) -> list[tuple[str, str, tuple[Claim, ...]]]:
    """Every case and precedent with its claims: (kind, id, claims)."""
    book = site.book
    held = [("case", case.id, case.claims) for case in book.cases.values()]
    held += [("precedent", p.id, p.claims) for p in book.precedents.values() if p.claims]
    return held


def _holder_link(site: Site, origin: str, kind: str, holder: str) -> str:
    return site.case(origin, holder) if kind == "case" else site.precedent(origin, holder)


def _date_inference(site: Site, origin: str, source: Source) -> list[str]:
    inference = source.date_inference
    if inference is None:
        return []
    rows = [
        ("Earliest", inference.earliest),
        ("Latest", inference.latest),
        ("Best estimate", inference.best_estimate),
    ]
    lines = [
        f'!!! info "The date is inferred ({inference.confidence.value} confidence)"',
        "",
        "    The document carries no date; the editors worked it out from what it says.",
        "",
    ]
    lines.extend(f"    - **{name}:** {value or '*unknown*'}" for name, value in rows)
    lines += ["", f"    **How:** {escape(inference.reasoning)}", ""]
    if inference.clues:
        lines += [f"    **Clues:** {site.claims(origin, inference.clues)}", ""]
    return lines


def _provenance_rows(site: Site, origin: str, source: Source) -> list[tuple[str, str]]:
    """What the source relays, and the independent origins that come down to."""
    rows = []
    if source.derived_from:
        rows.append(("Relays", ", ".join(site.source(origin, s) for s in source.derived_from)))
    origins = sorted(site.book.origins.get(source.id, frozenset({source.id})))
    rows.append(
        (
            "Independent origin",
            "itself: it relays no registered source"
            if origins == [source.id]
            else ", ".join(site.source(origin, s) for s in origins)
            + " (quotes from this source are not independent of those)",
        )
    )
    relaying = sorted(s.id for s in site.book.sources.values() if source.id in s.derived_from)
    if relaying:
        rows.append(("Relayed by", ", ".join(site.source(origin, s) for s in relaying)))
    return rows


def source_markdown(site: Site, source: Source) -> str:
    """A source's page: metadata, inferred date, excluded passages, claims, accuracy problems."""
    origin = source_page(source.id)
    url = f"<{source.url}>" if source.url else "*none*"
    text = (
        "a local copy; every quote is checked against it"
        if source.verifiable
        else ("no local copy: quotes cannot be checked offline")
    )
    rows = [
        ("Publisher", escape(source.publisher) if source.publisher else "*unknown*"),
        ("Author", escape(source.author) if source.author else "*not named*"),
        ("Kind", source.kind.value),
        ("Language", f"`{source.language}`"),
        ("Published", source.published or "*not printed on the document*"),
        ("Address", url),
        ("Text", text),
    ]
    rows[1:1] = _provenance_rows(site, origin, source)
    lines = heading(source.title)
    lines.extend(f"- **{name}:** {value}" for name, value in rows)
    if source.provenance:
        lines += ["", f"**Provenance.** {escape(source.provenance)}"]
    lines += ["", *_date_inference(site, origin, source)]
    if source.weaknesses:
        lines += ['!!! warning "What to be wary of"', ""]
        lines.extend(f"    - {escape(weakness)}" for weakness in source.weaknesses)
        lines.append("")
    if source.excluded:
        lines += [
            "## Not evidence",
            "",
            "These passages of the text are not the article and are never quoted.",
            "",
            "| reason | from | to |",
            "|---|---|---|",
        ]
        lines.extend(
            f"| {span.reason.value} | “{cell(span.start)}” | "
            + (f"“{cell(span.end)}”" if span.end else "*end of that line*")
            + " |"
            for span in source.excluded
        )
        lines.append("")
    citing = [
        (kind, holder, claim)
        for kind, holder, claims in _holders(site)
        for claim in claims
        if any(e.source == source.id for e in claim.evidence)
    ]
    problems = [(kind, holder, claim) for kind, holder, claim in citing if flagged(claim)]
    lines += ["## Accuracy problems", ""]
    if not problems:
        lines += ["The editors flagged none of the claims that cite this source.", ""]
    for _kind, _holder, claim in problems:
        lines += [
            f"- {site.claim(origin, claim.id)} ({claim.accuracy.value}): {escape(claim.note or '')}"
            + (
                f" Shown by {site.claims(origin, claim.corrected_by)}."
                if claim.corrected_by
                else ""
            )
        ]
    lines += ["", f"## Claims citing it ({len(citing)})", ""]
    current = None
    for kind, holder, claim in citing:
        if (kind, holder) != current:
            current = (kind, holder)
            lines += [f"### {_holder_link(site, origin, kind, holder)}", ""]
        lines += [
            f"{status_badge(claim.status)} {site.claim(origin, claim.id)} {escape(claim.text)}",
            "",
        ]
        for evidence in claim.evidence:
            if evidence.source == source.id:
                case = holder if kind == "case" else ""
                lines += quote(site, origin, evidence, claim=claim.id, case=case)
    return "\n".join(lines)


def sources_index(site: Site) -> str:
    """Every registered source, with what kind it is and how many claims cite it."""
    origin = "sources/index.md"
    counts: dict[str, int] = {}
    for _kind, _holder, claims in _holders(site):
        for claim in claims:
            for cited in {e.source for e in claim.evidence}:
                counts[cited] = counts.get(cited, 0) + 1
    lines = [
        *heading("Sources"),
        (
            "Every quote in the casebook comes from one of these documents. Local copies are "
            "checked word for word; documents registered by address only are marked."
        ),
        "",
        "| source | kind | published | checked offline | claims |",
        "|---|---|---|---|---:|",
    ]
    for source in site.book.sources.values():
        published = source.published or (
            f"about {source.date_inference.best_estimate} (inferred)"
            if source.date_inference and source.date_inference.best_estimate
            else "*undated*"
        )
        checked = "yes" if source.verifiable else "no"
        lines.append(
            f"| {site.source(origin, source.id)} | {source.kind.value} | {published} "
            f"| {checked} | {counts.get(source.id, 0)} |"
        )
    return "\n".join([*lines, ""])


def precedent_markdown(site: Site, precedent: Precedent) -> str:
    """A precedent's page: what it was, how each case invokes it, its own claims."""
    book = site.book
    origin = precedent_page(precedent.id)
    period = ""
    if precedent.period is not None:
        period = f"{precedent.period.start or '?'} \N{EN DASH} {precedent.period.end or ''}".strip()
    rows = [
        ("Kind", precedent.kind.value),
        ("Also called", ", ".join(escape(a) for a in precedent.aliases)),
        ("Period", period),
        ("Places", ", ".join(escape(book.name_of(p)) for p in precedent.places)),
        ("Parties", ", ".join(site.party(origin, p) for p in precedent.parties)),
        ("Resources", ", ".join(escape(book.name_of(c)) for c in precedent.commodities)),
    ]
    lines = [*heading(precedent.name, precedent.summary), escape(precedent.summary), ""]
    lines.extend(f"- **{name}:** {value}" for name, value in rows if value)
    lines.append("")
    if precedent.outcome:
        lines += ['!!! note "Outcome"', "", f"    {escape(precedent.outcome)}", ""]
    studied = [case for case in book.cases.values() if case.precedent == precedent.id]
    for case in studied:
        lines += [
            '!!! info "Studied as a case"',
            "",
            (
                f"    This deal is a case of its own: {site.case(origin, case.id)}, with its full "
                "evidence, parties and status history."
            ),
            "",
        ]
    lines += ["## How the cases invoke it", ""]
    invoked = [
        (case, entry)
        for case in book.cases.values()
        for entry in case.precedents
        if entry.precedent == precedent.id
    ]
    for case, entry in invoked:
        lines.append(
            f"- {site.case(origin, case.id)}, as *{entry.relation.value}*: "
            f"{escape(entry.lesson)} — {site.claims(origin, entry.claims)}"
        )
    lines += ([] if invoked else ["*No case invokes it yet.*"]) + [""]
    if precedent.local_impacts:
        lines += ["## Local impacts", ""]
        for impact in precedent.local_impacts:
            lines += impact_section(site, origin, impact)
    if precedent.claims:
        lines += ["## Claims", "", *claim_list(site, origin, precedent.claims, heading="###")]
    return "\n".join(lines)


def precedents_index(site: Site) -> str:
    """Every precedent, with the cases that invoke it."""
    origin = "precedents/index.md"
    lines = [
        *heading("Precedents"),
        (
            "Earlier projects, programmes, agreements and laws the sources "
            "invoke, and the lessons they draw from them."
        ),
        "",
        "| precedent | kind | invoked by |",
        "|---|---|---|",
    ]
    for precedent in site.book.precedents.values():
        cases = [
            site.case(origin, case.id)
            for case in site.book.cases.values()
            if any(link_.precedent == precedent.id for link_ in case.precedents)
        ]
        lines.append(
            f"| {site.precedent(origin, precedent.id)} | {precedent.kind.value} "
            f"| {', '.join(cases)} |"
        )
    return "\n".join([*lines, ""])


_KINDS = {
    PartyKind.STATE: "States",
    PartyKind.GOVERNMENT_BODY: "Government bodies",
    PartyKind.ARMED_FORCES: "Armed forces",
    PartyKind.PERSON: "People",
    PartyKind.NON_STATE_ARMED_GROUP: "Non-state armed groups",
    PartyKind.COMPANY: "Companies",
    PartyKind.INTERNATIONAL_ORGANISATION: "International organisations",
    PartyKind.LOCAL_POPULATION: "Local populations",
    PartyKind.ANALYSTS: "Analysts and observers",
    PartyKind.UNNAMED_SOURCES: "Unnamed sources",
    PartyKind.MEDIA: "Media",
    PartyKind.POLITICAL_MOVEMENT: "Political movements",
}
"""The heading of each kind of party on the parties index."""


def _deal_part(site: Site, origin: str, party_id: str, case: Case) -> list[str]:
    """What a party does in a case's deal: host, roles, offers given and received, trade-offs."""
    lines = []
    if case.host == party_id:
        lines.append("- **Host:** the state whose resources are at stake")
    lines.extend(
        f"- **Role:** {r.role.value} — {site.claims(origin, r.claims)}"
        for r in case.deal.parties
        if r.party == party_id
    )
    for offer in case.deal.offers:
        if party_id in {offer.from_party, offer.to_party}:
            direction = (
                f"**Offers** {site.party(origin, offer.to_party)}"
                if offer.from_party == party_id
                else f"**Is offered** by {site.party(origin, offer.from_party)}"
            )
            lines.append(
                f"- {direction} *{offer.kind.value}*: {escape(offer.text)} — "
                f"{site.claims(origin, offer.claims)}"
            )
    for trade_off in case.trade_offs:
        if trade_off.party == party_id:
            for label, items in (
                ("Seeks", trade_off.gains),
                ("Accepts the cost", trade_off.costs),
                ("Runs the risk", trade_off.risks),
            ):
                lines.extend(
                    f"- **{label}:** {escape(item.text)} — {site.claims(origin, item.claims)}"
                    for item in items
                )
    return lines or ["- *No part in the deal: the case names it in its claims.*"]


def _claims_of(
    site: Site, origin: str, title: str, claims: list[tuple[str, str, Claim]]
) -> list[str]:
    """A section of claims grouped by the case or precedent that holds them.

    Each group is a list written as HTML, which the build does not parse (see
    `casebook.site.verbatim`) and the search leaves out: the claims are found on the pages of
    their cases, in full.
    """
    lines = [f"## {title} ({len(claims)})", ""]
    if not claims:
        return [*lines, "*None.*", ""]
    groups: dict[tuple[str, str], list[str]] = {}
    for kind, holder, claim in claims:
        groups.setdefault((kind, holder), []).append(claim_item(site, origin, claim))
    for (kind, holder), items in groups.items():
        lines += ["", f"### {_holder_link(site, origin, kind, holder)}"]
        lines += verbatim(["<ul data-search-exclude>", *items, "</ul>"])
    return [*lines, ""]


def _precedents_naming(site: Site, party_id: str) -> list[str]:
    """The precedents that name a party: among their parties, impacts or claims."""
    return [
        p.id
        for p in site.book.precedents.values()
        if party_id in p.parties
        or any(i.population == party_id for i in p.local_impacts)
        or any(party_id in (*c.attributed_to, *c.about) for c in p.claims)
    ]


def party_markdown(site: Site, party: Party) -> str:
    """A party's page: who it is, its part in each case, the claims it makes and that concern it."""
    book = site.book
    origin = party_page(party.id)
    lines = heading(party.name, party.description)
    if party.description:
        lines += [escape(party.description), ""]
    cases = site.party_cases.get(party.id, ())
    rows = [
        ("Kind", party.kind.value),
        ("Country", f"`{party.country}`" if party.country else ""),
        ("Part of", ", ".join(site.party(origin, p) for p in party.member_of)),
        ("Also called", ", ".join(escape(a) for a in party.aliases)),
        ("Cases", ", ".join(site.case(origin, c) for c in cases) or "*none*"),
        (
            "Precedents",
            ", ".join(site.precedent(origin, p) for p in _precedents_naming(site, party.id)),
        ),
    ]
    lines.extend(f"- **{name}:** {value}" for name, value in rows if value)
    lines.append("")
    if cases:
        lines += ["## In each case", ""]
    for case_id in cases:
        lines += [f"### In {site.case(origin, case_id)}", ""]
        lines += [*_deal_part(site, origin, party.id, book.cases[case_id]), ""]
    held = [(kind, holder, claim) for kind, holder, claims in _holders(site) for claim in claims]
    said = [entry for entry in held if party.id in entry[2].attributed_to]
    about = [entry for entry in held if party.id in entry[2].about]
    lines += _claims_of(site, origin, "Claims attributed to it", said)
    lines += _claims_of(site, origin, "Claims about it", about)
    return "\n".join(lines)


def parties_index(site: Site) -> str:
    """Every registered party by kind, with the cases that name it and its claims."""
    origin = "parties/index.md"
    book = site.book
    said: dict[str, int] = {}
    about: dict[str, int] = {}
    for _holder, claim in book.claims():
        for party in set(claim.attributed_to):
            said[party] = said.get(party, 0) + 1
        for party in set(claim.about):
            about[party] = about.get(party, 0) + 1
    lines = [
        *heading("Parties"),
        (
            "Every registered party, by kind, with the cases that name it and the number of "
            "claims it makes and that are about it. A party has a page of its own when it takes "
            "part in a deal (as the host, in a role, giving or receiving an offer, weighing a "
            "trade-off), when a claim is attributed to it, or when more than one case names it."
        ),
        "",
    ]
    for kind in PartyKind:
        members = [p for p in book.parties.values() if p.kind is kind]
        if not members:
            continue
        lines += [f"## {_KINDS.get(kind, kind.value)} ({len(members)})", ""]
        lines += ["| party | cases | claims attributed | claims about |", "|---|---|---:|---:|"]
        lines.extend(
            f"| {site.party(origin, p.id)} | "
            + (", ".join(site.case(origin, c) for c in site.party_cases.get(p.id, ())) or "—")
            + f" | {said.get(p.id, 0)} | {about.get(p.id, 0)} |"
            for p in members
        )
        lines.append("")
    return "\n".join(lines)


def codebook_markdown(site: Site) -> str:
    """Every code by category: definition, examples, and where it occurs with what evidence."""
    book = site.book
    origin = CODEBOOK
    lines = [
        *heading("Codebook"),
        (
            "The analytic codes that claims are coded with: what a claim is evidence *of*. "
            "A code occurs in a case when at least one of the case's claims carries it; the kind "
            "of evidence is the strongest its claims give (observed, questioned, assessed, "
            "alleged, predicted), and the number of independent origins says how many sources "
            "that do not relay one another back it. Later developments (claims dated after a "
            "case's as-of date) are not counted. The editors' verdict stands beside each claim "
            "they judged."
        ),
        "",
    ]
    for category in book.categories.values():
        codes = [c for c in book.codebook.values() if c.category == category.id]
        lines += [
            f"## {escape(category.label)} {{ #category-{category.id} }}",
            "",
            escape(category.definition),
            "",
        ]
        for code in codes:
            lines += [f"### {escape(code.label)} {{ #{code.id} }}", "", f"`{code.id}`", ""]
            lines += [escape(code.definition), ""]
            if code.parent:
                lines += [f"Refines {site.code(origin, code.parent)}.", ""]
            if code.examples:
                lines += ["Typical statements:", ""]
                lines.extend(f"- *{escape(example)}*" for example in code.examples)
                lines.append("")
            where = [
                (case_id, evidence[code.id])
                for case_id, evidence in site.evidence.items()
                if code.id in evidence
            ]
            if not where:
                lines += ["*Occurs in no case yet.*", ""]
                continue
            items = []
            for case_id, found in where:
                claims = site.claims_html(origin, (c.claim for c in found.claims))
                n = found.independent_origins
                origins = (
                    f"single origin ({site.source_html(origin, next(iter(found.origins)))})"
                    if n == 1
                    else f"{n} independent origins"
                )
                case = site.case_html(origin, case_id)
                items.append(f"<li>{case}: {found.presence.value}, {origins} — {claims}</li>")
            # Written as HTML and left out of the search, as the lists of a party's claims are.
            lines += verbatim(["<ul data-search-exclude>", *items, "</ul>"])
    return "\n".join([*lines, *_status_markers(site)])


def _status_markers(site: Site) -> list[str]:
    """The status markers of the coding protocol, and the statuses each one fits."""
    markers = sorted(site.book.status_markers.values(), key=lambda m: m.phrase.casefold())
    lines = [
        "## Status markers { #status-markers }",
        "",
        (
            "Words in a quote that suggest what kind of statement it is. When a quote holds one "
            "and the claim's status is not among those it fits, the loader warns, unless the "
            "claim gives the editors' reason for its status. See the coding protocol in the "
            "method pages."
        ),
        "",
    ]
    if not markers:
        return [*lines, "*No status markers are defined.*", ""]
    lines += ["| phrase | fits | why |", "|---|---|---|"]
    lines.extend(
        f"| “{cell(m.phrase)}”{' (lower case only)' if m.match_case else ''} "
        f"| {', '.join(status_badge(s) for s in m.suggests)} | {cell(m.meaning)} |"
        for m in markers
    )
    return [*lines, ""]
