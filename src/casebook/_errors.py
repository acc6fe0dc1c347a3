"""The one exception casebook's loader raises, the problems it lists, and their codes."""

from __future__ import annotations

import json
import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from casebook._text import inert_json, printable
from casebook._version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "PROBLEM_CODES",
    "REPORT_VERSION",
    "CasebookError",
    "Problem",
    "ProblemCode",
    "report_json",
]

ProblemCode = Literal[
    "no-folder",
    "no-cases",
    "file-unreadable",
    "file-not-regular",
    "file-too-large",
    "file-outside-folder",
    "file-not-utf8",
    "yaml-syntax",
    "yaml-anchor",
    "yaml-alias",
    "yaml-tag",
    "yaml-duplicate-key",
    "yaml-key-not-text",
    "yaml-too-deep",
    "yaml-second-document",
    "registry-not-a-mapping",
    "registry-unknown-key",
    "registry-not-a-list",
    "missing-field",
    "unknown-field",
    "wrong-type",
    "invalid-choice",
    "invalid-format",
    "invalid-length",
    "invalid-value",
    "too-many-problems",
    "duplicate-id",
    "case-id-mismatch",
    "unknown-reference",
    "claim-of-another-case",
    "self-correction",
    "precedent-studied-twice",
    "provenance-cycle",
    "date-order",
    "source-hash-missing",
    "source-hash-mismatch",
    "source-absolute-path",
    "source-outside-folder",
    "source-not-regular",
    "source-too-large",
    "source-unreadable",
    "source-not-utf8",
    "excluded-passage-not-found",
    "quote-not-found",
    "quote-in-excluded-passage",
    "status-marker",
]
"""The code of a kind of problem: one of the keys of `PROBLEM_CODES`."""

_CODES: dict[ProblemCode, str] = {
    # The folder and its files.
    "no-folder": "The folder of cases does not exist, or is not a folder.",
    "no-cases": "The folder holds no case files (`*.yaml`).",
    "file-unreadable": "A file of the folder cannot be read.",
    "file-not-regular": "A file of the folder is a FIFO, a device, a socket or a folder.",
    "file-too-large": "A file of the folder is over 5 MB: it is not read.",
    "file-outside-folder": "A file of the folder is a symbolic link that leads out of it.",
    "file-not-utf8": "A file is not UTF-8 text.",
    # YAML that casebook does not accept.
    "yaml-syntax": "A file is not valid YAML.",
    "yaml-anchor": "A file uses a YAML anchor (`&name`).",
    "yaml-alias": "A file uses a YAML alias (`*name`).",
    "yaml-tag": "A file uses a YAML tag (`!!python/…`, `!custom`).",
    "yaml-duplicate-key": "A key appears twice in the same mapping.",
    "yaml-key-not-text": "A key is empty, null, a list or a mapping.",
    "yaml-too-deep": "Values nest more than 64 levels deep.",
    "yaml-second-document": "A file holds more than one YAML document.",
    # The shape of registry files.
    "registry-not-a-mapping": "A registry file is not a mapping of registries.",
    "registry-unknown-key": "A registry file has a key that names no registry.",
    "registry-not-a-list": "A registry is not a list of records.",
    # Fields of a record, as the models type them.
    "missing-field": "A required field is missing.",
    "unknown-field": "A record has a field it does not define (often a misspelt name).",
    "wrong-type": "A value is of the wrong kind: text, a list, a mapping, true or false.",
    "invalid-choice": "A value is not one of the allowed values of a closed vocabulary.",
    "invalid-format": "A value does not have the required form (an id, a hash, a URL).",
    "invalid-length": "A text or a list is empty, or too long.",
    "invalid-value": "A value, or a combination of fields, breaks a rule of the record.",
    "too-many-problems": "A record has more problems than are listed; the rest are counted.",
    # Ids and references.
    "duplicate-id": "An id is defined twice: in one registry, among cases, or among claims.",
    "case-id-mismatch": "A case's id is not the name of its file.",
    "unknown-reference": "An id refers to no record of the kind the field names.",
    "claim-of-another-case": "A case cites a claim of another case.",
    "self-correction": "A claim lists itself in `corrected_by`.",
    "precedent-studied-twice": "Two cases are the case study of the same precedent.",
    "provenance-cycle": "Sources derive from each other in a cycle.",
    "date-order": "A deal's status history is not oldest first.",
    # Sources and their texts.
    "source-hash-missing": "A source with a `file` has no `sha256`; the message gives it.",
    "source-hash-mismatch": "A source's text no longer has the SHA-256 registered for it.",
    "source-absolute-path": "A source's `file` is an absolute path.",
    "source-outside-folder": "A source's `file` leads outside the casebook's folder.",
    "source-not-regular": "A source's `file` is a FIFO, a device, a socket or a folder.",
    "source-too-large": "A source's text file is over 5 MB: it is not read.",
    "source-unreadable": "A source's `file` cannot be read.",
    "source-not-utf8": "A source's text is not UTF-8.",
    "excluded-passage-not-found": "An excluded passage's `start` or `end` is not in the text.",
    # Quotes.
    "quote-not-found": "A quote is not in its source's text; the closest passage is shown.",
    "quote-in-excluded-passage": "A quote lies in an excluded passage of its source.",
    # Warnings.
    "status-marker": "Warning: a quote's wording does not fit its claim's epistemic status.",
}

PROBLEM_CODES: Final[Mapping[str, str]] = MappingProxyType(dict[str, str](_CODES.items()))
"""Every problem code, with what it means, grouped by what went wrong.

Codes are stable: a program may rely on them where a message's wording may change. Every
code is an error but `status-marker`, the only warning.
"""

REPORT_VERSION: Final = 1
"""The version of the shape of the validation report that `report_json` writes."""


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with the data, where it is, and what kind of problem it is."""

    file: str
    """Path of the file, as given to the loader."""
    line: int
    """Line number, from 1."""
    column: int
    """Column number, from 1."""
    message: str
    """What is wrong and what was expected."""
    code: ProblemCode = attrs.field(kw_only=True)
    """What kind of problem it is: a key of `PROBLEM_CODES`."""
    severity: Literal["error", "warning"] = "error"
    """An error stops the data loading; a warning is reported and loading goes on (unless
    loading is strict)."""

    def __str__(self) -> str:
        """`file:line:column: message`, the form editors and terminals link to.

        Warnings read `file:line:column: warning: message`. Control characters in the file
        name or the message (an escape sequence in a file name, say) are shown escaped, and a
        line break as a space, so that a problem is one line and never drives a terminal.
        """
        kind = "warning: " if self.severity == "warning" else ""
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        return f"{where}: {kind}{printable(self.message)}"


class CasebookError(Exception):
    """The data could not be loaded: every problem found, not only the first.

    Attributes:
        problems: The problems, sorted by file, line and column.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect the problems, sorted and without repeats."""
        self.problems = tuple(sorted(set(problems)))
        super().__init__(str(self))

    def __str__(self) -> str:
        """One line per problem, with a count first."""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        return "\n".join([head, *(str(problem) for problem in self.problems)])


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _entry(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def report_json(
    errors: Iterable[Problem],
    warnings: Iterable[Problem],
    *,
    strict: bool,
    counts: Mapping[str, int] | None,
) -> str:
    r"""The validation report of a casebook, as JSON text.

    The report is valid when there is no error, and, when `strict`, no warning either.
    Every control character of a file name or message is written escaped (`\u001b`), as is
    a lone surrogate (a file name that is not UTF-8), so the text is inert in a terminal and
    parses back to the same strings.

    Args:
        errors: The errors found.
        warnings: The warnings found; listed apart from the errors, even when `strict`.
        strict: Whether warnings make the casebook invalid.
        counts: What was checked (`cases`, `claims`, `quotes`, `sources`, `source_texts`),
            or None when the casebook did not load; each count is then null.

    Returns:
        The report, indented, with no line break at its end.
    """
    found = sorted(set(errors))
    warned = sorted(set(warnings))
    stats: dict[str, int | None] = {"errors": len(found), "warnings": len(warned)}
    for name in ("cases", "claims", "quotes", "sources", "source_texts"):
        stats[name] = None if counts is None else counts[name]
    report = {
        "report_version": REPORT_VERSION,
        "casebook_version": __version__,
        "valid": not found and not (strict and warned),
        "strict": strict,
        "stats": stats,
        "errors": [_entry(problem) for problem in found],
        "warnings": [_entry(problem) for problem in warned],
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    return inert_json(_SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text))
