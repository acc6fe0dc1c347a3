"""Escaped data text renders as exactly that text, in every Markdown context casebook uses."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from casebook._markdown import cell, escape

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
"""The extensions the site's `mkdocs.yml` enables."""

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "**bold** _it_ `code` ~~strike~~",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "| a | b |",
    "text { onerror=alert(1) }",
    "*[HTML]: Hyper Text",
    "[^1]: footnote",
    "&amp; &lt; &#42;",
    "back\\slash \\*",
    "Term\n:   definition",
    '!!! note "x"',
    "??? note",
    "```\ncode\n```",
]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}" for name, _ in attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(source: str) -> tuple[list[str], str]:
    parser = _Text()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return parser.tags, "".join(parser.text)


def _flat(text: str) -> str:
    flat = " ".join(text.split())
    return "".join("\ufffd" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in flat)


CONTEXTS = [
    # (Markdown before, Markdown after, text shown before, tags expected)
    ("", "", "", ["p"]),
    ("Said: ", " (end)", "Said: ", ["p"]),
    ("- ", "", "", ["ul", "li"]),
    ("| a |\n|---|\n| ", " |", "a ", ["table", "thead", "tr", "th", "tbody", "tr", "td"]),
]


@given(st.text())
@example("<script>x</script>")
@example("1. not a list")
@pytest.mark.parametrize(("before", "after", "shown", "tags"), CONTEXTS)
def test_escaped_text_renders_as_itself(
    before: str, after: str, shown: str, tags: list[str], text: str
) -> None:
    """Any text, escaped, comes out of Markdown as the same text inside the expected tags."""
    escaped = cell(text) if tags[-1] == "td" else escape(text)
    found_tags, found_text = _render(before + escaped + after)
    if not _flat(text) and not before + after:
        assert found_tags == []
        return
    assert found_tags == tags
    assert _flat(found_text) == _flat(shown + _flat(text) + after.replace("|", ""))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_makes_no_markup(text: str) -> None:
    """Scripts, raw HTML, links, headings, lists and attribute lists all stay text."""
    tags, shown = _render(escape(text))
    assert tags == ["p"]
    assert shown == _flat(text)
