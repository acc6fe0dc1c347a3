"""MkDocs hooks: pages outside the navigation shown in their section, and a lighter site.

A section of the navigation lists its pages only while they are few (`casebook.site.NAV_LIMIT`);
beyond, the section shows its overview page alone, which lists them all. A page left out of the
navigation would otherwise be drawn with no tab open and an empty sidebar. This hook gives it the
section of its folder's overview page as its parent, so the theme opens that tab and section and
the breadcrumbs lead back to the overview. The page is not added to the section's pages: the
navigation of every page stays as small as the section's listing.

The other hooks keep the site light: no edit buttons without a repository, no theme files the
site never loads, and no indentation in the pages' HTML.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """No edit buttons without a repository to edit the pages in (`CASEBOOK_REPO_URL`)."""
    if not config.repo_url:
        config.edit_uri = None
    return config


_overviews: dict[str, Page] = {}
"""Folder → its overview page, for the build under way."""


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Note each folder's overview page (`<folder>/index.md`) that the navigation lists."""
    del config, files
    _overviews.clear()
    for page in nav.pages:
        folder, _, name = page.file.src_uri.rpartition("/")
        if folder and name == "index.md":
            _overviews[folder] = page
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Place a page the navigation leaves out in the section of its folder's overview."""
    del config, files
    if page.parent is not None or page.file.src_uri.endswith("index.md"):
        return page
    folder = page.file.src_uri.rpartition("/")[0]
    overview = _overviews.get(folder)
    if overview is not None:
        page.parent = overview.parent
    return page


def on_post_build(config: MkDocsConfig) -> None:
    """Leave out the theme's files the site never loads.

    The search needs lunr's language support only for languages other than English, and
    browsers fetch source maps only when their developer tools ask for them. Together they
    weigh some 2.4 MB, whatever the size of the corpus.
    """
    assets = Path(config.site_dir) / "assets"
    for source_map in [*assets.glob("javascripts/**/*.map"), *assets.glob("stylesheets/*.map")]:
        source_map.unlink()
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = getattr(search, "config", {}).get("lang") if search is not None else None
    if languages == ["en"]:
        shutil.rmtree(assets / "javascripts" / "lunr", ignore_errors=True)


_VERBATIM = re.compile(r"(<(pre|code|textarea|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
"""Elements whose whitespace is their content."""
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
"""A line break with the indentation and blank lines after it."""


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page without the theme's indentation and blank lines.

    Outside `pre`, `code`, `textarea` and `script`, a run of white space shows as one space
    whatever it holds, so a line break followed by indentation and blank lines is rendered as
    the line break alone: each page is a quarter lighter and looks the same.
    """
    del page, config
    parts = _VERBATIM.split(output)
    # split() gives text, then for each match the element and its tag name, in turn.
    kept = [
        part if index % 3 else _INDENT.sub("\n", part)
        for index, part in enumerate(parts)
        if index % 3 != 2  # noqa: PLR2004 - the tag name captured for the back-reference
    ]
    return "".join(kept)
