"""Markdown that shows case data as text, whatever characters the data holds.

Characters that Markdown or its extensions would read as syntax are written as HTML character
references (`*` as `&#42;`), which no Markdown rule matches and every browser shows as the
character itself. Backslash escapes would not do: Python-Markdown honours them only for some
characters, and prints the backslash before the others.
"""

from __future__ import annotations

__all__ = ["cell", "escape"]

_REFERENCES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{char: f"&#{ord(char)};" for char in "\\`*_{}[]|~^=$#"},
        **dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd"),
    }
)
"""Always replaced: HTML, emphasis, code, links, attribute lists, tables, and extensions'
marks (strike, caret, highlight, maths, abbreviations, footnotes, headings)."""

_LEADING = frozenset("-+!?:0123456789")
"""Replaced at the start of the text only, where they would begin a list, an admonition or a
definition."""


def escape(text: str) -> str:
    """Text that Markdown renders literally: HTML is escaped, Markdown syntax neutralised.

    Whitespace runs, line breaks included, become one space, so that the text stays inside the
    paragraph, list item or table cell it is written into. Other control characters, which
    Markdown uses internally and HTML forbids, show as U+FFFD (�).
    """
    flat = " ".join(text.split()).translate(_REFERENCES)
    if flat[:1] in _LEADING:
        flat = f"&#{ord(flat[0])};{flat[1:]}"
    return flat


def cell(text: str) -> str:
    """Escaped text for a Markdown table cell."""
    return escape(text) or " "
