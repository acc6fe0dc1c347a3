"""Crisp-set qualitative comparative analysis (QCA).

* [`truth_table`][casebook.qca.truth_table] groups cases by their configuration of chosen
  conditions (codes present or absent), with each row's outcome, consistency and contradictions,
  and the logical remainders no case shows.
* [`analyse`][casebook.qca.analyse] minimises the table exactly, to the complex and the
  parsimonious solutions, with the consistency and coverage of every term and solution.
* [`minimize`][casebook.qca.minimize] works on raw configurations (mappings name → bool).
* [`analysis_text`][casebook.qca.analysis_text],
  [`analysis_markdown`][casebook.qca.analysis_markdown] and
  [`analysis_data`][casebook.qca.analysis_data] show an analysis as `casebook qca` does, and
  [`table_csv`][casebook.qca.table_csv] writes the cases' table for R's QCA package or pandas.

A condition is present in a case when its code is, by the presence policy's `present_from`
(observed evidence, by default).
"""

from casebook.qca._minimize import Solution, Term, minimize
from casebook.qca._render import (
    analysis_data,
    analysis_markdown,
    analysis_text,
    column_name,
    column_names,
    table_csv,
)
from casebook.qca._table import Analysis, Fit, Row, TermFit, TruthTable, analyse, truth_table

__all__ = [
    "Analysis",
    "Fit",
    "Row",
    "Solution",
    "Term",
    "TermFit",
    "TruthTable",
    "analyse",
    "analysis_data",
    "analysis_markdown",
    "analysis_text",
    "column_name",
    "column_names",
    "minimize",
    "table_csv",
    "truth_table",
]
