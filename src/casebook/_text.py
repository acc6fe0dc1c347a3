"""Matching quotes in source texts, the closest passage, and text safe for a terminal."""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["closest_passage", "locate", "normalise", "normalise_lines", "printable"]

_QUOTE_MARKS: Final = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'}
)
_SPACE: Final = re.compile(r"\s+")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""C0 controls, DEL and C1 controls (CSI 0x9b among them): none may reach a terminal."""
_PASSAGE: Final = 200
"""Longest closest passage shown, in characters."""
_PROBE: Final = 64
"""A longer quote is aligned by probes this long (rapidfuzz's fast path)."""
_PROBES: Final = 5
"""At most this many probes of a long quote."""
_RATIO: Final = 4000
"""How alike a quote and its passage are is measured on their first this many characters."""
_WORD: Final = 40
"""How far a passage is widened, at most, to start and end at a word boundary."""


def normalise(text: str) -> str:
    """Collapse runs of whitespace to one space and straighten typographic quote marks.

    Quotes are matched against sources after this and nothing else, so a quote stays verbatim
    while a line break or a curly apostrophe typed straight does not make it fail.
    """
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def printable(text: str, *, newlines: bool = False) -> str:
    r"""`text` with no control character left that a terminal would act on.

    A tab becomes a space; a line break (`\n`, `\r\n` or `\r`) is kept with `newlines`, and
    becomes a space without. Every other C0 or C1 control character and DEL (ESC, BEL, CSI 0x9b,
    NUL…) is shown escaped, as `\x1b`, so that what the data holds stays visible and inert.
    """
    if _CONTROL.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if not newlines:
        text = text.replace("\n", " ")
    return _CONTROL.sub(lambda m: "\n" if m[0] == "\n" else f"\\x{ord(m[0]):02x}", text)


def closest_passage(quote: str, text: str, *, limit: int = _PASSAGE) -> tuple[str, float]:
    """The passage of `text` most like `quote`, and how alike they are (0 to 1).

    Both are expected normalised. The passage is the stretch of `text`, about as long as the
    quote and widened to whole words, that aligns best with it (rapidfuzz's partial ratio, a
    few milliseconds for a 25 kB text); how alike is the similarity of the quote and that
    passage (1 less the share of characters to insert or delete to turn one into the other, on
    their first 4,000 characters). A passage longer than `limit` characters is cut there, with
    `…` to say so.
    """
    from rapidfuzz import fuzz  # noqa: PLC0415 - loaded only when a quote is not found

    if not text or not quote:
        return "", 0.0
    start, end = _aligned(quote, text)
    # Widened to whole words, unless a "word" runs on for longer than any word does.
    before = text.rfind(" ", max(0, start - _WORD), start)
    start = before + 1 if before >= 0 or start <= _WORD else start
    after = text.find(" ", end, end + _WORD)
    end = after if after >= 0 else (len(text) if len(text) - end <= _WORD else end)
    passage = text[start:end].strip()
    ratio = fuzz.ratio(quote[:_RATIO], passage[:_RATIO]) / 100
    if len(passage) > limit:
        passage = passage[: limit - 1].rstrip() + "…"
    return passage, ratio


def _aligned(quote: str, text: str) -> tuple[int, int]:
    """Where in `text` the stretch as long as `quote` that aligns best with it starts and ends.

    An alignment is quick (bit-parallel) for a quote of at most 64 characters and costs more,
    the more so on repetitive text, for a longer one. So a longer quote is aligned by probes of
    64 characters (its start, its end and up to three points between): each places a stretch
    as long as the quote, and the stretch most like the whole quote wins.
    """
    from rapidfuzz import fuzz  # noqa: PLC0415 - loaded only when a quote is not found

    if len(quote) >= len(text):
        return 0, len(text)
    if len(quote) <= _PROBE:
        found = fuzz.partial_ratio_alignment(quote, text)
        return (found.dest_start, found.dest_end) if found is not None else (0, 0)
    count = min(_PROBES, -(-len(quote) // _PROBE))
    span = len(quote) - _PROBE
    best: tuple[float, int] = (-1.0, 0)
    for offset in sorted({round(i * span / (count - 1)) for i in range(count)}):
        found = fuzz.partial_ratio_alignment(quote[offset : offset + _PROBE], text)
        if found is None:  # pragma: no cover - only with a score_cutoff
            continue
        start = min(max(0, found.dest_start - offset), len(text) - len(quote))
        stretch = text[start : start + min(len(quote), _RATIO)]
        score = fuzz.ratio(quote[:_RATIO], stretch)
        if score > best[0]:
            best = (score, start)
    return best[1], best[1] + len(quote)


_JSON_CONTROL = re.compile("[\x7f-\x9f]")


def inert_json(text: str) -> str:
    r"""JSON text with DEL and the C1 controls written as `\u` escapes, as JSON allows.

    `json.dumps` escapes the C0 controls but, with `ensure_ascii=False`, passes DEL and C1
    characters (CSI 0x9b among them) through to the terminal. In JSON text they can only stand
    inside strings, where an escape means the same character.
    """
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


_JOINT: Final = re.compile(r"\s{2,}|[^\S ]")
"""Whitespace between words that normalising does not keep as it is: any but one space."""


@attrs.frozen(eq=False)
class _Lines:
    """A text normalised line by line, with where each stretch of it stands in the raw text."""

    text: str
    r"""The normalised lines, joined by `\n`."""
    flat: str
    """The same with each line break read as a space: where quotes are sought."""
    starts: tuple[int, ...]
    """Where each stretch copied from the raw text starts in `text`, in order."""
    raw: tuple[int, ...]
    """Where the same stretch starts in the raw text."""

    def raw_offset(self, offset: int) -> int:
        """Where the character at `offset` of `text` (not a joint) stands in the raw text."""
        stretch = bisect.bisect_right(self.starts, offset) - 1
        return self.raw[stretch] + offset - self.starts[stretch]


def _line_breaks(gap: str) -> int:
    r"""How many line breaks a run of whitespace holds, `\r\n` counting as one."""
    return len((gap + "x").splitlines()) - 1


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> _Lines:
    r"""`text` normalised line by line, in one pass over the whitespace it does not keep as is.

    Each line is normalised and the lines are joined by `\n`, so a run of whitespace between
    words becomes one space, or as many line breaks as it holds; the whitespace before the
    first word keeps its line breaks, and after the last only the blank lines that follow.
    """
    marked = text
    for mark, plain in _QUOTE_MARKS.items():
        marked = marked.replace(chr(mark), plain)
    first = len(marked) - len(marked.lstrip())
    last = len(marked.rstrip())
    if first >= last:
        blank = "\n" * max(len(marked.splitlines()) - 1, 0)
        return _Lines(blank, blank.replace("\n", " "), (0,), (0,))
    parts = ["\n" * _line_breaks(marked[:first])]
    length = len(parts[0])
    starts, raw = [length], [first]
    kept = first
    for gap in _JOINT.finditer(marked, first, last):
        parts.append(marked[kept : gap.start()])
        breaks = _line_breaks(gap[0])
        joint = "\n" * breaks if breaks else " "
        parts.append(joint)
        length += gap.start() - kept + len(joint)
        kept = gap.end()
        starts.append(length)
        raw.append(kept)
    parts.append(marked[kept:last])
    parts.append("\n" * max(len(marked[last:].splitlines()) - 1, 0))
    joined = "".join(parts)
    return _Lines(joined, joined.replace("\n", " "), tuple(starts), tuple(raw))


def normalise_lines(text: str) -> str:
    r"""`text` normalised line by line (see `normalise`), the lines joined by `\n`.

    This is the text in which excluded passages are found; read with each line break as a
    space, it is the text in which quotes are. A blank line stays an empty line, so that a
    quote does not run across a paragraph break.
    """
    return _lines(text).text


def locate(
    quote: str, text: str, *, skip: Sequence[tuple[int, int]] = ()
) -> tuple[int, int] | None:
    """Where `quote` is in `text` as written there: the span `[start, end)` of the raw text.

    The span's normalised form is `normalise(quote)`, and it starts and ends on a character
    that is not whitespace: it is the quote as found in the source, line breaks and curly
    quote marks as they are. Occurrences are sought as quotes are verified, first to last in
    `normalise_lines(text)` read with its line breaks as spaces; one that overlaps a span of
    `skip` (start and end offsets in that normalised text, as excluded passages are located) is
    passed over. Only where there is no other is an occurrence across a blank line taken.
    None when the quote is not in the text, or normalises to nothing.
    """
    wanted = normalise(quote)
    if not wanted:
        return None
    lines = _lines(text)

    def clear(start: int, end: int) -> bool:
        return not any(start < stop and begin < end for begin, stop in skip)

    found = lines.flat.find(wanted)
    while found >= 0:
        if clear(found, found + len(wanted)):
            return _raw_span(lines, found, found + len(wanted))
        found = lines.flat.find(wanted, found + 1)
    across = re.compile(" +".join(re.escape(word) for word in wanted.split(" ")))
    match = across.search(lines.flat)
    while match is not None:
        if clear(match.start(), match.end()):
            return _raw_span(lines, match.start(), match.end())
        match = across.search(lines.flat, match.start() + 1)
    return None


def _raw_span(lines: _Lines, start: int, end: int) -> tuple[int, int]:
    return lines.raw_offset(start), lines.raw_offset(end - 1) + 1
