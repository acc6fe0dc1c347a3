"""casebook: compare resource deals in conflict settings on the evidence.

Load the bundled cases, or a folder of your own, and every reference and quote is checked:

    >>> import casebook
    >>> book = casebook.load()
    >>> sorted(book.cases)
    ['drc-us-minerals-for-security', 'pakistan-us-minerals']

The names below are imported on first use, so that `import casebook` stays quick and the models
are built only when a program needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from casebook._version import __version__

if TYPE_CHECKING:
    from casebook import export, mill, qca, site
    from casebook._compare import Comparison, compare
    from casebook._errors import PROBLEM_CODES, CasebookError, Problem
    from casebook._evidence_base import EvidenceBase, evidence_base
    from casebook._library import Casebook
    from casebook._loading import bundled_cases, load
    from casebook._patterns import Pattern, patterns
    from casebook._presence import Presence, PresencePolicy
    from casebook._profile import SimilarityWeights
    from casebook._provenance import resolve_origins
    from casebook._similarity import SimilarityMatrix, similarity_matrix
    from casebook.export._records import dump_json, dump_yaml, json_schema

__all__ = [
    "PROBLEM_CODES",
    "Casebook",
    "CasebookError",
    "Comparison",
    "EvidenceBase",
    "Pattern",
    "Presence",
    "PresencePolicy",
    "Problem",
    "SimilarityMatrix",
    "SimilarityWeights",
    "__version__",
    "bundled_cases",
    "compare",
    "dump_json",
    "dump_yaml",
    "evidence_base",
    "export",
    "json_schema",
    "load",
    "mill",
    "patterns",
    "qca",
    "resolve_origins",
    "similarity_matrix",
    "site",
]

_MODULES = frozenset({"export", "mill", "qca", "site"})

_HOMES = {
    "Casebook": "casebook._library",
    "EvidenceBase": "casebook._evidence_base",
    "evidence_base": "casebook._evidence_base",
    "resolve_origins": "casebook._provenance",
    "CasebookError": "casebook._errors",
    "Comparison": "casebook._compare",
    "Pattern": "casebook._patterns",
    "Presence": "casebook._presence",
    "PresencePolicy": "casebook._presence",
    "Problem": "casebook._errors",
    "PROBLEM_CODES": "casebook._errors",
    "SimilarityMatrix": "casebook._similarity",
    "SimilarityWeights": "casebook._profile",
    "compare": "casebook._compare",
    "bundled_cases": "casebook._loading",
    "dump_json": "casebook.export._records",
    "dump_yaml": "casebook.export._records",
    "json_schema": "casebook.export._records",
    "load": "casebook._loading",
    "patterns": "casebook._patterns",
    "similarity_matrix": "casebook._similarity",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _MODULES:
        return importlib.import_module(f"casebook.{name}")
    home = _HOMES.get(name)
    if home is None:
        msg = f"module 'casebook' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazily imported ones included."""
    return sorted({*globals(), *__all__})
