"""A QCA analysis as plain text, Markdown and JSON data; the cases' table as CSV for R or pandas.

The CSV table has a row per case and a column per condition, of 0s and 1s, with the outcome
last, as R's QCA package (`truthTable`) and pandas read it. Its column names are the codes in
upper case with underscores ([`column_name`][casebook.qca.column_name]): R's `read.csv` would
turn a hyphen into a dot, and QCA's notation can read a name in lower case as an absence.

Strings from the data are made inert for where they go: control characters are shown escaped in
text for a terminal ([`printable`][casebook._text.printable]), Markdown syntax is neutralised in
Markdown ([`escape`][casebook._markdown.escape]).
"""

from __future__ import annotations

import csv
import io
import textwrap
from typing import TYPE_CHECKING, Any, Final

from casebook._markdown import cell, escape
from casebook._presence import Presence
from casebook._text import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from casebook._library import Casebook
    from casebook.qca._minimize import Term
    from casebook.qca._table import Analysis, Fit, Row, TruthTable

__all__ = [
    "analysis_data",
    "analysis_markdown",
    "analysis_text",
    "column_name",
    "column_names",
    "table_csv",
]

_WIDTH: Final = 88
"""Width of the sentences of the text view, as of the other views for the terminal."""

_R_RESERVED: Final = frozenset({"TRUE", "FALSE", "NULL", "NA"})
"""R's reserved words that a code in upper case could spell; `read.csv` would rename them."""


def column_name(code: str) -> str:
    """The name of a code's column in the CSV table: upper case, hyphens as underscores.

    `armed-insurgency` is `ARMED_INSURGENCY`. The name is one R's `read.csv` keeps as it is: a
    code that starts with a digit gets an `X` in front, as R would give it, and one that would
    spell a reserved word of R (`TRUE`, `FALSE`, `NULL`, `NA`) an `_` after it.
    """
    name = code.upper().replace("-", "_")
    if name[:1].isdigit():
        name = f"X{name}"
    if name in _R_RESERVED:
        name += "_"
    return name


def column_names(table: TruthTable) -> dict[str, str]:
    """The column name of each condition and of the outcome, by code, in the table's order.

    Raises:
        ValueError: Two of the codes would have the same column name (`5g` and `x5g`).
    """
    names: dict[str, str] = {}
    for code in (*table.conditions, table.outcome):
        name = column_name(code)
        clash = next((other for other, taken in names.items() if taken == name), None)
        if clash is not None:
            msg = f"the codes {clash!r} and {code!r} would share the column name {name!r}"
            raise ValueError(msg)
        names[code] = name
    return names


def _present(table: TruthTable, row: Row, case: str) -> bool:
    """Whether the outcome's code is present in a case of the row, negated analysis or not."""
    return (case in row.positive) != table.negated


def table_csv(table: TruthTable) -> str:
    r"""The table of the cases and their conditions as CSV, for R's QCA package or pandas.

    One header row, then one row per case, sorted by id: first the column `case` with the case
    id, then one column per condition in the table's order, then the outcome's column; each value
    is 1 where the code is present in the case and 0 where it is absent. Columns are named by
    [`column_name`][casebook.qca.column_name]. The outcome's column holds the presence of its code
    even when the table analyses its absence (`negated`): in R, negate it with
    `outcome = "~NAME"`. Lines end with `\n`.

    Raises:
        ValueError: Two codes would share a column name.
    """
    names = column_names(table)
    values: dict[str, list[int]] = {}
    for row in table.rows:
        for case in row.cases:
            values[case] = [*_bits(row.configuration), int(_present(table, row, case))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["case", *names.values()])
    writer.writerows([case, *values[case]] for case in sorted(values))
    return buffer.getvalue()


# JSON -----------------------------------------------------------------------------------------


def _bits(configuration: Iterable[bool]) -> list[int]:
    return [int(value) for value in configuration]


def _label(book: Casebook, code: str) -> str | None:
    found = book.codebook.get(code)
    return found.label if found is not None else None


def _expression(terms: Sequence[Term]) -> str:
    """A sum of terms in QCA notation, as `Solution` writes it: `0` when there is none."""
    return " + ".join(str(term) for term in terms) or "0"


def _fit_data(fit: Fit) -> dict[str, Any]:
    solution = fit.solution
    return {
        "expression": str(solution),
        "consistency": fit.consistency,
        "coverage": fit.coverage,
        "terms": [
            {
                "expression": str(term.term),
                "literals": dict(term.term.items()),
                "cases": list(term.cases),
                "consistency": term.consistency,
                "raw_coverage": term.raw_coverage,
                "unique_coverage": term.unique_coverage,
            }
            for term in fit.terms
        ],
        "models": [_expression(model) for model in solution.models],
        "prime_implicants": [str(term) for term in solution.prime_implicants],
    }


def analysis_data(
    analysis: Analysis, book: Casebook, *, present_from: Presence = Presence.OBSERVED
) -> dict[str, Any]:
    """The analysis as JSON-ready data.

    `conditions` and `outcome` give each code with its label and its column name in the CSV
    table; `rows` the observed configurations (0 or 1 per condition, in the order of
    `conditions`), each with its cases, those with the outcome analysed (`positive`), its
    consistency, whether it is contradictory, and its outcome (0 or 1); `remainders` how many
    configurations no case shows, and which (`null` beyond 256 of them); `solutions` the
    complex and the parsimonious solution, each with its terms, their fit and every tied model.

    Args:
        analysis: The analysis.
        book: The casebook, for the codes' labels.
        present_from: The weakest kind of evidence that made a code present.

    Raises:
        ValueError: Two codes would share a column name.
    """
    table = analysis.table
    names = column_names(table)
    listed = len(table.remainders) == table.remainder_count
    return {
        "conditions": [
            {"code": code, "label": _label(book, code), "column": names[code]}
            for code in table.conditions
        ],
        "outcome": {
            "code": table.outcome,
            "label": _label(book, table.outcome),
            "column": names[table.outcome],
        },
        "negated": table.negated,
        "cutoff": table.cutoff,
        "present_from": present_from.value,
        "cases": sum(len(row.cases) for row in table.rows),
        "rows": [
            {
                "configuration": _bits(row.configuration),
                "cases": list(row.cases),
                "positive": list(row.positive),
                "consistency": row.consistency,
                "contradictory": row.contradictory,
                "outcome": int(row.outcome),
            }
            for row in table.rows
        ],
        "remainders": {
            "count": table.remainder_count,
            "configurations": [_bits(r) for r in table.remainders] if listed else None,
        },
        "solutions": {
            "complex": _fit_data(analysis.complex),
            "parsimonious": _fit_data(analysis.parsimonious),
        },
    }


# Text -----------------------------------------------------------------------------------------


def _outcome_name(table: TruthTable) -> str:
    return f"~{table.outcome}" if table.negated else table.outcome


def _presence_rule(present_from: Presence) -> str:
    """When a code is present in a case, by the weakest kind of presence that counts."""
    if present_from is Presence.OBSERVED:
        return "observed evidence for it (facts, reports, official statements)"
    kinds = [kind.value for kind in Presence if kind.at_least(present_from)]
    return f"evidence for it that counts as {', '.join(kinds[:-1])} or {kinds[-1]}"


def _introduction(table: TruthTable, present_from: Presence, outcome: str) -> list[str]:
    """What the analysis is of, with `outcome` standing for the outcome's code."""
    cases = sum(len(row.cases) for row in table.rows)
    what = "the absence of " if table.negated else ""
    conditions = len(table.conditions)
    return [
        (
            f"{cases} case{'s' if cases != 1 else ''}, {conditions} "
            f"condition{'s' if conditions != 1 else ''}; the outcome analysed is "
            f"{what}{outcome}."
        ),
        f"A code is present in a case when the case holds {_presence_rule(present_from)}.",
        f"A row's outcome is 1 when its consistency reaches the cutoff, {table.cutoff:g}.",
    ]


def _columns(rows: Sequence[Sequence[str]], right: int) -> list[str]:
    """Rows of cells laid out in columns, the first `right` of them aligned right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            text.rjust(width) if i < right else text.ljust(width)
            for i, (text, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _remainder_line(table: TruthTable) -> str:
    total = 2 ** len(table.conditions)
    return (
        f"{len(table.rows)} of the {total} configurations are observed; {table.remainder_count} "
        "are logical remainders, which no case shows."
    )


def _marked(row: Row, show: Callable[[str], str] = printable) -> list[str]:
    """The cases of a row; in a contradictory row, each marked `(with)` the outcome or not."""
    if not row.contradictory:
        return [show(case) for case in row.cases]
    return [f"{show(case)} ({'with' if case in row.positive else 'without'})" for case in row.cases]


def _contradictions(table: TruthTable) -> str:
    count = len(table.contradictions)
    return (
        f"{count} contradictory row{'s' if count != 1 else ''} (C): "
        f"{'its' if count == 1 else 'their'} cases disagree on the outcome analysed, which each "
        "case has (with) or has not (without)."
    )


def _text_solution(name: str, fit: Fit, note: str) -> list[str]:
    title = f"The {name} solution ({note})"
    lines = ["", title, "-" * len(title), f"  {printable(str(fit.solution))}"]
    if not fit.terms:
        return [*lines, "  No term: no row has the outcome."]
    lines.append(f"  consistency {fit.consistency:.2f}, coverage {fit.coverage:.2f}")
    rows = [("term", "consistency", "raw coverage", "unique coverage", "cases")]
    rows += [
        (
            printable(str(t.term)),
            f"{t.consistency:.2f}",
            f"{t.raw_coverage:.2f}",
            f"{t.unique_coverage:.2f}",
            printable(", ".join(t.cases)) or "none",
        )
        for t in fit.terms
    ]
    lines += ["", *_columns(rows, 0)]
    models = fit.solution.models
    if len(models) > 1:
        lines += ["", f"  {len(models)} models fit the cases equally well:"]
        lines.extend(f"    {printable(_expression(model))}" for model in models)
    return lines


def analysis_text(
    analysis: Analysis, book: Casebook, *, present_from: Presence = Presence.OBSERVED
) -> str:
    """The analysis for reading in a terminal: the codes, the truth table, both solutions.

    Args:
        analysis: The analysis.
        book: The casebook, for the codes' labels.
        present_from: The weakest kind of evidence that made a code present.
    """
    table = analysis.table
    title = f"Crisp-set QCA of {_outcome_name(table)}"
    lines = [title, "=" * len(title)]
    for sentence in _introduction(table, present_from, table.outcome):
        lines += textwrap.wrap(printable(sentence), width=_WIDTH, break_on_hyphens=False)
    lines.append("")
    codes = [("condition", code) for code in table.conditions]
    codes.append(("outcome", table.outcome))
    lines += _columns(
        [(role, code, printable(_label(book, code) or "")) for role, code in codes], 0
    )
    lines += ["", "Truth table", "-----------"]
    header = (*table.conditions, "outcome", "consistency", "cases")
    rows: list[tuple[str, ...]] = [header]
    rows += [
        (
            *("1" if value else "0" for value in row.configuration),
            f"{int(row.outcome)}{' C' if row.contradictory else ''}",
            f"{row.consistency:.2f}",
            ", ".join(_marked(row)),
        )
        for row in table.rows
    ]
    lines += _columns(rows, len(table.conditions) + 2)
    lines += ["", _remainder_line(table)]
    if table.contradictions:
        lines.append(_contradictions(table))
    lines += _text_solution("complex", analysis.complex, "remainders treated as negative")
    lines += _text_solution("parsimonious", analysis.parsimonious, "remainders free to be covered")
    return printable("\n".join(lines) + "\n", newlines=True)


# Markdown -------------------------------------------------------------------------------------


def _code(text: str) -> str:
    """A code id, case id or expression as a code span; escaped text if it holds a backtick."""
    return escape(text) if "`" in text else f"`{text}`"


def _md_solution(name: str, fit: Fit, note: str) -> list[str]:
    lines = [f"## The {name} solution", "", f"{_code(str(fit.solution))}", "", note, ""]
    if not fit.terms:
        return [*lines, "No term: no row has the outcome.", ""]
    lines += [
        f"Solution consistency {fit.consistency:.2f}, coverage {fit.coverage:.2f}.",
        "",
        "| term | consistency | raw coverage | unique coverage | cases |",
        "|---|---:|---:|---:|---|",
    ]
    lines.extend(
        f"| {_code(str(t.term))} | {t.consistency:.2f} | {t.raw_coverage:.2f} "
        f"| {t.unique_coverage:.2f} | {', '.join(_code(c) for c in t.cases) or '*none*'} |"
        for t in fit.terms
    )
    models = fit.solution.models
    if len(models) > 1:
        lines += ["", f"{len(models)} models fit the cases equally well:", ""]
        lines.extend(f"- {_code(_expression(model))}" for model in models)
    return [*lines, ""]


def analysis_markdown(
    analysis: Analysis, book: Casebook, *, present_from: Presence = Presence.OBSERVED
) -> str:
    """The analysis as a Markdown document: the codes, the truth table and both solutions.

    Every string from the data is escaped.

    Args:
        analysis: The analysis.
        book: The casebook, for the codes' labels and definitions.
        present_from: The weakest kind of evidence that made a code present.
    """
    table = analysis.table
    lines = [f"# Crisp-set QCA of {_code(_outcome_name(table))}", ""]
    lines += [" ".join(_introduction(table, present_from, _code(table.outcome))), ""]
    lines += ["| role | code | label | definition |", "|---|---|---|---|"]
    for role, code in [*(("condition", c) for c in table.conditions), ("outcome", table.outcome)]:
        found = book.codebook.get(code)
        label, definition = (found.label, found.definition) if found is not None else ("", "")
        lines.append(f"| {role} | {_code(code)} | {cell(label)} | {cell(definition)} |")
    lines += ["", "## The truth table", ""]
    lines.append(
        "| " + " | ".join(_code(c) for c in table.conditions) + " | outcome | consistency | cases |"
    )
    lines.append("|" + "---:|" * (len(table.conditions) + 2) + "---|")
    for row in table.rows:
        values = " | ".join("1" if value else "0" for value in row.configuration)
        outcome = f"{int(row.outcome)} (C)" if row.contradictory else str(int(row.outcome))
        cases = ", ".join(_marked(row, _code))
        lines.append(f"| {values} | {outcome} | {row.consistency:.2f} | {cases} |")
    lines += ["", _remainder_line(table)]
    if table.contradictions:
        lines += ["", _contradictions(table)]
    lines.append("")
    lines += _md_solution("complex", analysis.complex, "*Remainders treated as negative.*")
    lines += _md_solution(
        "parsimonious",
        analysis.parsimonious,
        "*Remainders free to be covered: assumptions about configurations no case shows.*",
    )
    return "\n".join(lines)
