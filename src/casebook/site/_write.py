"""Writing the generated pages to a folder, for builders that take a finished docs folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from casebook._presence import DEFAULT_POLICY
from casebook.site._comparisons import NEAREST
from casebook.site._downloads import downloads
from casebook.site._pages import pages

if TYPE_CHECKING:
    import os

    from casebook._library import Casebook
    from casebook._presence import PresencePolicy

__all__ = ["write_pages"]


def write_pages(
    book: Casebook,
    directory: str | os.PathLike[str],
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    site_url: str | None = None,
    nearest: int = NEAREST,
) -> list[Path]:
    """Write every generated page and download under a folder, creating subfolders as needed.

    Args:
        book: The loaded casebook.
        directory: The docs folder to write into; existing files of the same names are
            replaced, others are left alone.
        policy: How claims count as evidence of a code.
        site_url: The published site's address, for the downloads' links to claims and the
            briefs' citations.
        nearest: How many of its most similar cases each case is compared with on a page of
            the two (see [`pages`][casebook.site.pages]).

    Returns:
        The paths written: the pages in the order of [`pages`][casebook.site.pages], then the
        downloads.
    """
    root = Path(directory)
    written = []
    for name, text in pages(book, policy=policy, nearest=nearest, site_url=site_url).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for name, data in downloads(book, site_url=site_url, policy=policy).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
