"""Quotes as W3C Web Annotations: each quote once, anchored where its source writes it."""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import casebook
import casebook.export.annotations as web_annotations
from casebook._text import locate, normalise, normalise_lines
from casebook.models import Accuracy
from casebook.site import pages
from tests import minibook

if TYPE_CHECKING:
    from casebook.models import Claim, Evidence

SITE = "https://casebook.readthedocs.io/"
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character or DEL but the line break."""

_WORDS = st.text(alphabet="abcxyz\u2018\u2019\u201c\u201d'\".,é", min_size=1, max_size=6)
_SPACES = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\u2028\xa0", min_size=1, max_size=4)


@st.composite
def worded_texts(draw: st.DrawFn) -> str:
    """Words between random runs of whitespace (line breaks, tabs, blank lines), curly quotes."""
    words = draw(st.lists(_WORDS, min_size=1, max_size=25))
    spaces = draw(st.lists(_SPACES, min_size=len(words) + 1, max_size=len(words) + 1))
    text = "".join(space + word for space, word in zip(spaces, words, strict=False))
    return text + spaces[-1] if draw(st.booleans()) else text.lstrip()


_TEXTS = st.one_of(worded_texts(), st.text(max_size=60))


def _substring(data: st.DataObject, text: str) -> str:
    start = data.draw(st.integers(0, len(text)))
    return text[start : data.draw(st.integers(start, len(text)))]


def _flat(text: str) -> str:
    """Where the loader seeks quotes: each line normalised, the lines joined by spaces."""
    return " ".join(normalise(line) for line in text.splitlines())


@given(_TEXTS)
def test_normalise_lines_normalises_each_line(text: str) -> None:
    """The text excluded passages are found in is the loader's: line by line, normalised."""
    assert "\n".join(normalise(line) for line in text.splitlines()) == normalise_lines(text)


@given(_TEXTS, st.data())
def test_locate_finds_any_passage_of_the_normalised_text(text: str, data: st.DataObject) -> None:
    """A passage of the normalised text is found as the raw text writes it, ends not blank."""
    quote = _substring(data, normalise(text))
    span = locate(quote, text)
    if not normalise(quote):
        assert span is None
        return
    assert span is not None
    start, end = span
    assert normalise(quote) == normalise(text[start:end])
    assert not text[start].isspace()
    assert not text[end - 1].isspace()


@given(_TEXTS, st.text(alphabet="abcxyz\u2018\u2019\u201c\u201d'\" \n", max_size=8))
def test_locate_finds_nothing_that_is_not_there(text: str, quote: str) -> None:
    """A quote is located exactly when its normalised form is in the normalised text."""
    wanted = normalise(quote)
    assert (locate(quote, text) is None) == (not wanted or wanted not in normalise(text))


@given(_TEXTS, st.data())
def test_locate_passes_over_skipped_occurrences(text: str, data: st.DataObject) -> None:
    """An occurrence overlapping a skipped span is passed over for a later one."""
    twice = f"{text}\n{text}"
    segments = [s for s in re.split(" {2,}", _flat(text)) if s.strip()]
    assume(segments)
    quote = _substring(data, data.draw(st.sampled_from(segments))).strip()
    assume(quote)
    first = _flat(twice).find(quote)
    unskipped = locate(quote, twice)
    skipped = locate(quote, twice, skip=[(first, first + len(quote))])
    assert unskipped is not None
    assert skipped is not None
    assert skipped[0] > unskipped[0]
    assert normalise(quote) == normalise(twice[skipped[0] : skipped[1]])


def test_locate_takes_a_passage_across_a_blank_line_only_without_another() -> None:
    """The loader matches within paragraphs: an occurrence across a blank line comes last."""
    text = "the deal\n\nwas signed. Later the deal was signed."
    start, end = locate("the deal was signed", text) or (0, 0)
    assert "the deal was signed" == text[start:end]
    start, end = locate("deal was", "the deal\n\n  was signed.") or (0, 0)
    assert "deal\n\n  was" == "the deal\n\n  was signed."[start:end]


def test_locate_is_quick_on_a_large_text() -> None:
    """A 5 MB text is normalised once and searched in well under the time of a test."""
    line = "Word  after word,\tand \u2018quoted\u2019 words\r\n"
    text = line * (5_000_000 // len(line)) + "The last \u2018passage\u2019\n of   all."
    begin = time.perf_counter()
    span = locate("The last 'passage' of all.", text)
    assert span is not None
    assert "The last \u2018passage\u2019\n of   all." == text[span[0] : span[1]]
    assert time.perf_counter() - begin < 5


def _expected(book: casebook.Casebook) -> list[tuple[Claim, int, Evidence]]:
    """Every quote of every claim, the cases' then the precedents', numbered from 1 per claim."""
    claims = [claim for case in book.cases.values() for claim in case.claims]
    claims += [claim for precedent in book.precedents.values() for claim in precedent.claims]
    return [
        (claim, number, evidence)
        for claim in claims
        for number, evidence in enumerate(claim.evidence, 1)
    ]


def _items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = collection["first"]["items"]
    return items


def _purposes(item: dict[str, Any], purpose: str) -> list[str]:
    return [
        body.get("value", body.get("source")) for body in item["body"] if body["purpose"] == purpose
    ]


def _places(text: str, selector: dict[str, Any]) -> list[tuple[int, int]]:
    """Where `exact` can stand in `text`, the selector's prefix, exact and suffix a slice of it.

    The prefix and suffix are 32 characters long there, unless cut short by the text's ends.
    """
    prefix, exact, suffix = selector["prefix"], selector["exact"], selector["suffix"]
    joined = prefix + exact + suffix
    places = []
    at = text.find(joined)
    while at >= 0:
        start, end = at + len(prefix), at + len(prefix) + len(exact)
        if (len(prefix) == 32 or start == len(prefix)) and (
            len(suffix) == 32 or end + len(suffix) == len(text)
        ):
            places.append((start, end))
        at = text.find(joined, at + 1)
    return places


def test_every_quote_is_one_annotation_in_corpus_order(book: casebook.Casebook) -> None:
    """Each quote of every claim, of cases and precedents, is one annotation, in order."""
    collection = web_annotations.annotations(book)
    items = _items(collection)
    expected = _expected(book)
    assert len(expected) == collection["total"] == len(items)
    assert [f"urn:casebook:claim:{c.id}:evidence:{n}" for c, n, _ in expected] == [
        item["id"] for item in items
    ]
    assert "AnnotationCollection" == collection["type"]
    assert "http://www.w3.org/ns/anno.jsonld" == collection["@context"]


def test_each_annotation_says_what_its_passage_is_evidence_of(book: casebook.Casebook) -> None:
    """The claim with its status describes; status and codes tag; a verdict assesses."""
    for item, (claim, _, _) in zip(
        _items(web_annotations.annotations(book)), _expected(book), strict=True
    ):
        assert "Annotation" == item["type"]
        assert "describing" == item["motivation"]
        [described] = _purposes(item, "describing")
        assert described.endswith(claim.text)
        assert described.lower().startswith(claim.status.value)
        codes = [book.codebook[code].label for code in claim.codes]
        assert [claim.status.value, *codes] == _purposes(item, "tagging")
        assessed = _purposes(item, "assessing")
        if claim.accuracy is Accuracy.NOT_ASSESSED:
            assert [] == assessed
        else:
            assert 1 == len(assessed)
            assert assessed[0].lower().startswith(claim.accuracy.value)
            assert claim.note is not None
            assert assessed[0].endswith(claim.note)


def test_quotes_select_the_passage_as_the_source_writes_it(book: casebook.Casebook) -> None:
    """A verified quote's exact, prefix and suffix are verbatim from the text; others say so."""
    verified = 0
    for item, (_, _, evidence) in zip(
        _items(web_annotations.annotations(book)), _expected(book), strict=True
    ):
        source = book.sources[evidence.source]
        target = item["target"]
        selector = target["selector"]
        assert "TextQuoteSelector" == selector["type"]
        iri = str(source.url) if source.url else f"urn:casebook:source:{source.id}"
        assert iri == target["source"]
        text = book.texts.get(evidence.source)
        if text is None:
            assert evidence.quote == selector["exact"]
            assert "prefix" not in selector
            assert "suffix" not in selector
            assert _purposes(item, "commenting")
            continue
        verified += 1
        assert not _purposes(item, "commenting")
        assert normalise(evidence.quote) == normalise(selector["exact"])
        assert len(selector["prefix"]) <= 32
        assert len(selector["suffix"]) <= 32
        assert selector["exact"] == selector["exact"].strip()
        assert _places(text, selector)
    assert verified > 0


def _excluded(book: casebook.Casebook, source_id: str) -> list[tuple[int, int]]:
    """Where the source's excluded passages are in its raw text, from line start to line end."""
    text = book.texts[source_id]
    found = []
    for span in book.sources[source_id].excluded:
        first = locate(span.start, text)
        assert first is not None
        last = locate(span.end, text[first[0] :]) if span.end is not None else None
        end = first[0] + last[1] if last is not None else text.find("\n", first[1])
        found.append((text.rfind("\n", 0, first[0]) + 1, end if end >= 0 else len(text)))
    return found


def test_no_quote_is_anchored_in_an_excluded_passage(book: casebook.Casebook) -> None:
    """A quote is selected where it was verified, outside the passages that are not evidence."""
    checked = 0
    items = _items(web_annotations.annotations(book))
    for item, (_, _, evidence) in zip(items, _expected(book), strict=True):
        source = book.sources[evidence.source]
        if evidence.source not in book.texts or not source.excluded:
            continue
        excluded = _excluded(book, evidence.source)
        places = _places(book.texts[evidence.source], item["target"]["selector"])
        assert any(
            all(end <= first or last <= start for first, last in excluded) for start, end in places
        )
        checked += 1
    assert checked > 0


def test_with_a_site_each_annotation_points_at_its_claim(book: casebook.Casebook) -> None:
    """With the site's address, ids and links open the page that shows the claim, at it."""
    site = pages(book)
    items = _items(web_annotations.annotations(book, site_url=SITE))
    assert len(items) == len({item["id"] for item in items})
    for item, (claim, number, _) in zip(items, _expected(book), strict=True):
        [link] = _purposes(item, "linking")
        assert link.endswith(f"#{claim.id}")
        assert link.removesuffix(f"#{claim.id}") + f"?evidence={number}#{claim.id}" == item["id"]
        path = link.removeprefix(SITE).removesuffix(f"#{claim.id}")
        page = site[path.rstrip("/") + ".md"]
        assert f'id="{claim.id}"' in page


def test_the_file_written_is_the_collection_as_json(
    book: casebook.Casebook, tmp_path: Path
) -> None:
    """`annotations.jsonld` is UTF-8 JSON that reads back to the collection, inert."""
    [path] = web_annotations.write(book, tmp_path)
    assert tmp_path / "annotations.jsonld" == path
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert web_annotations.annotations(book) == json.loads(text)
    assert _CONTROLS.search(text) is None


def _generated_book(root: Path, text: str, quotes: list[str]) -> casebook.Casebook:
    """The minibook with `text` before its own, a claim quoting each of `quotes`."""
    data = minibook.case()
    data["claims"] += [
        {
            "id": f"generated-{index}",
            "text": f"Generated claim {index}.",
            "status": "fact",
            "evidence": [{"source": "article", "quote": quote}],
        }
        for index, quote in enumerate(quotes)
    ]
    return casebook.load(minibook.write(root, case_data=data, text=text))


@settings(max_examples=25, deadline=None)
@given(worded_texts(), st.data())
def test_generated_quotes_are_anchored_where_the_source_writes_them(
    body: str, data: st.DataObject
) -> None:
    """In any text, a quote the loader accepts is selected as written, never in what is excluded.

    The excluded passage that opens the text repeats its words, so that a quote is often there
    first: it must be selected where it was verified, in the rest of the text.
    """
    excluded = "READ MORE: " + " ".join(normalise(body).split(" ")[:6]) + "\n"
    text = excluded + body + "\n" + minibook.SOURCE_TEXT
    segments = [s for s in re.split(" {2,}", _flat(body)) if s.strip()]
    quotes = []
    for _ in range(data.draw(st.integers(1, 3))):
        quote = _substring(data, data.draw(st.sampled_from(segments))).strip()
        if data.draw(st.booleans()):
            quote = quote.replace(" ", "\n").replace("'", "\u2019")
        if quote:
            quotes.append(quote)
    assume(quotes)
    with tempfile.TemporaryDirectory() as folder:
        book = _generated_book(Path(folder), text, quotes)
    assert text == book.texts["article"]
    items = _items(web_annotations.annotations(book))
    for item, (_, _, evidence) in zip(items, _expected(book), strict=True):
        selector = item["target"]["selector"]
        assert normalise(evidence.quote) == normalise(selector["exact"])
        assert any(start >= len(excluded) for start, _ in _places(text, selector))


def test_a_quote_is_anchored_outside_the_excluded_passage_it_also_lies_in(tmp_path: Path) -> None:
    """A quote that the excluded line holds first is selected where the loader found it."""
    text = "READ MORE: cobalt for training\nThe minister offered cobalt for training.\n"
    book = _generated_book(tmp_path, text + minibook.SOURCE_TEXT, ["cobalt for training"])
    [item] = [i for i in _items(web_annotations.annotations(book)) if "generated-0" in i["id"]]
    selector = item["target"]["selector"]
    assert "The minister offered " == selector["prefix"][-21:]
    assert "cobalt for training" == selector["exact"]


HOSTILE = "Evil </script><b>bold</b> \x1b[2J and \x9b31m here."


def _hostile_book(root: Path) -> casebook.Casebook:
    """The minibook with a claim, its note and its quote full of markup and controls."""
    data = minibook.case()
    data["claims"][0]["text"] = "Claim " + HOSTILE
    data["claims"][0]["note"] = "Note " + HOSTILE
    data["claims"][0]["accuracy"] = "disputed"
    data["claims"][0]["evidence"].append({"source": "article", "quote": HOSTILE})
    text = minibook.SOURCE_TEXT + HOSTILE + "\n"
    return casebook.load(minibook.write(root, case_data=data, text=text))


def test_markup_and_controls_in_the_data_stay_inert_strings(tmp_path: Path) -> None:
    """Markup and control characters come out escaped in the file, and read back as they were."""
    book = _hostile_book(tmp_path / "book")
    [path] = web_annotations.write(book, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert _CONTROLS.search(text) is None
    assert "</script>" not in text
    assert "<b>" not in text
    strings = minibook.strings(json.loads(text))
    assert HOSTILE in strings
    assert any(s.endswith(f"Note {HOSTILE}") for s in strings)
    assert any(s.endswith(f"Claim {HOSTILE}") for s in strings)
