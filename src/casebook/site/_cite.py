"""Claim ids cited in hand-written pages, turned into links that carry the editors' verdict."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casebook._presence import DEFAULT_POLICY
from casebook.site._context import Site

if TYPE_CHECKING:
    from casebook._library import Casebook

__all__ = ["cite_claims"]

_CODE = re.compile(r"(?<!`)`([a-z0-9]+(?:-[a-z0-9]+)*)`(?!`)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def cite_claims(book: Casebook, path: str, markdown: str) -> str:
    """A hand-written page with each cited claim linked to where it is shown in full.

    A claim id written as inline code (`` `pk-doha-agreement-credited-to-biden` ``) becomes
    a link to the claim on its case or precedent page, followed by the editors' verdict where
    they gave one (the note is its tooltip), exactly as on the generated pages. Ids that are
    not claims, and everything inside fenced code blocks, are left alone.

    Args:
        book: The casebook whose claims the page cites.
        path: The page's path in the docs folder, e.g. `method/epistemic-status.md`.
        markdown: The page's text.
    """
    site = Site.of(book, DEFAULT_POLICY)
    out: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            out.append(line)
            continue
        out.append(
            _CODE.sub(
                lambda m: site.claim(path, m[1]) if m[1] in site.claim_pages else m[0],
                line,
            )
        )
    return "".join(out)
