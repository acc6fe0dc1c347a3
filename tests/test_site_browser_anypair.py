"""The page that compares any two cases, in a real browser: the pair drawn, safely, exactly.

The fixtures (`site`, `page`…) are in `tests/browsing.py`: one build and one browser for the
session.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casebook
from casebook._compare import Component, weighted_similarity
from casebook._evidence_base import evidence_base
from casebook._profile import COMPONENTS
from casebook._render_compare import evidence_base_rows
from casebook.site._anypair import ANYPAIR_DATA
from tests.browsing import SCREENSHOTS, Site, watch

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page, Route

    from tests.browsing import Watch

ANY = "comparisons/any/"
READY = "#cb-anypair[data-ready]"
HOSTILE = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> "><b>bold</b>'
"""Text that would be an image with a handler, a script and bold type if it were markup."""
SHOT_HEIGHT = 2400
HOSTILE_URLS = ("javascript:window.pwned=3", "https://example.org/elsewhere", "//example.org/x")


def _data(site: Site) -> dict[str, Any]:
    """The data the built site serves to the page."""
    parsed: dict[str, Any] = json.loads((site.root / ANYPAIR_DATA).read_text(encoding="utf-8"))
    return parsed


def _dialogs(page: Page) -> list[str]:
    """Record, and dismiss, every dialog the page opens (an `alert` among them)."""
    messages: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        messages.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return messages


def _open(page: Page, site: Site, query: str = "") -> tuple[Watch, list[str]]:
    """Open the any-pair page, watched, dialogs recorded, and wait until it has drawn a pair."""
    record = watch(page)
    dialogs = _dialogs(page)
    page.goto(site.url + ANY + query, wait_until="load")
    page.wait_for_selector(READY, state="attached")
    return record, dialogs


def _quoted(data: dict[str, Any]) -> list[str]:
    """Ids of the cases that quote at least one claim, in the data's order."""
    return [case["id"] for case in data["cases"] if case["evidence"]]


def test_choosing_a_pair_shows_quotes_from_both_cases(page: Page, site: Site) -> None:
    """Choosing two cases draws their quotes verbatim, updates the address, and throws nothing."""
    data = _data(site)
    cases = {case["id"]: case for case in data["cases"]}
    quoted = _quoted(data)
    assert 2 <= len(quoted), "the bundled cases should quote at least two cases' claims"
    first, second = quoted[-1], quoted[0]
    record, dialogs = _open(page, site)
    page.select_option("#cb-anypair-a", first)
    page.select_option("#cb-anypair-b", second)
    for case in (first, second):
        quotes = page.locator(f'#cb-anypair q.cb-quote[data-case="{case}"]')
        assert 1 <= quotes.count(), f"no quote from {case}"
        for quote in quotes.all():
            claim = quote.get_attribute("data-claim")
            expected = [e["quote"] for e in cases[case]["evidence"].values() if e["claim"] == claim]
            assert quote.text_content() in expected, claim
    assert {"a": [first], "b": [second]} == parse_qs(urlsplit(page.url).query)
    page.wait_for_load_state("networkidle")
    assert [] == record.errors, "\n".join(record.errors)
    assert [] == dialogs
    assert site.url + ANYPAIR_DATA in record.urls
    foreign = [url for url in record.urls if urlsplit(url).hostname not in {"127.0.0.1", None}]
    assert [] == foreign, "the page fetched from hosts other than the site:\n" + "\n".join(foreign)


def _every_pair(page: Page, site: Site, book: casebook.Casebook, read: str) -> list[Any]:
    """Choose every pair of cases in turn and run the script `read` on the page drawn for it.

    `read` is the body of a JavaScript function that returns an object; each result also gets
    the pair's ids as `a` and `b`.
    """
    _open(page, site)
    shown: list[Any] = page.evaluate(
        """([ids, read]) => {
          const [a, b] = ["#cb-anypair-a", "#cb-anypair-b"].map(s => document.querySelector(s));
          const reader = new Function(read);
          const out = [];
          for (const [i, x] of ids.entries()) for (const y of ids.slice(i + 1)) {
            a.value = x;
            b.value = y;
            b.dispatchEvent(new Event("change"));
            out.push(Object.assign({a: x, b: y}, reader()));
          }
          return out;
        }""",
        [sorted(book.cases), read],
    )
    return shown


def test_the_similarity_shown_is_that_of_compare_for_every_pair(
    page: Page, site: Site, book: casebook.Casebook
) -> None:
    """For every pair, the similarity and each component are `compare`'s, as printed."""
    shown = _every_pair(
        page,
        site,
        book,
        """
        const strong = document.querySelector("#cb-anypair .cb-anypair-similarity");
        const rows = document.querySelectorAll("#cb-anypair .cb-anypair-components tbody tr");
        return {text: strong.textContent, exact: strong.dataset.similarity,
                rows: Array.from(rows, r => Array.from(r.cells, c => c.textContent)),
                scores: Array.from(rows, r => r.cells[5].dataset.score)};
        """,
    )
    assert len(book.cases) * (len(book.cases) - 1) // 2 == len(shown)
    for drawn in shown:
        expected = casebook.compare(book.cases[drawn["a"]], book.cases[drawn["b"]])
        assert f"{expected.similarity:.2f}" == drawn["text"], drawn
        assert expected.similarity == float(drawn["exact"]), drawn
        rows = [
            [
                c.name,
                f"{c.weight:g}",
                str(c.a),
                str(c.b),
                str(c.shared),
                "—" if c.score is None else f"{c.score:.2f}",
            ]
            for c in expected.components
        ]
        assert rows == drawn["rows"], drawn
        scores = [None if c.score is None else c.score for c in expected.components]
        assert scores == [float(s) if s else None for s in drawn["scores"]], drawn


def test_the_evidence_base_shown_is_the_pair_pages_for_every_pair(
    page: Page, site: Site, book: casebook.Casebook
) -> None:
    """For every pair, the evidence-base table has the rows and figures of the pair pages'."""
    shown = _every_pair(
        page,
        site,
        book,
        """
        const rows = document.querySelectorAll("#cb-anypair .cb-anypair-evidence-base tbody tr");
        return {rows: Array.from(rows, r => Array.from(r.cells, c => c.textContent))};
        """,
    )
    assert len(book.cases) * (len(book.cases) - 1) // 2 == len(shown)
    for drawn in shown:
        bases = (evidence_base(book, drawn["a"]), evidence_base(book, drawn["b"]))
        # The pair pages write an origin's id as Markdown code; the page draws it as code.
        expected = [
            [name, *(v.replace("`", "") for v in values)]
            for name, values in evidence_base_rows(bases)
        ]
        assert expected == drawn["rows"], drawn


_NAMES = st.frozensets(st.sampled_from("abcdefgh"), max_size=6)
_SETS = st.tuples(*(_NAMES for _ in COMPONENTS))
_WEIGHTS = st.tuples(
    *(st.sampled_from([0.0, 0.125, 0.5, 1.0]) | st.floats(0, 1) for _ in COMPONENTS)
).filter(any)
_TIES = st.sampled_from([0.125, 0.375, 0.625, 0.875, 0.005, 0.015, 0.995, 1.0, 0.0])


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pairs=st.lists(st.tuples(_SETS, _SETS, _WEIGHTS), min_size=1, max_size=10),
    numbers=st.lists(_TIES | st.floats(0, 1), min_size=1, max_size=20),
)
def test_the_page_computes_and_rounds_as_python_does(
    page: Page,
    site: Site,
    pairs: list[tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...], tuple[float, ...]]],
    numbers: list[float],
) -> None:
    """The script's similarity equals `compare`'s formula to the bit, and rounds as Python does."""
    if page.url != site.url + ANY:
        page.goto(site.url + ANY, wait_until="load")
    found = page.evaluate(
        """([pairs, numbers]) => ({
          similarity: pairs.map(([a, b, w]) => window.casebookAnyPair.similarity(a, b, w).value),
          fixed: numbers.map(x => window.casebookAnyPair.fixed(x, 2)),
        })""",
        [
            [[[sorted(s) for s in a], [sorted(s) for s in b], list(w)] for a, b, w in pairs],
            numbers,
        ],
    )
    expected = [
        weighted_similarity(
            Component(name, weight, len(x), len(y), len(x & y))
            for name, weight, x, y in zip(COMPONENTS, w, a, b, strict=True)
        )
        for a, b, w in pairs
    ]
    assert expected == found["similarity"]
    assert [f"{x:.2f}" for x in numbers] == found["fixed"]


def test_a_deep_link_chooses_the_pair(page: Page, site: Site) -> None:
    """`?a=…&b=…` chooses the pair; an id no case has is said so, and ignored."""
    ids = [case["id"] for case in _data(site)["cases"]]
    first, second = ids[-1], ids[0]
    _open(page, site, f"?a={second}&b={first}")
    assert second == page.locator("#cb-anypair-a").input_value()
    assert first == page.locator("#cb-anypair-b").input_value()
    assert 0 == page.locator("#cb-anypair .cb-anypair-notice").count()

    unknown = "no-such-case"
    page.goto(site.url + ANY + f"?a={unknown}&b={first}", wait_until="load")
    page.wait_for_selector(READY, state="attached")
    assert first == page.locator("#cb-anypair-b").input_value()
    assert page.locator("#cb-anypair-a").input_value() in set(ids) - {first}
    assert unknown in (page.locator("#cb-anypair .cb-anypair-notice").text_content() or "")


def _hostile(data: dict[str, Any]) -> dict[str, Any]:
    """The data with every text the page shows turned hostile, and addresses off the site."""
    data["policy"] = HOSTILE
    for question in data["questions"]:
        question["question"] = HOSTILE
    for kind in data["presence"]:
        kind["meaning"] = HOSTILE
    for table, names in (("entities", ("name",)), ("codes", ("label", "definition"))):
        for n, entry in enumerate(data[table].values()):
            entry.update(dict.fromkeys(names, HOSTILE), url=HOSTILE_URLS[n % len(HOSTILE_URLS)])
    for n, entry in enumerate(data["sources"].values()):
        entry.update(title=HOSTILE, url=HOSTILE_URLS[n % len(HOSTILE_URLS)])
    for n, case in enumerate(data["cases"]):
        _hostile_case(case, n)
    data["cases"][0]["id"] = HOSTILE
    return data


def _hostile_case(case: dict[str, Any], n: int) -> None:
    """Turn a case's texts hostile, and its addresses off the site."""
    case["title"] = f"{HOSTILE} {n}"
    case["url"] = HOSTILE_URLS[n % len(HOSTILE_URLS)]
    for found in case["evidence"].values():
        found["quote"] = HOSTILE
        found["also"] = [[claim, HOSTILE] for claim, _ in found.get("also", [])]
    for answers in case["answers"]:
        for answer in answers:
            answer["label"] = answer["text"] = HOSTILE
    for m, claim in enumerate(case["claims"].values()):
        claim.update(note=HOSTILE, verdict="confirmed", url=HOSTILE_URLS[m % len(HOSTILE_URLS)])


def test_hostile_data_is_shown_as_text_and_links_nowhere_else(page: Page, site: Site) -> None:
    """Markup in the data adds no element, runs nothing, and no address leaves the site."""
    hostile = json.dumps(_hostile(_data(site)))
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route("**/compare.json", hold)
    record = watch(page)
    dialogs = _dialogs(page)
    page.goto(site.url + ANY, wait_until="domcontentloaded")
    for _ in range(500):
        if held:
            break
        page.wait_for_timeout(10)
    assert 1 == len(held), "the page did not ask for its data"
    count = "tags => tags.map(t => document.querySelectorAll(`#cb-anypair ${t}`).length)"
    before = page.evaluate(count, ["img", "script", "b"])
    held[0].fulfill(status=200, content_type="application/json", body=hostile)
    page.wait_for_selector(READY, state="attached")
    assert before == page.evaluate(count, ["img", "script", "b"]) == [0, 0, 0]
    assert 0 == page.locator("img[src='x'], #cb-anypair-a b, #cb-anypair-a script").count()
    container = page.locator("#cb-anypair")
    text = container.text_content() or ""
    assert HOSTILE in text
    assert 1 <= page.locator("#cb-anypair q.cb-quote").count()
    for quote in page.locator("#cb-anypair q.cb-quote").all():
        assert HOSTILE == quote.text_content()
    assert HOSTILE in (page.locator("#cb-anypair-a option").first.text_content() or "")
    hrefs = container.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert [] == [href for href in hrefs if not href.startswith(site.url)], hrefs
    assert page.evaluate("window.pwned") is None
    page.wait_for_load_state("networkidle")
    assert [] == record.errors, "\n".join(record.errors)
    assert [] == dialogs


def test_screenshot_of_the_any_pair_page(page: Page, site: Site) -> None:
    """A full-page screenshot of a pair drawn by the page, in test-artifacts/screenshots/."""
    ids = _quoted(_data(site))
    if len(ids) < 2:
        pytest.fail("the bundled cases should quote at least two cases' claims")
    _open(page, site, f"?a={ids[0]}&b={ids[1]}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / "any-pair.png"
    target.unlink(missing_ok=True)
    # The menus, the similarity and the first answers: the whole comparison is very long.
    page.set_viewport_size({"width": 1280, "height": SHOT_HEIGHT})
    page.screenshot(path=target)
    assert 10_000 < target.stat().st_size, f"{target} is only {target.stat().st_size} bytes"
