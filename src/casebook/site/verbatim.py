"""A Markdown extension that passes the site's HTML tables through without parsing them.

The comparison pages write their long tables of quotes as HTML (see `casebook.site`), between
the comments `<!-- casebook:html -->` and `<!-- /casebook:html -->`. Markdown leaves HTML as
it is, but still reads it tag by tag, twice under MkDocs (once to find anchors, once to find
where each block ends): on a large corpus, most of the build. With this extension, listed in
`markdown_extensions` of `mkdocs.yml` as `casebook.site.verbatim`, each such block is set aside
whole before any of that, and put back in the page unchanged. Without it the page renders the
same, only more slowly.

Only the site's own generator writes these blocks, every text from the data escaped, so that a
case file cannot close a block early or put markup in it.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

__all__ = ["BEGIN", "END", "VerbatimExtension", "makeExtension", "verbatim"]

BEGIN = "<!-- casebook:html -->"
END = "<!-- /casebook:html -->"
_BLOCK = re.compile(rf"^{re.escape(BEGIN)}\n(.*?)\n{re.escape(END)}$", re.DOTALL | re.MULTILINE)


def verbatim(lines: list[str]) -> list[str]:
    """HTML lines marked to pass through Markdown as they are, between blank lines."""
    return ["", BEGIN, *lines, END, ""]


class _SetAside(Preprocessor):
    """Stores each marked block in the Markdown stash, leaving its placeholder in the text."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if BEGIN not in text:
            return lines
        stash = self.md.htmlStash
        return _BLOCK.sub(lambda match: stash.store(match.group(1)), text).split("\n")


class VerbatimExtension(Extension):
    """Registers the preprocessor ahead of the HTML parsers of Markdown and MkDocs."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - the name Markdown calls
        """Run after whitespace is normalised (30), before MkDocs (21) and Markdown (20)."""
        md.preprocessors.register(_SetAside(md), "casebook_verbatim", 25)


def makeExtension(**kwargs: Any) -> VerbatimExtension:  # noqa: N802 - the name Markdown looks up
    """The extension, as Markdown loads it by module name."""
    return VerbatimExtension(**kwargs)
