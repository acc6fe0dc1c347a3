"""Pages of the registries: sources, precedents, parties in several cases, the codebook."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import cell, escape
from casebook.site._case import impact_section
from casebook.site._claims import claim_list, flagged, quote, status_badge
from casebook.site._links import (
    CODEBOOK,
    heading,
    party_page,
    precedent_page,
    source_page,
)

if TYPE_CHECKING:
    from casebook.models import Claim, Party, Precedent, Source
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


def party_markdown(site: Site, party: Party) -> str:
    """The page of a party named in several cases: its role and stake in each."""
    book = site.book
    origin = party_page(party.id)
    lines = heading(party.name, party.description)
    if party.description:
        lines += [escape(party.description), ""]
    rows = [
        ("Kind", party.kind.value),
        ("Country", f"`{party.country}`" if party.country else ""),
        ("Part of", ", ".join(site.party(origin, p) for p in party.member_of)),
        ("Also called", ", ".join(escape(a) for a in party.aliases)),
    ]
    lines.extend(f"- **{name}:** {value}" for name, value in rows if value)
    lines.append("")
    for case_id in site.party_cases.get(party.id, ()):
        case = book.cases[case_id]
        lines += [f"## In {site.case(origin, case_id)}", ""]
        roles = [r for r in case.deal.parties if r.party == party.id]
        lines.extend(f"- Role: **{r.role.value}** — {site.claims(origin, r.claims)}" for r in roles)
        for offer in case.deal.offers:
            if party.id in {offer.from_party, offer.to_party}:
                direction = (
                    f"offers {site.party(origin, offer.to_party)}"
                    if offer.from_party == party.id
                    else f"is offered by {site.party(origin, offer.from_party)}"
                )
                lines.append(
                    f"- {direction} *{offer.kind.value}*: {escape(offer.text)} — "
                    f"{site.claims(origin, offer.claims)}"
                )
        for trade_off in case.trade_offs:
            if trade_off.party == party.id:
                lines.extend(
                    f"- Seeks: {escape(g.text)} — {site.claims(origin, g.claims)}"
                    for g in trade_off.gains
                )
        said = [c for c in case.claims if party.id in c.attributed_to]
        about = [c for c in case.claims if party.id in c.about]
        lines += [
            f"- Speaks in {len(said)} claim(s): {site.claims(origin, (c.id for c in said))}"
            if said
            else "- Speaks in no claim.",
            f"- Is the subject of {len(about)} claim(s): "
            f"{site.claims(origin, (c.id for c in about))}"
            if about
            else "- Is the subject of no claim.",
            "",
        ]
    return "\n".join(lines)


def parties_index(site: Site) -> str:
    """Parties named in more than one case, then every other party with its case."""
    origin = "parties/index.md"
    shared = [p for p in site.book.parties.values() if site.has_party_page(p.id)]
    lines = [*heading("Parties"), "## In more than one case", ""]
    lines += ["| party | kind | cases |", "|---|---|---|"]
    lines.extend(
        f"| {site.party(origin, p.id)} | {p.kind.value} | "
        + ", ".join(site.case(origin, c) for c in site.party_cases[p.id])
        + " |"
        for p in shared
    )
    lines += ["", "## In one case", "", "| party | kind | case |", "|---|---|---|"]
    for party in site.book.parties.values():
        cases = site.party_cases.get(party.id, ())
        if len(cases) == 1:
            lines.append(
                f"| {cell(party.name)} | {party.kind.value} | {site.case(origin, cases[0])} |"
            )
    return "\n".join([*lines, ""])


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
            for case_id, found in where:
                claims = site.claims(origin, (c.claim for c in found.claims))
                n = found.independent_origins
                origins = (
                    f"single origin ({site.source(origin, next(iter(found.origins)))})"
                    if n == 1
                    else f"{n} independent origins"
                )
                lines.append(
                    f"- {site.case(origin, case_id)}: {found.presence.value}, {origins} — {claims}"
                )
            lines.append("")
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
