"""Matching quotes in source texts: normalisation, look-up and the closest passage."""

from __future__ import annotations

import difflib
import re
from typing import Final

__all__ = ["closest_passage", "normalise"]

_QUOTE_MARKS: Final = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
)
_SPACE: Final = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and straighten typographic quote marks.

    Quotes are matched against sources after this and nothing else, so a quote stays verbatim
    while a line break or a curly apostrophe typed straight does not make it fail.
    """
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def closest_passage(quote: str, text: str, *, limit: int = 4000) -> tuple[str, float]:
    """The passage of `text` most like `quote`, and how alike they are (0 to 1).

    Both are expected normalised. Candidate passages start and end at word boundaries, a little
    shorter or longer than the quote (a word left out or added); at most `limit` starts are
    compared, so a huge source stays quick.
    """
    if not text:
        return "", 0.0
    starts = [0, *(match.end() for match in re.finditer(r"\s", text))]
    step = max(1, len(starts) // limit)
    sizes = {max(1, round(len(quote) * factor)) for factor in (0.8, 1.0, 1.2, 1.4)}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quote)
    best, best_ratio = "", -1.0
    for start in starts[::step]:
        for size in sizes:
            window = _to_word_end(text, start, start + size)
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best, max(best_ratio, 0.0)


def _to_word_end(text: str, start: int, end: int) -> str:
    """`text[start:end]`, extended to the end of the word it cuts."""
    space = text.find(" ", end)
    return text[start : len(text) if space < 0 else space]
