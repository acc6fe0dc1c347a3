"""Comparisons and patterns as JSON data, Markdown, and rich tables for the terminal."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

from casebook._evidence_base import EvidenceBase, evidence_base
from casebook._markdown import cell, escape
from casebook._presence import CaseEvidence, Cited, Presence
from casebook._provenance import claim_origins
from casebook._text import printable
from casebook.models.vocab import Accuracy, EpistemicStatus, SourceKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import Console, RenderableType
    from rich.table import Table

    from casebook._compare import Answer, Comparison
    from casebook._library import Casebook
    from casebook._patterns import Pattern

__all__ = [
    "comparison_data",
    "comparison_markdown",
    "comparison_rich",
    "components_table",
    "patterns_data",
    "patterns_markdown",
    "patterns_rich",
]

_QUOTE = 160
"""Longest quote shown in the terminal; Markdown and JSON show quotes whole."""

_NOTE = 240
"""Longest editors' note shown in the terminal."""

_UNFLAGGED = frozenset({Accuracy.NOT_ASSESSED, Accuracy.CONFIRMED})

_MEANING = {
    Presence.OBSERVED: "observed: facts, reports and official statements",
    Presence.QUESTIONED: "questioned: observed claims the editors flagged dated or disputed",
    Presence.ASSESSED: "assessed: analysts' assessments and opinions only",
    Presence.ALLEGED: "alleged: allegations only",
    Presence.PREDICTED: "predicted: forecasts and speculation only",
}


def _plain(value: Any) -> Any:
    """Attrs instances, enums, tuples and mappings as JSON-ready data.

    Evidence also says how many independent origins back it, and whether only one does.
    """
    if attrs.has(type(value)):
        data = {f.name: _plain(getattr(value, f.name)) for f in attrs.fields(type(value))}
        if isinstance(value, (Cited, CaseEvidence)):
            data["independent_origins"] = value.independent_origins
        if isinstance(value, CaseEvidence):
            data["single_origin"] = value.single_origin
        return data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list, frozenset, set)):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, (frozenset, set)) else items
    return value


def _claims_index(book: Casebook, claim_ids: Iterable[str]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for claim_id in sorted(set(claim_ids)):
        try:
            claim = book.claim(claim_id)
        except KeyError:
            continue
        origins = claim_origins((e.source for e in claim.evidence), book.origins)
        index[claim_id] = {
            "text": claim.text,
            "status": claim.status.value,
            "status_reason": claim.status_reason,
            "accuracy": claim.accuracy.value,
            "note": claim.note,
            "corrected_by": list(claim.corrected_by),
            "date": claim.date,
            "attributed_to": list(claim.attributed_to),
            "origins": sorted(origins),
            "independent_origins": len(origins),
            "evidence": [{"source": e.source, "quote": e.quote} for e in claim.evidence],
        }
    return index


def _cited_ids(data: Any) -> Iterable[str]:
    """Every claim id named anywhere in JSON-ready data (under `claim` or `claims` keys)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "claim" and isinstance(value, str):
                yield value
            elif key in {"claims", "uncounted", "set_aside", "later"} and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            yield from _cited_ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from _cited_ids(value)


def comparison_data(comparison: Comparison, book: Casebook) -> dict[str, Any]:
    """The comparison as JSON-ready data, with the text and quotes of every cited claim."""
    data: dict[str, Any] = _plain(comparison)
    data["policy"] = {
        "rule": comparison.policy.describe(),
        **{k: v for k, v in _plain(comparison.policy).items() if k != "kinds"},
    }
    data["similarity_components"] = [{**_plain(c), "score": c.score} for c in comparison.components]
    del data["components"]
    data["evidence_base"] = {
        case: evidence_base_data(book, case) for case in (comparison.a, comparison.b)
    }
    data["claims"] = _claims_index(book, _cited_ids(data))
    return data


def evidence_base_data(book: Casebook, case_id: str) -> dict[str, Any]:
    """A case's evidence base as JSON-ready data."""
    base = evidence_base(book, case_id)
    data: dict[str, Any] = _plain(base)
    data["independent_origins"] = base.independent_origins
    data["flagged"] = base.flagged
    return data


def patterns_data(found: Sequence[Pattern], book: Casebook) -> dict[str, Any]:
    """Patterns as JSON-ready data, with the text and quotes of every cited claim."""
    listed = [
        {**_plain(p), "support": p.support, "single_origin": list(p.single_origin)} for p in found
    ]
    return {"patterns": listed, "claims": _claims_index(book, _cited_ids(listed))}


# Markdown -------------------------------------------------------------------------------------


def _quote(book: Casebook, claim_id: str, limit: int | None = None) -> str:
    try:
        claim = book.claim(claim_id)
    except KeyError:
        return ""
    quote = " ".join(claim.evidence[0].quote.split())
    if limit is not None and len(quote) > limit:
        quote = quote[: limit - 1].rstrip() + "…"
    return quote


def _flag(book: Casebook, claim_id: str) -> str:
    """`, flagged inaccurate` (or dated, disputed) when the editors flagged the claim."""
    try:
        accuracy = book.claim(claim_id).accuracy
    except KeyError:
        return ""
    return "" if accuracy in _UNFLAGGED else f", flagged {accuracy.value}"


def _verdict(book: Casebook, claim_id: str) -> tuple[str, str] | None:
    """The editors' verdict on a claim and their note, when they gave one."""
    try:
        claim = book.claim(claim_id)
    except KeyError:
        return None
    if claim.accuracy is Accuracy.NOT_ASSESSED or claim.note is None:
        return None
    return claim.accuracy.value, " ".join(claim.note.split())


def origins_text(evidence: CaseEvidence) -> str:
    """How many independent origins back a finding, with a mark when only one does."""
    n = evidence.independent_origins
    if n == 1:
        return f"single origin ({next(iter(evidence.origins))})"
    return f"{n} independent origins"


def _md_claim(book: Casebook, claim_id: str, label: str) -> list[str]:
    lines = [f"    - `{claim_id}` ({label}): “{escape(_quote(book, claim_id))}”"]
    verdict = _verdict(book, claim_id)
    if verdict is not None:
        lines.append(f"      - *Editors' verdict: {verdict[0]}.* {escape(verdict[1])}")
    return lines


def _md_evidence(book: Casebook, evidence: CaseEvidence) -> list[str]:
    lines: list[str] = []
    for cited in evidence.claims:
        origins = "origin" if cited.independent_origins == 1 else "origins"
        label = (
            f"{cited.status.value}{_flag(book, cited.claim)}, counts as {cited.presence.value}, "
            f"{cited.independent_origins} {origins}"
        )
        lines += _md_claim(book, cited.claim, label)
    for claim in evidence.uncounted:
        lines += _md_claim(book, claim, f"not counted: {book.claim(claim).status.value}")
    for claim in evidence.set_aside:
        lines += _md_claim(book, claim, f"set aside: flagged {book.claim(claim).accuracy.value}")
    for claim in evidence.later:
        lines += _md_claim(book, claim, "later development: dated after the case's as_of")
    return lines


def _md_case_evidence(title: str, evidence: CaseEvidence, prefix: str = "") -> str:
    return (
        f"  - {escape(title)}: {prefix}{evidence.presence.value}, {escape(origins_text(evidence))}"
    )


def _md_answer(book: Casebook, answer: Answer) -> str:
    about = ", ".join(escape(book.name_of(x)) for x in answer.about)
    names_party = answer.about == (answer.text,)
    text = escape(book.name_of(answer.text)) if names_party else escape(answer.text)
    claims = ", ".join(f"`{c}`" for c in answer.claims)
    head = f"**{escape(answer.label)}**" + (f" ({about})" if about and not names_party else "")
    return f"{head}: {text} — {claims}"


def _md_side_by_side(comparison: Comparison, book: Casebook) -> list[str]:
    a, b = book.cases[comparison.a], book.cases[comparison.b]
    out = ["## Side by side", ""]
    for question in comparison.questions:
        out += [f"### {escape(question.question)}", ""]
        for case, answers in ((a, question.a), (b, question.b)):
            out += [f"**{escape(case.title)}**", ""]
            out.extend(f"- {_md_answer(book, answer)}" for answer in answers)
            if not answers:
                out.append("- *The sources say nothing on this.*")
            out.append("")
    return out


def _md_codes(comparison: Comparison, book: Casebook) -> list[str]:
    a, b = book.cases[comparison.a], book.cases[comparison.b]
    out = ["## Shared codes", ""]
    for kind in Presence:
        shared = comparison.shared_at(kind)
        if shared:
            out += [f"### Weaker side {escape(_MEANING[kind])}", ""]
        for item in shared:
            out.append(f"- **{escape(book.name_of(item.code))}** (`{item.code}`)")
            for case, evidence in ((a, item.a), (b, item.b)):
                out.append(_md_case_evidence(case.title, evidence))
                out.extend(_md_evidence(book, evidence))
        out.append("")
    for case, only in ((a, comparison.only_a), (b, comparison.only_b)):
        out += [f"## Only in {escape(case.title)}", ""]
        for finding in only:
            out.append(
                f"- **{escape(book.name_of(finding.code))}** (`{finding.code}`): "
                f"{finding.evidence.presence.value}, "
                f"{escape(origins_text(finding.evidence))}"
            )
            out.extend(line[2:] for line in _md_evidence(book, finding.evidence))
        out += ([] if only else ["- *None.*"]) + [""]
    return out


def _ids(claims: Sequence[str]) -> str:
    return ", ".join(f"`{c}`" for c in claims) or "no claims"


def components_table(comparison: Comparison, name_a: str, name_b: str) -> list[str]:
    """The similarity's components as Markdown table lines, the two cases' columns so named."""
    lines = [
        f"| component | weight | {cell(name_a)} | {cell(name_b)} | shared | score |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in comparison.components:
        score = "—" if c.score is None else f"{c.score:.2f}"
        lines.append(f"| {c.name} | {c.weight:g} | {c.a} | {c.b} | {c.shared} | {score} |")
    return lines


def _top_origin(base: EvidenceBase) -> str:
    """The most cited origin and the share of the case's claims that rest on it."""
    if not base.origins:
        return "—"
    origin, n = next(iter(base.origins.items()))
    return f"`{origin}`: {n} of {base.claims} claims ({100 * n / base.claims:.0f}%)"


def evidence_base_rows(
    bases: Sequence[EvidenceBase],
) -> list[tuple[str, tuple[str, ...]]]:
    """The rows of an evidence-base table: what each row counts, and each case's figure."""
    rows: list[tuple[str, tuple[str, ...]]] = []

    def add(name: str, values: Iterable[object]) -> None:
        rows.append((name, tuple(str(v) for v in values)))

    add("claims", (x.claims for x in bases))
    add("sources quoted", (x.source_count for x in bases))
    for kind in (k for k in SourceKind if any(k in x.sources for x in bases)):
        add(f"· of kind {kind.value}", (len(x.sources.get(kind, ())) for x in bases))
    add("independent origins of those sources", (x.independent_origins for x in bases))
    add("most cited origin", (_top_origin(x) for x in bases))
    for status in (s for s in EpistemicStatus if any(s in x.statuses for x in bases)):
        add(f"claims coded {status.value}", (x.statuses.get(status, 0) for x in bases))
    add("claims flagged inaccurate, dated or disputed", (x.flagged for x in bases))
    for verdict in (Accuracy.INACCURATE, Accuracy.DATED, Accuracy.DISPUTED):
        add(f"· flagged {verdict.value}", (x.verdicts.get(verdict, 0) for x in bases))
    add(
        "claims confirmed by another source", (x.verdicts.get(Accuracy.CONFIRMED, 0) for x in bases)
    )
    add("later developments (dated after as-of; not counted)", (x.later for x in bases))
    add("claims with no quote checkable offline", (x.unverifiable for x in bases))
    return rows


def evidence_base_table(book: Casebook, a: str, b: str) -> list[str]:
    """The two cases' evidence bases side by side, as Markdown table lines.

    Every row says what it counts, so that a difference between the cases can be read
    against a difference between their sources.
    """
    rows = evidence_base_rows((evidence_base(book, a), evidence_base(book, b)))
    names = (cell(book.cases[a].title), cell(book.cases[b].title))
    lines = [f"| evidence base | {names[0]} | {names[1]} |", "|---|---:|---:|"]
    lines.extend(f"| {name} | {' | '.join(values)} |" for name, values in rows)
    return lines


def comparison_markdown(comparison: Comparison, book: Casebook) -> str:
    """The comparison as a Markdown document: every string from the data is escaped."""
    a, b = book.cases[comparison.a], book.cases[comparison.b]
    out = [
        f"# {escape(a.title)} and {escape(b.title)}",
        "",
        (
            f"Similarity **{comparison.similarity:.2f}** (weighted Jaccard index; "
            f"presence rule: {escape(comparison.policy.describe())})."
        ),
        "",
        *components_table(comparison, a.id, b.id),
        "",
        "## Evidence base",
        "",
        *evidence_base_table(book, a.id, b.id),
    ]
    out += ["", *_md_side_by_side(comparison, book), *_md_codes(comparison, book)]
    out += ["## Shared parties, commodities, places and precedents", ""]
    out.extend(
        f"- {entity.kind} **{escape(book.name_of(entity.id))}** — "
        f"{escape(a.id)}: {_ids(entity.a)}; {escape(b.id)}: {_ids(entity.b)}"
        for entity in comparison.entities
    )
    if not comparison.entities:
        out.append("- *None.*")
    return "\n".join(out) + "\n"


def patterns_markdown(found: Sequence[Pattern], book: Casebook) -> str:
    """Patterns as a Markdown document, observed, assessed, alleged and predicted apart."""
    out = ["# Cross-case patterns", ""]
    for kind in Presence:
        group = [p for p in found if p.presence is kind]
        out += [f"## {kind.value.capitalize()} patterns", "", f"*{escape(_MEANING[kind])}*", ""]
        if not group:
            out += ["- *None.*", ""]
            continue
        for pattern in group:
            label = pattern.label or pattern.code
            scope = "category" if pattern.scope == "category" else "code"
            out.append(
                f"- **{escape(label)}** ({scope} `{pattern.code}`), in {pattern.support} cases"
                + (f": {escape(pattern.definition)}" if pattern.definition else "")
            )
            for evidence in pattern.evidence:
                out.append(_md_case_evidence(book.cases[evidence.case].title, evidence))
                out.extend(_md_evidence(book, evidence))
            for evidence in pattern.weaker:
                out.append(
                    _md_case_evidence(book.cases[evidence.case].title, evidence, "only ")
                    + " (not counted)"
                )
        out.append("")
    return "\n".join(out)


# Rich -----------------------------------------------------------------------------------------


def _rich(text: str) -> str:
    """A string from the data as inert rich markup that is safe for a terminal.

    Control characters are shown escaped ([`printable`][casebook._text.printable]) and markup
    is escaped (`rich.markup.escape`); a run of backslashes that ends the string is doubled, so
    that it cannot escape the tag that follows it in the markup around it.
    """
    from rich.markup import escape as rich_escape  # noqa: PLC0415 - rich loads for the CLI only

    plain = printable(text)
    escaped = rich_escape(plain)
    backslashes = len(plain) - len(plain.rstrip("\\"))
    if backslashes:
        escaped = escaped.rstrip("\\") + 2 * backslashes * "\\"
    return escaped


def _listing(title: str) -> Table:
    """A full-width table with a left-aligned title and lines between its rows."""
    from rich.table import Table  # noqa: PLC0415 - rich loads for the CLI only

    return Table(title=title, title_justify="left", show_lines=True, expand=True)


def _rich_evidence(book: Casebook, evidence: CaseEvidence) -> str:

    single = "[yellow]" if evidence.single_origin else "[dim]"
    lines = [f"[bold]{evidence.presence.value}[/bold] {single}{_rich(origins_text(evidence))}[/]"]
    for cited in evidence.claims:
        quote = _rich(_quote(book, cited.claim, _QUOTE))
        flag = _flag(book, cited.claim)
        origins = "origin" if cited.independent_origins == 1 else "origins"
        lines.append(
            f"• [cyan]{_rich(cited.claim)}[/cyan] ({cited.status.value}[red]{flag}[/red], "
            f"{cited.independent_origins} {origins}) “{quote}”"
        )
        verdict = _verdict(book, cited.claim)
        if verdict is not None:
            note = verdict[1] if len(verdict[1]) <= _NOTE else verdict[1][: _NOTE - 1] + "…"
            lines.append(f"  [red]editors: {verdict[0]}[/red] [dim]{_rich(note)}[/dim]")
    for claim in evidence.uncounted:
        quote = _rich(_quote(book, claim, _QUOTE))
        lines.append(
            f"• [dim]{_rich(claim)} (not counted: {book.claim(claim).status.value}) “{quote}”[/dim]"
        )
    for claim in evidence.set_aside:
        quote = _rich(_quote(book, claim, _QUOTE))
        lines.append(f"• [dim]{_rich(claim)} (set aside) “{quote}”[/dim]")
    for claim in evidence.later:
        quote = _rich(_quote(book, claim, _QUOTE))
        lines.append(f"• [dim]{_rich(claim)} (later development) “{quote}”[/dim]")
    return "\n".join(lines)


def _rich_answers(book: Casebook, answers: Sequence[Answer]) -> str:

    if not answers:
        return "[dim]The sources say nothing on this.[/dim]"
    lines = []
    for answer in answers:
        about = ", ".join(book.name_of(x) for x in answer.about)
        names_party = answer.about == (answer.text,)
        text = book.name_of(answer.text) if names_party else answer.text
        head = f"[bold]{_rich(answer.label)}[/bold]"
        if about and not names_party:
            head += f" ({_rich(about)})"
        lines.append(f"{head}: {_rich(text)} [cyan]{_rich(', '.join(answer.claims))}[/cyan]")
    return "\n\n".join(lines)


def _rich_codes(comparison: Comparison, book: Casebook) -> list[RenderableType]:

    a, b = book.cases[comparison.a], book.cases[comparison.b]
    parts: list[RenderableType] = []
    for kind in Presence:
        shared = comparison.shared_at(kind)
        if not shared:
            continue
        table = _listing(f"Shared codes, weaker side {_MEANING[kind]}")
        table.add_column("code", ratio=1, style="bold")
        table.add_column(_rich(a.id), ratio=3)
        table.add_column(_rich(b.id), ratio=3)
        for item in shared:
            table.add_row(
                _rich(book.name_of(item.code)),
                _rich_evidence(book, item.a),
                _rich_evidence(book, item.b),
            )
        parts.append(table)

    for case, only in ((a, comparison.only_a), (b, comparison.only_b)):
        table = _listing(f"Only in {_rich(case.title)}")
        table.add_column("code", ratio=1, style="bold")
        table.add_column("evidence", ratio=6)
        for finding in only:
            table.add_row(_rich(book.name_of(finding.code)), _rich_evidence(book, finding.evidence))
        if not only:
            table.add_row("[dim]none[/dim]", "")
        parts.append(table)

    return parts


def comparison_rich(comparison: Comparison, book: Casebook) -> list[RenderableType]:
    """The comparison as rich renderables: tables side by side, evidence named."""
    from rich.rule import Rule  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    a, b = book.cases[comparison.a], book.cases[comparison.b]
    parts: list[RenderableType] = [
        Rule(f"[bold]{_rich(a.title)}[/bold]  vs  [bold]{_rich(b.title)}[/bold]"),
    ]
    scores = Table(
        title=f"Similarity {comparison.similarity:.2f} (weighted Jaccard index)",
        title_justify="left",
    )
    for header in ("component", "weight", _rich(a.id), _rich(b.id), "shared", "score"):
        scores.add_column(header, justify="left" if header == "component" else "right")
    for c in comparison.components:
        score = "—" if c.score is None else f"{c.score:.2f}"
        scores.add_row(c.name, f"{c.weight:g}", str(c.a), str(c.b), str(c.shared), score)
    parts.append(scores)

    base = Table(title="Evidence base: what each case rests on", title_justify="left", expand=True)
    base.add_column("counts")
    base.add_column(_rich(a.id), justify="right")
    base.add_column(_rich(b.id), justify="right")
    bases = (evidence_base(book, a.id), evidence_base(book, b.id))
    for name, values in evidence_base_rows(bases):
        base.add_row(_rich(name), *(_rich(v.replace("`", "")) for v in values))
    parts.append(base)

    for question in comparison.questions:
        side = Table(
            title=f"[bold]{_rich(question.question)}[/bold]",
            title_justify="left",
            expand=True,
        )
        side.add_column(_rich(a.id), ratio=1)
        side.add_column(_rich(b.id), ratio=1)
        side.add_row(_rich_answers(book, question.a), _rich_answers(book, question.b))
        parts.append(side)

    parts.extend(_rich_codes(comparison, book))

    entities = Table(title="Shared entities", title_justify="left", expand=True)
    entities.add_column("kind")
    entities.add_column("name", style="bold")
    entities.add_column(f"claims in {_rich(a.id)}", ratio=2)
    entities.add_column(f"claims in {_rich(b.id)}", ratio=2)
    for entity in comparison.entities:
        entities.add_row(
            entity.kind,
            _rich(book.name_of(entity.id)),
            _rich(", ".join(entity.a)),
            _rich(", ".join(entity.b)),
        )
    parts.append(entities)
    return parts


def patterns_rich(found: Sequence[Pattern], book: Casebook) -> list[RenderableType]:
    """Patterns as rich tables, one per kind of presence."""
    parts: list[RenderableType] = []
    for kind in Presence:
        group = [p for p in found if p.presence is kind]
        table = _listing(f"{kind.value.capitalize()} patterns ({_MEANING[kind]})")
        table.add_column("pattern", ratio=3, style="bold")
        table.add_column("cases", justify="right")
        table.add_column("evidence", ratio=5)
        for pattern in group:
            label = _rich(pattern.label or pattern.code)
            if pattern.scope == "category":
                label += " [dim](category)[/dim]"
            if pattern.definition:
                label += f"\n[dim]{_rich(pattern.definition)}[/dim]"
            evidence = "\n".join(
                f"[underline]{_rich(e.case)}[/underline]: " + _rich_evidence(book, e)
                for e in pattern.evidence
            )
            for e in pattern.weaker:
                evidence += f"\n[dim]{_rich(e.case)}: only {e.presence.value}[/dim]"
            table.add_row(label, str(pattern.support), evidence)
        if not group:
            table.add_row("[dim]none[/dim]", "", "")
        parts.append(table)
    return parts


def print_rich(parts: Iterable[RenderableType], console: Console) -> None:
    """Print renderables one after another, a blank line between them."""
    for part in parts:
        console.print(part)
        console.print()
