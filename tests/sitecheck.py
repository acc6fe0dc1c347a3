"""Checks of generated site pages shared by the site tests and the any-corpus test."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping
    from pathlib import Path

LINK = re.compile(r"\]\(([^)\s]+)(?: \"[^\"]*\")?\)")
"""The target of a Markdown link (with or without a title)."""
ANCHOR = re.compile(r'id="([^"]+)"|\{ #([^ }]+) \}')
"""An anchor a page defines: an HTML id or an attribute-list id."""


def broken_links(
    pages: Mapping[str, str], docs: Path, files: Collection[str] = ()
) -> tuple[list[tuple[str, str]], int]:
    """Internal links of `pages` to a page or anchor that does not exist, and how many links.

    A link resolves to a generated page, to one of the generated `files` (the downloads), or
    to a hand-written file under `docs`; an anchor must be defined on the generated page it
    points into.
    """
    anchors = {path: {a or b for a, b in ANCHOR.findall(text)} for path, text in pages.items()}
    broken: list[tuple[str, str]] = []
    checked = 0
    for path, text in pages.items():
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://")):
                continue
            page, _, anchor = target.partition("#")
            resolved = (
                posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
            )
            checked += 1
            known = resolved in pages or resolved in files or (docs / resolved).is_file()
            if not known or (anchor and resolved in pages and anchor not in anchors[resolved]):
                broken.append((path, target))
    return broken, checked
