"""Where each generated page lives, and relative links between pages."""

from __future__ import annotations

import functools
import html
import posixpath
from typing import TYPE_CHECKING

import yaml

from casebook._markdown import escape

if TYPE_CHECKING:
    from casebook._library import Casebook

__all__ = [
    "ANY_PAIR",
    "CASES",
    "CODEBOOK",
    "COMPARISONS",
    "PATTERNS",
    "QCA_EXAMPLE",
    "address",
    "attribute",
    "case_page",
    "heading",
    "heading_text",
    "href",
    "link",
    "pair_page",
    "party_page",
    "precedent_page",
    "source_page",
    "text_attribute",
    "title",
]

CASES = "cases/index.md"
COMPARISONS = "comparisons/index.md"
ANY_PAIR = "comparisons/any.md"
"""The page that compares any two cases, for the pairs that have no page of their own."""
PATTERNS = "comparisons/patterns.md"
CODEBOOK = "codebook.md"
QCA_EXAMPLE = "method/qca-worked-example.md"


def case_page(case_id: str) -> str:
    """The page of a case."""
    return f"cases/{case_id}.md"


def source_page(source_id: str) -> str:
    """The page of a source."""
    return f"sources/{source_id}.md"


def precedent_page(precedent_id: str) -> str:
    """The page of a precedent."""
    return f"precedents/{precedent_id}.md"


def party_page(party_id: str) -> str:
    """The page of a party: one that takes part in a deal, speaks in a claim, or recurs."""
    return f"parties/{party_id}.md"


def pair_page(a: str, b: str) -> str:
    """The comparison page of two cases; the same page whichever comes first."""
    first, second = sorted((a, b))
    return f"comparisons/{first}--{second}.md"


@functools.cache
def _relative(origin_dir: str, target: str) -> str:
    """The path of `target` from the folder `origin_dir`, both relative to the docs folder."""
    here = origin_dir.split("/") if origin_dir else []
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def address(path: str) -> str:
    """Where a page of the docs folder is published, as the site builds it (directory URLs).

    `cases/x.md` is served as `cases/x/`, `cases/index.md` as `cases/`, `index.md` as the root.
    """
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def href(origin: str, target: str, anchor: str | None = None) -> str:
    """The relative address from one published page to another, for a link written in HTML.

    MkDocs rewrites the `.md` links of Markdown to the pages' addresses, but leaves those of
    raw HTML as they are: where a page writes a table as HTML, so that the Markdown parser
    does not have to walk it, its links point at the published addresses themselves.
    """
    if target == origin:
        return f"#{anchor}" if anchor else "./"
    relative = _between(address(origin), address(target))
    return f"{relative}#{anchor}" if anchor else relative


@functools.lru_cache(maxsize=1 << 16)
def _between(here: str, there: str) -> str:
    """The relative address of the folder `there` from the folder `here` (both end in `/`)."""
    relative = posixpath.relpath(there or ".", here or ".")
    return "./" if relative == "." else f"{relative}/"


def link(origin: str, target: str, anchor: str | None = None) -> str:
    """The relative link from one page to another (or to an anchor on it)."""
    if target == origin:
        return f"#{anchor}" if anchor else posixpath.basename(target)
    relative = _relative(origin.rpartition("/")[0], target)
    return f"{relative}#{anchor}" if anchor else relative


def attribute(text: str) -> str:
    """Text for an HTML attribute value or a Markdown link title: HTML-escaped, on one line.

    Backticks and pipes become character references too, so that the text neither starts
    inline code nor ends a table cell when the attribute stands in a Markdown line.
    """
    flat = html.escape(" ".join(text.split()), quote=True)
    return flat.replace("`", "&#96;").replace("|", "&#124;")


_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
"""Control characters, which HTML forbids in references as in text, shown as U+FFFD (�)."""


@functools.lru_cache(maxsize=1 << 16)
def text_attribute(text: str) -> str:
    """Free text from the data for an HTML attribute (a tooltip), inert to Markdown as to HTML.

    Every character but letters, digits and spaces becomes a character reference, so that
    nothing in the value can start a Markdown link, emphasis or code span inside the tag.
    Whitespace runs become one space, and other control characters U+FFFD (�), as in the text
    of a page.
    """
    flat = " ".join(text.split()).translate(_CONTROLS)
    return "".join(c if c.isalnum() or c == " " else f"&#{ord(c)};" for c in flat)


def heading(text: str, description: str | None = None, *, searchable: bool = True) -> list[str]:
    """A page's front matter and first heading.

    MkDocs takes a page's title from its first heading with the character references resolved,
    and themes print titles unescaped (Material's `<title>` among them), so a title from the data
    could end the `<title>` element. The front matter gives the title, and the description,
    HTML-escaped, which the theme then prints as it is. A page that is not `searchable` is
    left out of the search index.
    """
    meta: dict[str, object] = {"title": attribute(text)}
    if description is not None:
        meta["description"] = attribute(description)
    if not searchable:
        meta["search"] = {"exclude": True}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=2**16)
    return ["---", *front.splitlines(), "---", "", f"# {escape(text)}", ""]


def heading_text(text: str) -> str:
    """Escaped text for the quoted title of an admonition or a content tab."""
    return escape(text).replace('"', "&quot;")


def title(book: Casebook, entity_id: str) -> str:
    """The escaped display name of a party, place, commodity, precedent or code."""
    return escape(book.name_of(entity_id))
