"""The one exception casebook's loader raises, and the problems it lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from casebook._text import printable

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CasebookError", "Problem"]


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with the data, and where it is."""

    file: str
    """Path of the file, as given to the loader."""
    line: int
    """Line number, from 1."""
    column: int
    """Column number, from 1."""
    message: str
    """What is wrong and what was expected."""
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
