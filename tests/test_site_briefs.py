"""The briefs, the timeline and the footer: complete, linked, and safe whatever the data holds."""

from __future__ import annotations

import html
import re
import runpy
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import markdown
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

import casebook
from casebook._markdown import escape
from casebook._presence import Presence
from casebook.models import Accuracy, Event, date_span
from casebook.site import _brief, pages
from casebook.site._brief import (
    FLAGGED,
    LISTED,
    Citation,
    brief_markdown,
    brief_page,
    citation,
    colophon,
    data_date,
)
from casebook.site._claims import flagged
from casebook.site._context import Site
from casebook.site._links import case_page
from casebook.site._timeline import TIMELINE, timeline_markdown
from tests import minibook
from tests.sitecheck import MkdocsLoader, broken_links, markdown_extensions

if TYPE_CHECKING:
    from collections.abc import Mapping

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
HOSTILE = (
    'X</title><script>alert(1)</script> <img src=x onerror="alert(2)"> '
    "[a](javascript:alert(3)) **b** `c` | d 'e' &amp; -->|\"g\"| ``` h !!! note"
)
"""Text that would be HTML, a script, a link or Markdown syntax if it were not escaped."""

ENTRY = re.compile(r'<div class="cb-tl-entry" data-case="([^"]+)" data-kind="(\w+)"[^>]*')
DATE = re.compile(r'data-date="([^"]+)"')


@pytest.fixture(scope="module")
def site_pages(book: casebook.Casebook) -> dict[str, str]:
    """The pages generated from the bundled cases."""
    return pages(book)


def _section(page: str, title: str) -> str:
    """The text of a page's `## title (n)` section, up to the next heading."""
    start = page.index(f"## {title} (")
    end = page.find("\n## ", start + 1)
    return page[start : end if end != -1 else None]


def _cited(section: str) -> list[str]:
    """The ids of the claims a part of a brief links, in order."""
    return re.findall(r"\]\(\.\./cases/[^#)\s]+#([^)\s]+)", section)


def test_every_case_has_a_brief_linked_from_its_case_page(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Each case has a brief; its case page links it, and the brief links the case page back."""
    for case_id in book.cases:
        assert brief_page(case_id) in site_pages
        overview = site_pages[case_page(case_id)].split("## ", 1)[0]
        assert f"](../briefs/{case_id}.md)" in overview
        assert f"](../cases/{case_id}.md)" in site_pages[brief_page(case_id)]
        assert f"]({case_id}.md)" in site_pages["briefs/SUMMARY.md"]
        assert f"]({case_id}.md)" in site_pages["briefs/index.md"]


def test_brief_and_timeline_links_resolve(site_pages: Mapping[str, str]) -> None:
    """Every link of the briefs and the timeline leads to a page and anchor that exist."""
    broken, _ = broken_links(site_pages, DOCS)
    ours = [(p, t) for p, t in broken if p.startswith("briefs/") or p == TIMELINE]
    assert [] == ours
    mine = {p: t for p, t in site_pages.items() if p.startswith("briefs/") or p == TIMELINE}
    assert broken_links(mine, DOCS)[1] > len(mine)


def test_brief_lists_each_kind_of_claim_and_counts_the_rest(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Each list shows claims of its kind only, the most-coded, and says how many are left out."""
    policy = casebook.PresencePolicy()
    sections = {
        Presence.OBSERVED: "What is established",
        Presence.ASSESSED: "What analysts assess",
        Presence.ALLEGED: "What is alleged",
        Presence.PREDICTED: "What is forecast",
    }
    for case in book.cases.values():
        page = site_pages[brief_page(case.id)]
        for kind, title in sections.items():
            claims = [c for c in case.claims if policy.counts(case, c) is kind]
            section = _section(page, title)
            assert section.startswith(f"## {title} ({len(claims)})")
            shown = _cited(section)
            assert len(shown) == min(LISTED, len(claims))
            assert {c.id for c in claims} >= set(shown)
            fewest = min((len(book.claim(s).codes) for s in shown), default=0)
            assert all(len(c.codes) <= fewest for c in claims if c.id not in shown)
            hidden = len(claims) - len(shown)
            assert (f"and {hidden} more on the" in section) == (hidden > 0)
        judged = [c for c in case.claims if flagged(c)]
        section = _section(page, "What the editors flagged")
        assert [c.id for c in judged[:FLAGGED]] == _cited(section)
        for claim in judged[:FLAGGED]:
            assert claim.accuracy.value in section
            assert escape(claim.note or "") in section
        assert "*None in this case.*" in section or judged


def test_only_unflagged_claims_are_established(book: casebook.Casebook) -> None:
    """A claim the editors flagged leaves the established list for the flagged one."""
    case = next(iter(book.cases.values()))
    top = max(case.claims, key=lambda c: len(c.codes))
    doubted = top.model_copy(update={"accuracy": Accuracy.DISPUTED, "note": "Sources disagree."})
    claims = tuple(doubted if c.id == top.id else c for c in case.claims)
    changed = case.model_copy(update={"claims": claims})
    poisoned = attrs.evolve(book, cases={**book.cases, case.id: changed})
    page = brief_markdown(Site.of(poisoned, casebook.PresencePolicy()), changed)
    assert top.id not in _cited(_section(page, "What is established"))
    assert top.id in _cited(_section(page, "What the editors flagged"))
    assert "Sources disagree." in _section(page, "What the editors flagged")


def test_brief_cites_the_version_the_data_date_and_its_address(book: casebook.Casebook) -> None:
    """How to cite: CITATION.cff's title and authors, casebook's version, `as_of`, the URL."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    site = Site.of(book, casebook.PresencePolicy())
    for case in book.cases.values():
        page = brief_markdown(site, case, site_url="https://example.org/book/")
        cite = page[page.index("## How to cite") :]
        assert casebook.__version__ in cite
        assert f"data current to {case.as_of}" in cite
        assert f'href="https://example.org/book/briefs/{case.id}/"' in cite
        assert cff["title"] in html.unescape(cite)
        for author in cff["authors"]:
            assert author["name"] in cite
        assert "https://" not in brief_markdown(site, case).split("## How to cite")[1]


def test_the_citation_ships_where_casebook_finds_its_data() -> None:
    """The wheel puts CITATION.cff beside the bundled cases, where `citation()` reads it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    cases = Path(shipped["cases"])
    assert cases.parent / "CITATION.cff" == Path(shipped["CITATION.cff"])
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == citation().title


@pytest.mark.parametrize(
    ("cff", "expected"),
    [
        (None, Citation(title="casebook")),
        ("title: [unclosed\n", Citation(title="casebook")),
        (
            (
                "title: A book\nmessage: Cite it.\nauthors:\n"
                "  - given-names: Ada\n    family-names: Lovelace\n  - name: A group\n"
            ),
            Citation(title="A book", authors=("Ada Lovelace", "A group"), message="Cite it."),
        ),
    ],
    ids=["missing", "not-yaml", "people-and-groups"],
)
def test_citation_reads_whatever_citation_file_ships(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cff: str | None, expected: Citation
) -> None:
    """People and groups are named as CFF gives them; without a readable file, `casebook`."""
    (tmp_path / "cases").mkdir()
    if cff is not None:
        (tmp_path / "CITATION.cff").write_text(cff, encoding="utf-8")
    monkeypatch.setattr(_brief, "bundled_cases", lambda: tmp_path / "cases")
    citation.cache_clear()
    try:
        assert expected == citation()
    finally:
        citation.cache_clear()


def test_timeline_has_every_dated_event_in_date_order(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Every dated event, status change and precedent claim is an entry, oldest first."""
    page = site_pages[TIMELINE]
    entries = ENTRY.findall(page)
    for case in book.cases.values():
        dated = len(case.events) + sum(1 for s in case.deal.status if s.date is not None)
        assert dated == entries.count((case.id, "case")), case.id
        for event in case.events:
            assert escape(event.text) in page
    for precedent in book.precedents.values():
        dated = sum(1 for claim in precedent.claims if claim.date is not None)
        assert dated == entries.count((precedent.id, "precedent")), precedent.id
    starts = [date_span(date) for date in DATE.findall(page)]
    assert len(entries) == len(starts)
    assert sorted(starts) == starts


def test_footer_names_the_version_and_the_latest_data_date(book: casebook.Casebook) -> None:
    """The footer line has casebook's version and the latest `as_of` of the cases."""
    latest = data_date(book)
    assert latest is not None
    assert all(date_span(case.as_of)[1] <= date_span(latest)[1] for case in book.cases.values())
    footer = html.unescape(colophon(book))
    assert casebook.__version__ in footer
    assert latest in footer


def test_the_prebuilt_config_carries_the_footer(book: casebook.Casebook) -> None:
    """The config written for Zensical has the footer line, whatever copyright it had."""
    prebuild: dict[str, Any] = runpy.run_path(str(DOCS / "prebuild.py"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for source in (config, "copyright: Some rights\n" + config):
        written = prebuild["with_footer"](source, book)
        data = yaml.load(written, Loader=MkdocsLoader)  # noqa: S506 - a SafeLoader plus python/name
        assert colophon(book) in data["copyright"]
        assert ("Some rights" in data["copyright"]) == source.startswith("copyright:")


# Hostile data --------------------------------------------------------------------------------


class _Rendered(HTMLParser):
    """A rendered page's tags (with their attribute names), link targets and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}" for name, _ in sorted(attrs)))
        self.hrefs.extend(value or "" for name, value in attrs if name in {"href", "src"})

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(page: str) -> _Rendered:
    body, _ = get_data(page)
    names, options = markdown_extensions()
    rendered = _Rendered()
    rendered.feed(markdown.Markdown(extensions=names, extension_configs=options).convert(body))
    return rendered


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> casebook.Casebook:
    """The small casebook of `tests/minibook.py`."""
    return casebook.load(minibook.write(tmp_path_factory.mktemp("mini")))


def _poisoned(book: casebook.Casebook, text: str) -> casebook.Casebook:
    """The small casebook with `text` in its title, summaries, event, claims, note and party."""
    case = book.cases["mini"]
    first, *rest = case.claims
    claim = first.model_copy(update={"text": text, "accuracy": Accuracy.DISPUTED, "note": text})
    event = Event(date="2025-01", text=text, claims=(first.id,))
    deal = case.deal.model_copy(update={"summary": text})
    changed = case.model_copy(
        update={
            "title": text,
            "summary": text,
            "claims": (claim, *rest),
            "deal": deal,
            "events": (event,),
        }
    )
    party = book.parties["host-state"].model_copy(update={"name": text})
    return attrs.evolve(
        book, cases={"mini": changed}, parties={**book.parties, "host-state": party}
    )


def _brief_and_timeline(book: casebook.Casebook) -> tuple[str, str]:
    site = Site.of(book, casebook.PresencePolicy())
    return brief_markdown(site, book.cases["mini"]), timeline_markdown(site)


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() != ""))
@example(HOSTILE)
@example("- [x](javascript:alert(1))\n\n<div>\n")
@example('a | b "c" `d` </div>')
def test_data_text_stays_text_on_the_brief_and_the_timeline(
    mini: casebook.Casebook, text: str
) -> None:
    """Whatever an event, claim or title holds, the brief and timeline add no markup and show it."""
    plain = [_render(page).tags for page in _brief_and_timeline(_poisoned(mini, "plain words"))]
    flat = " ".join(text.split()).translate(
        dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
    )
    for tags, page in zip(plain, _brief_and_timeline(_poisoned(mini, text)), strict=True):
        rendered = _render(page)
        assert tags == rendered.tags
        assert not any(h.strip().lower().startswith("javascript:") for h in rendered.hrefs)
        assert flat in "".join(rendered.text)


def test_hostile_event_text_is_escaped_in_the_timeline(mini: casebook.Casebook) -> None:
    """An event's `<script>` and Markdown reach the timeline as character references."""
    _, timeline = _brief_and_timeline(_poisoned(mini, HOSTILE))
    assert "<script>" not in timeline
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "**b**" not in timeline
    rendered = _render(timeline)
    assert not any(tag.startswith(("script", "img")) for tag in rendered.tags)
