"""The worked example of crisp-set QCA, computed from the cases when the site is built."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casebook._markdown import cell
from casebook.qca import analyse
from casebook.site._links import QCA_EXAMPLE, heading

if TYPE_CHECKING:
    from collections.abc import Mapping

    from casebook.qca import Fit
    from casebook.site._context import Site

__all__ = ["EXAMPLE", "choose", "qca_markdown"]

EXAMPLE = (
    ("armed-insurgency", "china-rivalry", "military-led-deal"),
    "host-seeks-military-support",
)
"""The question the example asks of the bundled cases: is a host's bid for military support
found with an armed insurgency, rivalry with China, or a deal led by the military?"""

_MAX_CONDITIONS = 3


def choose(site: Site) -> tuple[tuple[str, ...], str] | None:
    """The conditions and outcome of the example.

    The bundled question when the codebook has its codes; else the codes whose presence varies
    most evenly across the cases. None when fewer than two codes vary.
    """
    conditions, outcome = EXAMPLE
    if all(code in site.book.codebook for code in (*conditions, outcome)):
        return conditions, outcome
    total = len(site.book.cases)
    support: dict[str, int] = {}
    for found in site.evidence.values():
        for code, evidence in found.items():
            if evidence.presence.at_least(site.policy.present_from):
                support[code] = support.get(code, 0) + 1
    varying = sorted(
        (code for code, n in support.items() if 0 < n < total),
        key=lambda code: (abs(2 * support[code] - total), code),
    )
    if len(varying) < 2:  # noqa: PLR2004 - an outcome and at least one condition
        return None
    return tuple(varying[1 : 1 + _MAX_CONDITIONS]), varying[0]


def _term(term: Mapping[str, bool]) -> str:
    if not term:
        return "*(always)*"
    return " AND ".join(
        ("" if value else "NOT ") + f"`{condition}`" for condition, value in term.items()
    )


def _solution(name: str, fit: Fit) -> list[str]:
    models = fit.solution.models
    lines = [f"### The {name} solution", ""]
    if not fit.terms:
        return [*lines, "No term: no configuration has the outcome.", ""]
    lines += [" OR ".join(_term(t.term) for t in fit.terms), ""]
    lines += ["| term | cases covered | consistency | raw coverage | unique coverage |"]
    lines += ["|---|---|---:|---:|---:|"]
    lines.extend(
        f"| {_term(t.term)} | {', '.join(t.cases) or '*none*'} | {t.consistency:.2f} "
        f"| {t.raw_coverage:.2f} | {t.unique_coverage:.2f} |"
        for t in fit.terms
    )
    lines += [
        "",
        f"Solution consistency {fit.consistency:.2f}, coverage {fit.coverage:.2f}.",
        "",
    ]
    if len(models) > 1:
        lines += [
            (
                f"{len(models)} models fit the cases equally well; the data cannot choose "
                "between them:"
            ),
            "",
        ]
        lines.extend("- " + " OR ".join(_term(term) for term in model) for model in models)
        lines.append("")
    return lines


def qca_markdown(site: Site) -> str:
    """The worked example page: the question, the truth table, both solutions, the caveats."""
    lines = heading("Worked example: QCA on the cases")
    chosen = choose(site)
    if chosen is None:
        return "\n".join(
            [
                *lines,
                (
                    "No code is present in some cases and absent in others, so "
                    "there is nothing to compare."
                ),
                "",
            ]
        )
    conditions, outcome = chosen
    book = site.book
    analysis = analyse(book, conditions, outcome, policy=site.policy)
    table = analysis.table
    lines += [
        "This page is computed from the case data each time the site is built. The outcome is "
        f"the code `{outcome}`; the conditions are the codes "
        + ", ".join(f"`{c}`" for c in conditions)
        + ". A condition or outcome is present in a case when the case holds "
        f"{site.policy.present_from.value} evidence for its code.",
        "",
        "| code | label | definition |",
        "|---|---|---|",
    ]
    for code_id in (*conditions, outcome):
        code = book.codebook.get(code_id)
        label = site.code(QCA_EXAMPLE, code_id)
        definition = code.definition if code else ""
        lines.append(f"| `{code_id}` | {label} | {cell(definition)} |")
    lines += ["", "## The truth table", ""]
    header = " | ".join(f"`{c}`" for c in conditions)
    lines += [f"| {header} | outcome | cases | consistency |"]
    lines += ["|" + "---:|" * (len(conditions) + 1) + "---|---:|"]
    for row in table.rows:
        values = " | ".join("1" if v else "0" for v in row.configuration)
        cases = ", ".join(site.case(QCA_EXAMPLE, c) for c in row.cases)
        lines.append(
            f"| {values} | {'1' if row.outcome else '0'} | {cases} | {row.consistency:.2f} |"
        )
    lines += [
        "",
        f"{len(table.rows)} configurations are observed; {table.remainder_count} of the "
        f"{2 ** len(conditions)} possible ones are **logical remainders** that no case shows"
        + (
            f", and {len(table.contradictions)} rows are contradictory"
            if table.contradictions
            else ""
        )
        + ".",
        "",
        "## Minimising",
        "",
        (
            "The complex solution uses only the observed configurations; the parsimonious solution "
            "may also assume any remainder has the outcome, if that makes the expression simpler."
        ),
        "",
        *_solution("complex", analysis.complex),
        *_solution("parsimonious", analysis.parsimonious),
        '!!! warning "Limited diversity"',
        "",
        (
            f"    With {len(book.cases)} cases and {len(conditions)} conditions, "
            f"{table.remainder_count} of {2 ** len(conditions)} configurations are remainders. "
            "The solutions describe these cases; they are not evidence of a causal pattern. "
            "QCA pays off with dozens of cases, each with its configuration."
        ),
        "",
        "The same analysis in Python:",
        "",
        "```python",
        "import casebook",
        "",
        "book = casebook.load()",
        f"analysis = casebook.qca.analyse(book, {list(conditions)!r}, {outcome!r})",
        "print(analysis.complex.solution.terms)",
        "```",
        "",
    ]
    return "\n".join(lines)
