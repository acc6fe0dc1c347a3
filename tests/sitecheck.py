"""Checks of generated site pages shared by the site tests and the any-corpus test."""

from __future__ import annotations

import functools
import posixpath
import pydoc
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
import yaml

from casebook.site._links import address

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

ROOT = Path(__file__).resolve().parents[1]

LINK = re.compile(r"\]\(([^)\s]+)(?: \"[^\"]*\")?\)")
"""The target of a Markdown link (with or without a title)."""
HREF = re.compile(r'<a href="([^"]+)"')
"""The target of a link written in HTML."""
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
        for target in HREF.findall(text):
            # A link written in HTML points at the published address (see `casebook.site`).
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            page, _, anchor = target.partition("#")
            checked += 1
            resolved = _published(path, page, pages, docs) if page else path
            if resolved is None or (anchor and anchor not in anchors.get(resolved, ())):
                broken.append((path, target))
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


def _published(origin: str, href: str, pages: Collection[str], docs: Path) -> str | None:
    """The page an HTML link of `origin` leads to (generated or under `docs`), or None."""
    here = address(origin)
    folder = posixpath.normpath(posixpath.join(here, href)) if here else posixpath.normpath(href)
    folder = "" if folder == "." else folder
    candidates = [f"{folder}/index.md" if folder else "index.md"]
    if folder:
        candidates.insert(0, f"{folder}.md")
    return next((c for c in candidates if c in pages or (docs / c).is_file()), None)


class MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, resolving its `!!python/name:` tags to the objects they name."""


MkdocsLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda _loader, suffix, _node: pydoc.locate(suffix)
)
MkdocsLoader.add_constructor("!ENV", lambda _loader, _node: None)


@functools.cache
def markdown_extensions() -> tuple[tuple[str, ...], dict[str, Any]]:
    """The Markdown extensions of the site's mkdocs.yml, and their settings."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=MkdocsLoader)  # noqa: S506 - a SafeLoader plus python/name
    names: list[str] = []
    options: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, str):
            names.append(entry)
        else:
            ((name, values),) = entry.items()
            names.append(name)
            options[name] = values
    return tuple(names), options


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions and settings of the site's mkdocs.yml."""
    names, options = markdown_extensions()
    return markdown.Markdown(extensions=list(names), extension_configs=options)
