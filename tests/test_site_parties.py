"""Party pages, and claim chips that show the claim they cite.

A party has a page when it takes part in a deal or a claim is attributed to it; the page says
what it does in each case and lists what it says and what is said of it. Wherever a claim is
cited by its id, the chip's tooltip is the claim's text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from casebook._markdown import escape
from casebook._presence import DEFAULT_POLICY
from casebook.models import Accuracy
from casebook.site import cite_claims, pages
from casebook.site._context import Site, case_parties
from casebook.site._links import case_page, party_page
from tests.sitecheck import markdown_extensions

if TYPE_CHECKING:
    from collections.abc import Mapping

    import casebook
    from casebook.models import Case

ROOT = Path(__file__).resolve().parents[1]
CHIP = re.compile(r'\[`([a-z0-9]+(?:-[a-z0-9]+)*)`\]\(([^ )]+)(?: "([^"]*)")?\)')
"""A claim chip in the Markdown of a page: id, target and (optional) title."""
MUST_HAVE_PAGES = ("asim-munir", "rwanda", "m23")
"""Parties of the bundled cases that take part in a deal or speak in a claim."""


def _render(page: str) -> str:
    """A page's body as HTML, converted with the extensions and settings of mkdocs.yml."""
    names, configs = markdown_extensions()
    body, _meta = get_data(page)
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body)


class _Chips(HTMLParser):
    """The links of a rendered page whose text is a single code span: (text, title)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chips: list[tuple[str, str | None]] = []
        self._link: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link, self._text, self._tags = dict(attrs), [], []
        elif self._link is not None:
            self._tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            if self._tags == ["code"]:
                self.chips.append(("".join(self._text), self._link.get("title")))
            self._link = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def _flat(text: str) -> str:
    """Text as the site shows it: whitespace runs as one space, control characters as U+FFFD."""
    controls = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
    return " ".join(text.split()).translate(controls)


def _deal_parties(case: Case) -> set[str]:
    """The parties with a part in a case's deal, read from the case."""
    parties = {case.host, *(member.party for member in case.deal.parties)}
    for offer in case.deal.offers:
        parties.update((offer.from_party, offer.to_party))
    parties.update(trade_off.party for trade_off in case.trade_offs)
    return parties


def _actors(book: casebook.Casebook) -> set[str]:
    """Registered parties with a part in a deal, or with a claim attributed to them."""
    actors = {party for case in book.cases.values() for party in _deal_parties(case)}
    actors.update(party for _holder, claim in book.claims() for party in claim.attributed_to)
    return actors & set(book.parties)


def _section(page: str, start: str, ends: tuple[str, ...] = ("\n## ", "\n### ")) -> str:
    """The part of a page from the line `start` to the next heading of a level in `ends`."""
    begin = page.index(start)
    rest = page[begin + len(start) :]
    cut = min((rest.index(end) for end in ends if end in rest), default=len(rest))
    return page[begin : begin + len(start) + cut]


@pytest.fixture(scope="module")
def site_pages(book: casebook.Casebook) -> dict[str, str]:
    """The pages generated from the bundled cases."""
    return pages(book)


@pytest.fixture(scope="module")
def casebook_site(book: casebook.Casebook) -> Site:
    """The look-ups of the site generated from the bundled cases."""
    return Site.of(book, DEFAULT_POLICY)


@pytest.fixture(scope="module")
def paged(book: casebook.Casebook, site_pages: Mapping[str, str]) -> set[str]:
    """The parties that have a page."""
    return {party for party in book.parties if party_page(party) in site_pages}


def test_every_party_with_a_part_in_a_deal_or_a_claim_has_a_page(
    book: casebook.Casebook, site_pages: Mapping[str, str], paged: set[str]
) -> None:
    """Hosts, deal parties, offer givers and receivers, trade-off parties and speakers: a page.

    Each page is linked from the parties' overview page.
    """
    actors = _actors(book)
    assert actors
    assert actors <= paged, sorted(actors - paged)
    listed = set(re.findall(r"\]\(([^)#]+)\.md\)", site_pages["parties/index.md"]))
    assert paged <= listed


def test_any_other_party_has_a_page_only_when_several_cases_name_it(
    book: casebook.Casebook, paged: set[str]
) -> None:
    """A party with no part in a deal and no claim of its own has a page if it recurs."""
    naming = Counter(p for case in book.cases.values() for p in case_parties(case, book.parties))
    others = set(book.parties) - _actors(book)
    assert paged & others == {party for party in others if naming[party] > 1}


def test_munir_rwanda_and_m23_have_pages(book: casebook.Casebook, paged: set[str]) -> None:
    """The army chief, the state and the armed group of the bundled cases each have a page."""
    for party in MUST_HAVE_PAGES:
        assert party in book.parties, party
        assert party in _actors(book), party
        assert party in paged, party


def _assert_part(section: str, party_id: str, case: Case) -> None:
    """The section of a party page on one case shows the party's every part in its deal."""
    assert ("**Host:**" in section) == (case.host == party_id)
    for member in case.deal.parties:
        if member.party == party_id:
            assert f"**Role:** {member.role.value} — " in section
            assert all(f"[`{c}`](" in section for c in member.claims)
    for offer in case.deal.offers:
        if party_id in {offer.from_party, offer.to_party}:
            assert escape(offer.text) in section
    for trade_off in case.trade_offs:
        if trade_off.party == party_id:
            for item in (*trade_off.gains, *trade_off.costs, *trade_off.risks):
                assert escape(item.text) in section
    assert ("No part in the deal" in section) == (party_id not in _deal_parties(case))


def test_party_page_shows_who_it_is_and_its_part_in_each_case(
    book: casebook.Casebook, site_pages: Mapping[str, str], paged: set[str]
) -> None:
    """Name, kind and description; every case naming it; its role, offers and trade-offs."""
    for party_id in paged:
        party = book.parties[party_id]
        page = site_pages[party_page(party_id)]
        _body, meta = get_data(page)
        assert " ".join(party.name.split()) == html.unescape(meta["title"])
        assert f"- **Kind:** {party.kind.value}" in page
        if party.description:
            assert escape(party.description) in page
        cases = page[: page.index("\n## Claims attributed to it")]
        for case in book.cases.values():
            named = party_id in case_parties(case, book.parties)
            heading = f"### In [{escape(case.title)}](../{case_page(case.id)})"
            assert (heading in cases) == named, (party_id, case.id)
            if not named:
                continue
            _assert_part(_section(cases, heading), party_id, case)


def test_party_page_lists_the_claims_it_makes_and_the_claims_about_it(
    book: casebook.Casebook, site_pages: Mapping[str, str], paged: set[str]
) -> None:
    """Each claim attributed to the party, and each about it, with its status and verdict."""
    claims = list(book.claims())
    for party_id in paged:
        page = site_pages[party_page(party_id)]
        start = page.index("\n## Claims attributed to it")
        said, about = page[start : page.index("\n## Claims about it")], page[start:]
        about = about[about.index("\n## Claims about it") :]
        for section, listed in (
            (said, {c.id for _holder, c in claims if party_id in c.attributed_to}),
            (about, {c.id for _holder, c in claims if party_id in c.about}),
        ):
            assert f"({len(listed)})" in section.splitlines()[1]
            for _holder, claim in claims:
                lines = [
                    line
                    for line in section.splitlines()
                    if f"<code>{claim.id}</code></a>" in line and line.startswith("<li>")
                ]
                assert bool(lines) == (claim.id in listed), (party_id, claim.id)
                for line in lines:
                    assert f"cb-status-{claim.status.value}" in line
                    judged = claim.accuracy is not Accuracy.NOT_ASSESSED
                    assert (f"cb-verdict-{claim.accuracy.value}" in line) == judged
                    assert escape(claim.text) in line


def test_parties_index_groups_every_party_by_kind(
    book: casebook.Casebook, site_pages: Mapping[str, str], paged: set[str]
) -> None:
    """One section per kind of party, each listing exactly the parties of that kind."""
    index = site_pages["parties/index.md"]
    named = {
        f"[{escape(p.name)}]({p.id}.md)" if p.id in paged else escape(p.name): p.id
        for p in book.parties.values()
    }
    sections: list[list[str]] = []
    for line in index.splitlines():
        if line.startswith("## "):
            sections.append([])
        elif line.startswith("| ") and not line.startswith("| party |") and sections:
            sections[-1].append(named[line.split(" | ")[0].removeprefix("| ")])
    kinds = [{book.parties[p].kind for p in section} for section in sections]
    assert all(len(kind) == 1 for kind in kinds), kinds
    assert len({next(iter(kind)) for kind in kinds}) == len(sections)
    listed = [party for section in sections for party in section]
    assert sorted(listed) == sorted(book.parties)


def _method_pages(book: casebook.Casebook) -> dict[str, str]:
    """The hand-written method pages as the site shows them, their claim ids cited."""
    return {
        f"method/{page.name}": cite_claims(
            book, f"method/{page.name}", page.read_text(encoding="utf-8")
        )
        for page in sorted((ROOT / "docs" / "method").glob("*.md"))
    }


def test_every_claim_chip_has_the_claim_text_as_its_title(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """On every generated and method page, a chip's title is its claim's text, escaped."""
    claims = {claim.id: claim for _holder, claim in book.claims()}
    chips = 0
    for path, text in {**site_pages, **_method_pages(book)}.items():
        for claim_id, _target, title in CHIP.findall(text):
            if claim_id not in claims:
                continue
            chips += 1
            assert title, (path, claim_id)
            assert re.fullmatch(r"(?:[^\W_]| |&#[0-9]+;)*", title), (path, title)
            assert html.unescape(title) == _flat(claims[claim_id].text), (path, claim_id)
    assert chips > len(claims)


def test_rendered_chips_show_the_claim_text_on_hover(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """In the HTML of pages with tables and lists of chips, each chip's title is the text."""
    claims = {claim.id: claim for _holder, claim in book.claims()}
    paths = ["comparisons/patterns.md", "codebook.md", party_page(next(iter(MUST_HAVE_PAGES)))]
    for path in paths:
        parser = _Chips()
        parser.feed(_render(site_pages[path]))
        chips = [(text, title) for text, title in parser.chips if text in claims]
        assert chips, path
        for claim_id, title in chips:
            assert title == _flat(claims[claim_id].text), (path, claim_id)


@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(codec="utf-8"), min_size=1).filter(lambda t: t.strip() != ""))
@example('a | b "c" `d` [e](f) *g* </a><script>')
@example("\x00\x07\x85\x9f<")
def test_a_chip_title_shows_any_claim_text_verbatim(
    book: casebook.Casebook, casebook_site: Site, text: str
) -> None:
    """Whatever a claim's text holds, its chip in a table is one link titled with that text."""
    case = next(iter(book.cases.values()))
    claim = case.claims[0].model_copy(update={"text": text})
    changed = case.model_copy(update={"claims": (claim, *case.claims[1:])})
    grown = attrs.evolve(book, cases={**book.cases, case.id: changed})
    site = attrs.evolve(casebook_site, book=grown)
    row = f"| claim | cited |\n|---|---|\n| x | {site.claim('comparisons/x.md', claim.id)} |\n"
    parser = _Chips()
    rendered = _render("---\ntitle: t\n---\n\n" + row)
    parser.feed(rendered)
    assert [(claim.id, _flat(text))] == parser.chips
    assert rendered.count("<td>") == 2
