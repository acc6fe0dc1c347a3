"""casebook: compare resource deals in conflict settings on the evidence.

Load the bundled cases, or a folder of your own, and every reference and quote is checked:

    >>> import casebook
    >>> book = casebook.load()
    >>> sorted(book.cases)
    ['drc-us-minerals-for-security', 'pakistan-us-minerals']
"""

from casebook._errors import CasebookError, Problem
from casebook._export import dump_json, dump_yaml, json_schema
from casebook._library import Casebook
from casebook._loading import bundled_cases, load
from casebook._version import __version__

__all__ = [
    "Casebook",
    "CasebookError",
    "Problem",
    "__version__",
    "bundled_cases",
    "dump_json",
    "dump_yaml",
    "json_schema",
    "load",
]
