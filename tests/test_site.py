"""The site's generated pages: complete, linked, faithful to the data, safe whatever it holds."""

from __future__ import annotations

import html
import os
import posixpath
import re
import runpy
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

import casebook
from casebook.cli import main
from casebook.models import Accuracy, Case
from casebook.qca import analyse
from casebook.site import cite_claims, downloads, fill_page, pages, write_pages
from casebook.site._comparisons import NEAREST, any_pair_markdown, choose_pairs
from casebook.site._context import Site
from casebook.site._links import ANY_PAIR, case_page, link, pair_page, source_page
from casebook.site._mermaid import label
from casebook.site._pages import NAV_LIMIT
from casebook.site._qca import EXAMPLE, choose
from tests import minibook
from tests.sitecheck import broken_links, site_markdown

if TYPE_CHECKING:
    from collections.abc import Mapping

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DRC = "drc-us-minerals-for-security"
PAKISTAN = "pakistan-us-minerals"

HOSTILE = (
    'X</title><script>alert(1)</script> <img src=x onerror="alert(2)"> '
    "[a](javascript:alert(3)) **b** `c` | d 'e' &amp; -->|\"g\"| p9 ``` h !!! note"
)
"""Text that would be HTML, a script, a link, Markdown or Mermaid syntax if it were not escaped."""


class _Structure(HTMLParser):
    """The tags and attribute names of a document, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag + "".join(f" {name}" for name, _ in sorted(attrs)))
        self.hrefs.extend(v or "" for n, v in attrs if n in {"href", "src"})

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _structure(page: str) -> _Structure:
    """Render a page as MkDocs does, front matter apart, and parse the HTML."""
    body, meta = get_data(page)
    assert "title" in meta, "the front matter must parse, or MkDocs would render it as text"
    parser = _Structure()
    parser.feed(site_markdown().convert(body))
    return parser


def _flat(text: str) -> str:
    """Text as the site shows it: whitespace runs as one space, control characters as U+FFFD."""
    controls = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], "\ufffd")
    return " ".join(text.split()).translate(controls)


@pytest.fixture(scope="module")
def site_pages(book: casebook.Casebook) -> dict[str, str]:
    """The pages generated from the bundled cases."""
    return pages(book)


def test_every_case_source_precedent_and_pair_has_a_page(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Adding data adds its pages: one per case, source, precedent and pair of cases."""
    expected = {case_page(c) for c in book.cases}
    expected |= {source_page(s) for s in book.sources}
    expected |= {f"precedents/{p}.md" for p in book.precedents}
    expected.add(pair_page(DRC, PAKISTAN))
    expected |= {"codebook.md", "comparisons/patterns.md", "method/qca-worked-example.md"}
    assert expected <= set(site_pages)
    assert pair_page(DRC, PAKISTAN) == pair_page(PAKISTAN, DRC)


def test_navigation_lists_a_section_s_pages_up_to_the_limit_and_its_overview_links_all(
    site_pages: Mapping[str, str],
) -> None:
    """Each folder's SUMMARY.md lists its pages while they are at most NAV_LIMIT, else none.

    Either way no page is lost: the folder's overview page links every page of the folder.
    """
    fixed = {"comparisons/patterns.md", "comparisons/any.md"}
    for folder in ("cases", "briefs", "comparisons", "sources", "precedents", "parties"):
        summary = site_pages[f"{folder}/SUMMARY.md"]
        listed = {f"{folder}/{target}" for target in re.findall(r"\]\(([^)]+)\)", summary)}
        generated = {
            p
            for p in site_pages
            if p.startswith(f"{folder}/") and "SUMMARY" not in p and p != f"{folder}/index.md"
        }
        pages_of_folder = generated - fixed
        if len(pages_of_folder) <= NAV_LIMIT:
            assert generated | {f"{folder}/index.md"} == listed, folder
        else:
            assert {f"{folder}/index.md"} | (generated & fixed) == listed, folder
        overview = site_pages[f"{folder}/index.md"]
        linked = {
            posixpath.normpath(posixpath.join(folder, target))
            for target in re.findall(r"\]\(([^)#\s]+)", overview)
        }
        assert pages_of_folder <= linked, (folder, sorted(pages_of_folder - linked)[:5])


def test_the_bundled_sources_and_parties_are_listed_on_their_overviews_not_in_the_nav(
    site_pages: Mapping[str, str],
) -> None:
    """More sources and parties than NAV_LIMIT: their sections show the overview page alone."""
    for folder in ("sources", "parties"):
        count = sum(1 for p in site_pages if p.startswith(f"{folder}/") and "index" not in p)
        assert count - 1 > NAV_LIMIT
        assert site_pages[f"{folder}/SUMMARY.md"] == "* [Overview](index.md)\n"


def test_many_pairs_are_listed_on_the_comparisons_page_not_in_the_nav(
    book: casebook.Casebook,
) -> None:
    """Beyond NAV_LIMIT pairs, pair pages leave the navigation but stay linked from the index."""
    many = {
        f"case-{n:02d}": book.cases[DRC].model_copy(update={"id": f"case-{n:02d}"})
        for n in range(11)
    }
    generated = pages(attrs.evolve(book, cases=many), nearest=10)
    pairs = [p for p in generated if p.startswith("comparisons/case-")]
    assert 55 == len(pairs)
    assert NAV_LIMIT < len(pairs)
    assert "case-" not in generated["comparisons/SUMMARY.md"]
    for pair in pairs:
        assert f"]({pair.removeprefix('comparisons/')})" in generated["comparisons/index.md"]
        assert {"exclude": True} == get_data(generated[pair])[1].get("search"), pair
    assert "search" not in get_data(generated["comparisons/index.md"])[1]


def test_few_pair_pages_are_searched(site_pages: Mapping[str, str]) -> None:
    """While pair pages are in the navigation, the search indexes them like any other page."""
    assert "search" not in get_data(site_pages[pair_page(DRC, PAKISTAN)])[1]


def _cited_in(row: str) -> list[tuple[str, str]]:
    """(case, claim) of every quote in a table row of a generated page."""
    return re.findall(r'<q class="cb-quote" data-case="([^"]+)" data-claim="([^"]+)">', row)


def test_pair_page_quotes_each_case_on_every_code_it_compares(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Each shared or differing code has a row that quotes each case's strongest claim for it.

    The row shows the quote's text, links every claim that does not count (denials, claims set
    aside, later developments), and counts the other counted claims, linking the codebook
    entry that lists them.
    """
    comparison = casebook.compare(book.cases[DRC], book.cases[PAKISTAN])
    page = site_pages[pair_page(DRC, PAKISTAN)]
    rows = {
        code: line
        for line in page.splitlines()
        if line.startswith("<tr><td><a href=")
        for code in re.findall(r'^<tr><td><a href="\.\./\.\./codebook/#([^"]+)"', line)
    }
    findings = [
        *((item.code, (item.a, item.b)) for item in comparison.shared),
        *((f.code, (f.evidence,)) for f in (*comparison.only_a, *comparison.only_b)),
    ]
    assert comparison.shared
    assert comparison.only_a
    assert comparison.only_b
    for code, evidences in findings:
        row = rows[code]
        assert [(e.case, e.claims[0].claim) for e in evidences] == _cited_in(row), code
        for evidence in evidences:
            quoted = book.claim(evidence.claims[0].claim).evidence[0].quote
            assert f">{casebook_escape(quoted)}</q>" in row
            for claim_id in [*evidence.uncounted, *evidence.set_aside, *evidence.later]:
                assert f'href="../../cases/{evidence.case}/#{claim_id}"' in row
            more = len(evidence.claims) - 1
            if more:
                assert f'<a href="../../codebook/#{code}">{more} more</a> counted: ' in row
    assert len(findings) == len(rows)


def test_every_internal_link_and_anchor_resolves(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """No generated page links to a page, download, claim or code anchor that does not exist."""
    broken, checked = broken_links(site_pages, DOCS, downloads(book))
    assert [] == broken
    assert checked > 1000


def test_case_page_shows_every_claim_with_status_quote_and_source(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Every claim of a case is on its page with its status badge, its quotes and their sources."""
    for case in book.cases.values():
        page = site_pages[case_page(case.id)]
        for claim in case.claims:
            start = page.index(f'id="{claim.id}"')
            block = page[start : page.index("\n</div>\n", start)]
            assert casebook_escape(claim.text) in block
            assert f"cb-status-{claim.status.value}" in block
            for evidence in claim.evidence:
                assert casebook_escape(evidence.quote) in block
                assert f"(../sources/{evidence.source}.md)" in block


def casebook_escape(text: str) -> str:
    """The escaping the site applies to data text."""
    from casebook._markdown import escape  # noqa: PLC0415

    return escape(text)


def test_flagged_claims_show_their_note_before_the_deal(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """A claim the editors flagged has its note at the top of the case page, before the deal."""
    flagged = [
        (case, claim)
        for case in book.cases.values()
        for claim in case.claims
        if claim.accuracy in {Accuracy.INACCURATE, Accuracy.DATED, Accuracy.DISPUTED}
    ]
    assert any(claim.id == "pk-doha-agreement-credited-to-biden" for _, claim in flagged)
    for case, claim in flagged:
        page = site_pages[case_page(case.id)]
        top = page[: page.index("## The deal")]
        assert "!!! danger" in top
        assert casebook_escape(claim.note or "") in top
        assert f"#{claim.id} " in top


def test_deal_diagram_has_an_arrow_per_offer(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """The Mermaid diagram draws one arrow per offer of the deal, between party nodes."""
    for case in book.cases.values():
        page = site_pages[case_page(case.id)]
        diagram = page[page.index("```mermaid") : page.index("```", page.index("```mermaid") + 3)]
        assert len(case.deal.offers) == len(re.findall(r"p\d+ -->\|\"[^\"]*\"\| p\d+", diagram))


@given(st.text(min_size=1))
@example('A -->|"x"| B\n```\n<script>alert(1)</script>')
def test_mermaid_labels_hold_no_syntax_and_decode_to_the_text(text: str) -> None:
    """A Mermaid label is letters, digits, spaces and entity codes, and decodes to the text."""
    written = label(text)
    assert re.fullmatch(r"[A-Za-z0-9 #;]*", written)
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), written)
    assert " ".join(text.split()) == decoded


def _poisoned(book: casebook.Casebook, text: str) -> casebook.Casebook:
    """The casebook with `text` in titles, names, summaries, claims, quotes, notes and codes."""
    drc = book.cases[DRC]
    first, *rest = drc.claims
    claim = first.model_copy(
        update={
            "text": text,
            "evidence": (first.evidence[0].model_copy(update={"quote": text}),),
            "accuracy": Accuracy.DISPUTED,
            "note": text,
        }
    )
    offer = drc.deal.offers[0].model_copy(update={"text": text})
    deal = drc.deal.model_copy(update={"summary": text, "offers": (offer, *drc.deal.offers[1:])})
    case = drc.model_copy(
        update={"title": text, "summary": text, "claims": (claim, *rest), "deal": deal}
    )
    code_id = next(iter(first.codes), next(iter(book.codebook)))
    code = book.codebook[code_id].model_copy(update={"label": text, "definition": text})
    source = book.sources[first.evidence[0].source].model_copy(update={"title": text})
    party = book.parties["united-states"].model_copy(update={"name": text})
    # The two founding cases only: the pages most exposed to data text are theirs, and every
    # further case would only multiply the pages rendered for each example.
    return attrs.evolve(
        book,
        cases={DRC: case, PAKISTAN: book.cases[PAKISTAN]},
        codebook={**book.codebook, code_id: code},
        sources={**book.sources, source.id: source},
        parties={**book.parties, party.id: party},
    )


@pytest.fixture(scope="module")
def plain_structures(book: casebook.Casebook) -> dict[str, list[str]]:
    """The tags of the pages most exposed to data text, with harmless text in the data."""
    generated = pages(_poisoned(book, "plain words"))
    return {path: _structure(generated[path]).tags for path in _EXPOSED}


_EXPOSED = (case_page(DRC), pair_page(DRC, PAKISTAN), "comparisons/patterns.md", "codebook.md")


@settings(max_examples=15, deadline=None)
@given(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=60).filter(lambda t: t.strip() != "")
)
@example(HOSTILE)
@example("- [x](javascript:alert(1))\n\n<div>\n")
@example("\x00\x07\ufeff<")
@example('a | b "c" `d`')
def test_data_text_renders_as_text_and_adds_no_markup(
    book: casebook.Casebook, plain_structures: Mapping[str, list[str]], text: str
) -> None:
    """Whatever a case file holds, pages have the same tags as with plain words, and show it."""
    generated = pages(_poisoned(book, text))
    for path in _EXPOSED:
        rendered = _structure(generated[path])
        assert plain_structures[path] == rendered.tags, path
        assert not any(h.strip().lower().startswith("javascript:") for h in rendered.hrefs)
    shown = "".join(_structure(generated[case_page(DRC)]).text)
    assert _flat(text) in shown
    _, meta = get_data(generated[case_page(DRC)])
    assert " ".join(text.split()) == html.unescape(meta["title"])


def test_site_pages_command_writes_every_page(
    site_pages: Mapping[str, str], tmp_path: Path
) -> None:
    """`casebook site-pages DIR` writes exactly the pages `pages` generates."""
    assert 0 == main(["site-pages", str(tmp_path / "docs")])
    written = {
        p.relative_to(tmp_path / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in (tmp_path / "docs").rglob("*.md")
    }
    assert dict(site_pages) == written


def test_site_pages_command_refuses_a_file_as_folder(tmp_path: Path) -> None:
    """Writing pages into a path that is a file is a usage error, not a traceback."""
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    assert 2 == main(["site-pages", str(target)])


def test_write_pages_returns_the_paths_it_wrote(book: casebook.Casebook, tmp_path: Path) -> None:
    """`write_pages` writes every page and download, byte for byte, and returns their paths."""
    written = write_pages(book, tmp_path / "out")
    expected = {**{k: v.encode() for k, v in pages(book).items()}, **downloads(book)}
    assert {path.relative_to(tmp_path / "out").as_posix() for path in written} == set(expected)
    for path in written:
        assert expected[path.relative_to(tmp_path / "out").as_posix()] == path.read_bytes()


def test_qca_example_is_the_analysis_of_the_cases(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """The worked QCA example shows the truth table and solutions `qca.analyse` computes."""
    conditions, outcome = EXAMPLE
    analysis = analyse(book, conditions, outcome)
    page = site_pages["method/qca-worked-example.md"]
    for row in analysis.table.rows:
        values = " | ".join("1" if v else "0" for v in row.configuration)
        assert f"| {values} | {'1' if row.outcome else '0'} |" in page
    assert f"{analysis.table.remainder_count} of the" in page
    for term in analysis.complex.solution.terms:
        rendered = " AND ".join(("" if v else "NOT ") + f"`{c}`" for c, v in term.items())
        assert rendered in page


def test_qca_example_falls_back_to_the_codes_that_vary(
    book: casebook.Casebook, tmp_path: Path
) -> None:
    """Without the bundled example's codes, the example asks about codes some cases lack."""
    conditions, outcome = EXAMPLE
    without = attrs.evolve(book, codebook={k: v for k, v in book.codebook.items() if k != outcome})
    site = Site.of(without, casebook.PresencePolicy())
    chosen = choose(site)
    assert chosen is not None
    fallback_conditions, fallback_outcome = chosen
    assert 3 == len(fallback_conditions)
    for code in (*fallback_conditions, fallback_outcome):
        observed = [
            found
            for found in site.evidence.values()
            if code in found and found[code].presence is casebook.Presence.OBSERVED
        ]
        assert 0 < len(observed) < len(site.evidence), code  # it varies across the cases
    assert "## The truth table" in pages(without)["method/qca-worked-example.md"]
    single = casebook.load(minibook.write(tmp_path))
    assert choose(Site.of(single, casebook.PresencePolicy())) is None
    assert conditions != fallback_conditions


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built by MkDocs from a casebook whose texts are all hostile."""
    root = tmp_path_factory.mktemp("hostile")
    registry = minibook.registry()
    case = minibook.case()
    registry["parties"][0]["name"] = HOSTILE
    registry["sources"][0]["title"] = HOSTILE
    registry["codes"][0]["label"] = HOSTILE
    registry["codes"][0]["definition"] = HOSTILE
    case["title"] = case["summary"] = case["claims"][0]["text"] = HOSTILE
    case["claims"][1]["evidence"][0]["quote"] = HOSTILE
    case["deal"]["offers"][0]["text"] = HOSTILE
    cases = minibook.write(
        root, registry_data=registry, case_data=case, text=minibook.SOURCE_TEXT + HOSTILE + "\n"
    )
    # The site's theme, extensions and plugins, with only the generated pages: the hand-written
    # pages link to the bundled cases, which this casebook does not have.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + config[config.index("\nmarkdown_extensions:") :]
    docs = root / "docs"
    shutil.copytree(DOCS / "assets", docs / "assets")
    shutil.copy(DOCS / "gen_pages.py", docs / "gen_pages.py")
    shutil.copy(DOCS / "hooks.py", docs / "hooks.py")
    (docs / "index.md").write_text("# A hostile casebook\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("paths: [src]", f"paths: [{ROOT / 'src'}]"), encoding="utf-8"
    )
    site = root / "site"
    env = {
        **os.environ,
        "CASEBOOK_CASES": str(cases),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stderr}")
    return site


class _Elements(HTMLParser):
    """Every element of an HTML document with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in: str | None = None
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - the parser's signature
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts.append(data)


def test_hostile_case_file_renders_as_text_on_the_built_site(hostile_site: Path) -> None:
    """Scripts, raw HTML, javascript: links and Markdown in a case file stay text on every page."""
    pages_checked = 0
    for path in hostile_site.rglob("*.html"):
        parsed = _Elements()
        parsed.feed(path.read_text(encoding="utf-8"))
        for tag, attributes in parsed.elements:
            assert tag != "img" or not attributes.get("src", "").startswith("x"), path
            assert not any(name.startswith("on") for name in attributes), (path, tag)
            for name in ("href", "src", "action"):
                assert not attributes.get(name, "").lower().startswith("javascript:"), path
        assert not any("alert(" in script for script in parsed.scripts), path
        pages_checked += 1
    page = _Elements()
    page.feed((hostile_site / "cases" / "mini" / "index.html").read_text(encoding="utf-8"))
    assert page.title.startswith(_flat(HOSTILE))
    assert pages_checked > 8


def test_hostile_text_is_shown_verbatim_on_the_case_page(hostile_site: Path) -> None:
    """The hostile title, summary, claim and quote read on the page exactly as written."""
    text = html.unescape(
        re.sub(r"<[^>]+>", "", (hostile_site / "cases" / "mini" / "index.html").read_text("utf-8"))
    )
    assert text.count(_flat(HOSTILE)) >= 4


_SEGMENT = st.text("abc-", min_size=1, max_size=3)


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
def test_links_between_pages_are_their_relative_paths(origin: list[str], target: list[str]) -> None:
    """A link from one page to another is the target's path relative to the origin's folder."""
    origin_page, target_page = "/".join(origin) + ".md", "/".join(target) + ".md"
    expected = (
        posixpath.basename(target_page)
        if origin_page == target_page
        else posixpath.relpath(target_page, posixpath.dirname(origin_page) or ".")
    )
    assert expected == link(origin_page, target_page)


def test_site_builds_with_zensical_from_the_prebuilt_docs(tmp_path: Path) -> None:
    """The pre-build step gives Zensical a docs folder that it builds strictly, every page in."""
    prebuild = ROOT / "docs" / "prebuild.py"
    config = subprocess.run(
        [sys.executable, str(prebuild), str(tmp_path / "z")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "-f", config],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stdout + result.stderr
    site = tmp_path / "z" / "site"
    page = (site / "cases" / DRC / "index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid">' in page
    assert 'id="drc-rwanda-denies-claims"' in page
    assert (site / pair_page(DRC, PAKISTAN).removesuffix(".md") / "index.html").is_file()
    assert not (site / "cases" / "SUMMARY").exists()


# Flags, origins and evidence bases -------------------------------------------------------------


def _method_pages(book: casebook.Casebook) -> dict[str, str]:
    """The hand-written method pages as the site shows them, their claim ids cited."""
    return {
        f"method/{page.name}": cite_claims(
            book, f"method/{page.name}", page.read_text(encoding="utf-8")
        )
        for page in sorted((DOCS / "method").glob("*.md"))
    }


def test_every_page_citing_a_judged_claim_shows_the_verdict(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Wherever a flagged (or confirmed) claim is cited, its verdict stands beside it."""
    every = {**site_pages, **_method_pages(book)}
    judged = [c for _, c in book.claims() if c.accuracy is not Accuracy.NOT_ASSESSED]
    assert any(c.accuracy is Accuracy.INACCURATE for c in judged)
    cited_somewhere = 0
    for claim in judged:
        chip = re.compile(r"\[`" + re.escape(claim.id) + r"`\]\([^)]*\)")
        badge = f'<span class="cb-verdict cb-verdict-{claim.accuracy.value}" title="'
        for path, text in every.items():
            for found in chip.finditer(text):
                cited_somewhere += 1
                assert text[found.end() :].startswith(" " + badge), (path, claim.id)
    assert cited_somewhere >= len(judged)


def test_method_pages_link_their_claims(book: casebook.Casebook) -> None:
    """A claim id cited on a method page links to the claim; code blocks are left alone."""
    text = (
        "See `pk-doha-agreement-credited-to-biden` and `not-a-claim`.\n"
        "```\n`drc-over-7000-deaths`\n```\n"
    )
    cited = cite_claims(book, "method/x.md", text)
    assert "[`pk-doha-agreement-credited-to-biden`](../cases/pakistan-us-minerals.md#" in cited
    assert "cb-verdict-inaccurate" in cited
    assert "`not-a-claim`." in cited
    assert "\n`drc-over-7000-deaths`\n" in cited


def test_every_note_and_status_reason_is_on_its_case_page(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """A student finds every editors' note, and every reason for a status, on the case page."""
    for case in book.cases.values():
        page = site_pages[case_page(case.id)]
        for claim in case.claims:
            for text in (claim.note, claim.status_reason):
                if text is not None:
                    assert casebook_escape(text) in page, claim.id


def test_later_developments_have_a_section_of_their_own(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Claims dated after `as_of` are listed apart, and marked where they stand in full."""
    for case in book.cases.values():
        page = site_pages[case_page(case.id)]
        later = case.later_claims()
        assert ("## Later developments" in page) == bool(later)
        for claim in later:
            section = page[page.index("## Later developments") : page.index("## Claims")]
            assert f"[`{claim.id}`]" in section
        assert page.count(">later development</span>") == len(later)


def test_pair_pages_open_with_both_evidence_bases(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Each pair page starts with the two cases' evidence bases, side by side."""
    for a, b in choose_pairs(book, policy=casebook.PresencePolicy()).pairs:
        page = site_pages[pair_page(a, b)]
        assert page.index("## Evidence base") < page.index("## Similarity")
        rows = {
            line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:4]]
            for line in page.splitlines()
            if line.startswith("| ")
        }
        for case_id, column in ((a, 0), (b, 1)):
            base = casebook.evidence_base(book, case_id)
            assert rows["claims"][column] == str(base.claims)
            assert rows["independent origins of those sources"][column] == str(
                base.independent_origins
            )


def test_the_comparisons_index_labels_its_two_counts(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """Codes present in both (the similarity's) and codes with any evidence in both, labelled."""
    page = site_pages["comparisons/index.md"]
    assert "| codes present in both | codes with any evidence in both |" in page
    comparison = book.compare(PAKISTAN, DRC)
    present = next(c.shared for c in comparison.components if c.name == "codes")
    assert f"| {present} | {len(comparison.shared)} |" in page


def test_single_origin_findings_are_marked(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """A finding that rests on one origin is marked on the pair page and the patterns page."""
    comparison = book.compare(PAKISTAN, DRC)
    single = [e for s in comparison.shared for e in (s.a, s.b) if e.single_origin]
    assert single, "the Pakistan case has findings resting on its one commentator"
    page = site_pages[pair_page(DRC, PAKISTAN) if DRC < PAKISTAN else pair_page(PAKISTAN, DRC)]
    marks = page.count('<span class="cb-origins-single">Single origin:</span>')
    findings = [e for s in comparison.shared for e in (s.a, s.b)] + [
        f.evidence for f in (*comparison.only_a, *comparison.only_b)
    ]
    assert marks == sum(e.single_origin for e in findings)
    patterns_page = site_pages["comparisons/patterns.md"]
    assert ("Single origin</span> in:" in patterns_page) == any(
        p.single_origin for p in book.patterns()
    )


def test_the_home_page_lists_every_case_from_the_data(book: casebook.Casebook) -> None:
    """The home page's list of cases is filled from the data when the site is built."""
    page = fill_page(book, "index.md", (DOCS / "index.md").read_text(encoding="utf-8"))
    assert "<!-- casebook:" not in page
    for case in book.cases.values():
        assert f"]({case_page(case.id)})" in page


def test_a_case_that_studies_a_precedent_is_linked_both_ways(book: casebook.Casebook) -> None:
    """The precedent's page names the case, and cases invoking the precedent reach the case."""
    precedent = next(iter(book.precedents))
    studying = book.cases[DRC].model_copy(update={"id": "studies-it", "precedent": precedent})
    invoking = book.cases[PAKISTAN]
    link = invoking.precedents[0].model_copy(update={"precedent": precedent})
    invoking = invoking.model_copy(update={"precedents": (link, *invoking.precedents[1:])})
    grown = attrs.evolve(book, cases={**book.cases, "studies-it": studying, PAKISTAN: invoking})
    generated = pages(grown)
    assert "Studied as a case" in generated[f"precedents/{precedent}.md"]
    assert "(studied as the case [" in generated[case_page(PAKISTAN)]
    assert "**Also a precedent:**" in generated[case_page("studies-it")]
    shared = casebook.compare(grown.cases["studies-it"], invoking).components
    assert next(c for c in shared if c.name == "precedents").shared >= 1


# Which pairs of cases have a page of their own -----------------------------------------------

_POLICY = casebook.PresencePolicy()


def _generated(data: st.DataObject, book: casebook.Casebook, count: int) -> casebook.Casebook:
    """The bundled registries with `count` small generated cases, some studying a precedent.

    Each case draws its parties, codes, commodities and precedents from short lists, so that
    cases overlap, similarities tie, and the precedents the cases invoke are often studied by
    another case.
    """
    source = min(s.id for s in book.sources.values() if not s.verifiable)
    parties, codes = sorted(book.parties)[:6], sorted(book.codebook)[:10]
    commodities, precedents = sorted(book.commodities)[:4], sorted(book.precedents)[:4]
    studied = data.draw(st.permutations(precedents))
    cases = {}
    for number in range(count):
        case_id = f"case-{number:02d}"
        claim_ids = [f"{case_id}-claim-{n}" for n in range(3)]
        host, partner = data.draw(st.permutations(parties))[:2]
        claims = [
            {
                "id": claim_id,
                "text": f"Statement {n}.",
                "status": data.draw(st.sampled_from(["fact", "reported", "alleged", "forecast"])),
                "evidence": [{"source": source, "quote": f"Quote {n}."}],
                "codes": data.draw(st.lists(st.sampled_from(codes), max_size=3, unique=True)),
                "about": data.draw(st.lists(st.sampled_from(commodities), max_size=2, unique=True)),
            }
            for n, claim_id in enumerate(claim_ids)
        ]
        invoked = data.draw(st.lists(st.sampled_from(precedents), max_size=2, unique=True))
        case = {
            "id": case_id,
            "title": f"Case {number}",
            "summary": "A generated case.",
            "as_of": "2025-03",
            "host": host,
            "sources": [source],
            "claims": claims,
            "deal": {
                "kind": "minerals-for-security",
                "summary": "A deal.",
                "status": [{"date": "2025", "status": "proposed", "claims": claim_ids[:1]}],
                "parties": [
                    {"party": host, "role": "host", "claims": claim_ids[:1]},
                    {"party": partner, "role": "partner", "claims": claim_ids[1:2]},
                ],
                "offers": [
                    {
                        "from_party": host,
                        "to_party": partner,
                        "kind": "resource-access",
                        "text": "Access.",
                        "commodities": [data.draw(st.sampled_from(commodities))],
                        "claims": claim_ids[2:],
                    }
                ],
            },
            "precedents": [
                {"precedent": p, "relation": "template", "lesson": "A lesson.", "claims": claim_ids}
                for p in invoked
            ],
        }
        if number < len(studied) and data.draw(st.booleans()):
            case["precedent"] = studied[number]
        cases[case_id] = Case.model_validate(case)
    return attrs.evolve(book, cases=cases)


def _tied_by_precedents(book: casebook.Casebook) -> set[tuple[str, str]]:
    """Pairs of cases where one invokes a precedent the other studies."""
    return {
        (min(case.id, other.id), max(case.id, other.id))
        for case in book.cases.values()
        for invoked in case.precedents
        for other in book.cases.values()
        if other.id != case.id and other.precedent == invoked.precedent
    }


@settings(max_examples=25, deadline=None)
@given(data=st.data(), count=st.integers(1, 12), nearest=st.integers(0, 6))
def test_pairs_with_pages_are_the_nearest_cases_and_those_a_precedent_ties(
    book: casebook.Casebook, data: st.DataObject, count: int, nearest: int
) -> None:
    """Each case has a page with its k most similar cases and with the cases a precedent ties.

    The k most similar are those `most_similar` ranks first (ties by id); no pair has a page
    for another reason.
    """
    generated = _generated(data, book, count)
    matrix = casebook.similarity_matrix(generated)
    choice = choose_pairs(generated, policy=_POLICY, nearest=nearest)
    expected = _tied_by_precedents(generated)
    for case in generated.cases:
        near = [other for other, _ in matrix.most_similar(case, nearest)]
        assert near == list(choice.neighbours[case])
        expected |= {(min(case, other), max(case, other)) for other in near}
    assert expected == set(choice.pairs)
    assert len(choice.pairs) <= count * nearest + len(_tied_by_precedents(generated))
    if nearest >= count - 1:
        assert count * (count - 1) // 2 == len(choice.pairs)
    for (a, b), similarity in choice.similarity.items():
        assert matrix.get(a, b) == similarity
        assert b in choice.partners[a]
        assert a in choice.partners[b]


def test_equally_similar_cases_go_to_the_first_ids(book: casebook.Casebook) -> None:
    """Among cases all equally similar, each case's nearest are the other cases first by id."""
    copies = {
        f"copy-{n}": book.cases[DRC].model_copy(update={"id": f"copy-{n}"}) for n in (3, 0, 4, 1, 2)
    }
    choice = choose_pairs(attrs.evolve(book, cases=copies), policy=_POLICY, nearest=2)
    assert ("copy-1", "copy-2") == choice.neighbours["copy-0"]
    assert ("copy-0", "copy-1") == choice.neighbours["copy-4"]
    assert {"copy-1", "copy-2", "copy-3", "copy-4"} == set(choice.partners["copy-0"])
    assert ("copy-3", "copy-4") not in choice.pairs


@settings(max_examples=4, deadline=None)
@given(data=st.data(), nearest=st.integers(0, 4))
def test_pair_pages_of_many_cases_are_the_chosen_pairs_and_every_link_resolves(
    book: casebook.Casebook, data: st.DataObject, nearest: int
) -> None:
    """Twelve cases get a page per chosen pair, at most n·k plus the pairs a precedent ties.

    Each case page links its pair pages, its k nearest among them, and the page comparing any
    two cases when some pair it makes has no page; the comparisons index lists every pair page.
    """
    generated = _generated(data, book, 12)
    site = pages(generated, nearest=nearest)
    choice = choose_pairs(generated, policy=_POLICY, nearest=nearest)
    pair_pages = {path for path in site if path.startswith("comparisons/") and "--" in path}
    assert {pair_page(a, b) for a, b in choice.pairs} == pair_pages
    assert len(pair_pages) <= 12 * nearest + len(_tied_by_precedents(generated))
    for case, near in choice.neighbours.items():
        page = site[case_page(case)]
        section = page[page.index("## Compared with") :]
        section = section[: section.index("\n## ")]
        linked = set(re.findall(r"\]\(\.\./(comparisons/[^)#]+)\)", section))
        assert {pair_page(case, other) for other in near} <= linked
        assert {pair_page(case, other) for other in choice.partners[case]} == linked - {ANY_PAIR}
        assert (ANY_PAIR in linked) == (len(choice.partners[case]) < 11)
    index = site["comparisons/index.md"]
    for path in pair_pages:
        assert f"]({path.removeprefix('comparisons/')})" in index
    assert ANY_PAIR in site
    assert f"]({ANY_PAIR.removeprefix('comparisons/')})" in index
    assert [] == broken_links(site, DOCS, downloads(generated))[0]


def test_pages_do_not_depend_on_the_order_of_the_cases_or_the_process(
    book: casebook.Casebook,
) -> None:
    """Pages are the same in another interpreter, and pair pages whatever the cases' order."""
    generated = pages(book, nearest=1)
    reordered = attrs.evolve(book, cases=dict(reversed(list(book.cases.items()))))
    again = pages(reordered, nearest=1)
    assert {p for p in generated if "--" in p} == {p for p in again if "--" in p}
    for path in generated:
        if "--" in path:
            assert generated[path] == again[path], path
    code = (
        "import json, sys, casebook\n"
        "from casebook.site import pages\n"
        "json.dump(pages(casebook.load(), nearest=1), sys.stdout)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert generated == yaml.safe_load(other.stdout)


def test_a_pair_page_for_every_pair_when_k_reaches_the_other_cases(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """With k at least the number of cases less one, every pair of cases has its page.

    The bundled site has a page for each case's nearest cases, and so, while it has no more
    than k + 1 cases, for every pair.
    """
    everything = pages(book, nearest=len(book.cases) - 1)
    ids = sorted(book.cases)
    every_pair = {pair_page(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]}
    assert every_pair == {p for p in everything if p.startswith("comparisons/") and "--" in p}
    chosen = {pair_page(a, b) for a, b in choose_pairs(book, policy=_POLICY).pairs}
    assert chosen == {p for p in site_pages if p.startswith("comparisons/") and "--" in p}
    matrix = casebook.similarity_matrix(book)
    for case in book.cases:
        assert {pair_page(case, other) for other, _ in matrix.most_similar(case, NEAREST)} <= chosen
    with pytest.raises(ValueError, match="nearest"):
        pages(book, nearest=-1)


def test_site_pages_command_takes_the_number_of_nearest_cases(
    book: casebook.Casebook, tmp_path: Path
) -> None:
    """`casebook site-pages DIR --nearest K` writes the pages `pages(book, nearest=K)` gives."""
    assert 0 == main(["site-pages", str(tmp_path / "docs"), "--nearest", "1"])
    written = {
        p.relative_to(tmp_path / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in (tmp_path / "docs").rglob("*.md")
    }
    assert pages(book, nearest=1) == written
    assert 2 == main(["site-pages", str(tmp_path / "other"), "--nearest", "-1"])
    assert not (tmp_path / "other").exists()


def test_the_site_config_sets_the_number_of_nearest_cases() -> None:
    """`extra: casebook: nearest:` in mkdocs.yml reaches the pre-build, as gen-files reads it."""
    prebuild: dict[str, Any] = runpy.run_path(str(DOCS / "prebuild.py"))
    options = prebuild["site_options"]((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert isinstance(options["nearest"], int)
    assert options["nearest"] >= 0
    config = "f: !!python/name:os.path.join\nextra:\n  casebook:\n    nearest: 7\n"
    assert {"nearest": 7} == prebuild["site_options"](config)
    assert {} == prebuild["site_options"]("site_name: casebook\n")


def test_the_page_for_any_two_cases_names_every_case(
    book: casebook.Casebook, site_pages: Mapping[str, str]
) -> None:
    """The fallback page for any two cases lists every case by id, its links resolving."""
    page = any_pair_markdown(Site.of(book, _POLICY))
    for case in book.cases:
        assert f"]({posixpath.relpath(case_page(case), 'comparisons')}) | `{case}` |" in page
    assert [] == broken_links({**site_pages, ANY_PAIR: page}, DOCS, downloads(book))[0]
