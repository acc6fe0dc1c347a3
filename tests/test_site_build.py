"""How MkDocs builds the site: the hooks of `docs/hooks.py`, edit links, and the verbatim blocks."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import markdown
from hypothesis import given
from hypothesis import strategies as st

from casebook._markdown import escape
from casebook.site import pages
from casebook.site.verbatim import BEGIN, END
from tests.sitecheck import ROOT, markdown_extensions, site_markdown

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import casebook

HOOKS = runpy.run_path(str(ROOT / "docs" / "hooks.py"))
strip: Callable[[str, Any, Any], str] = HOOKS["on_post_page"]


def _squashed(html: str) -> str:
    return re.sub(r"\s+", " ", html)


_WORDS = st.text(alphabet='ab<>/=" \n\t', max_size=30)
_VERBATIM = st.builds(
    lambda tag, body: f"<{tag}>{body}</{tag}>",
    st.sampled_from(["pre", "code", "textarea", "script", "PRE"]),
    st.text(alphabet="ab \n\t  ", max_size=30),
)


@given(st.lists(st.tuples(_WORDS, _VERBATIM), max_size=6), _WORDS)
def test_the_page_loses_indentation_and_blank_lines_but_nothing_it_shows(
    pieces: list[tuple[str, str]], tail: str
) -> None:
    """Outside pre, code, textarea and script only white space goes; inside, nothing changes."""
    words = [w.replace("<", "").replace(">", "") for w, _ in pieces] + [tail.replace("<", "")]
    kept = [v for _, v in pieces]
    page = "".join(w + v for w, v in zip(words, kept, strict=False)) + words[-1]
    out = strip(page, None, None)
    assert _squashed(out) == _squashed(page)
    between, rest = [], out
    for element in kept:
        before, found, rest = rest.partition(element)
        assert found, element
        between.append(before)
    for text in [*between, rest]:
        assert not re.search(r"\n[ \t]", text)
        assert "\n\n" not in text


@given(st.text())
def test_no_text_from_the_data_can_open_or_close_a_verbatim_block(text: str) -> None:
    """Escaped text holds no `<`: it can neither end a block of HTML early nor start a tag."""
    escaped = escape(text)
    assert "<" not in escaped
    assert END not in escaped
    assert BEGIN not in escaped


def test_verbatim_blocks_render_as_they_would_without_the_extension(
    book: casebook.Casebook,
) -> None:
    """Setting the HTML aside changes how fast a page is built, not what it shows."""
    names, options = markdown_extensions()
    assert "casebook.site.verbatim" in names
    plain = markdown.Markdown(
        extensions=[n for n in names if n != "casebook.site.verbatim"], extension_configs=options
    )
    fast = site_markdown()
    generated = pages(book)
    marked = [path for path, text in generated.items() if BEGIN in text]
    assert any("--" in path for path in marked)
    assert "codebook.md" in marked
    for path in marked:
        fast.reset()
        plain.reset()
        with_it = [line for line in fast.convert(generated[path]).splitlines() if line.strip()]
        without = [
            line
            for line in plain.convert(generated[path]).splitlines()
            if line.strip() and line not in {BEGIN, END}
        ]
        assert with_it == without, path
        assert BEGIN not in "\n".join(with_it)


def test_a_page_outside_the_navigation_opens_its_section(site_dir: Path) -> None:
    """A source page, which the navigation does not list, opens the Casebook tab and section."""
    sources = sorted((site_dir / "sources").glob("*/index.html"))
    assert sources
    html = sources[0].read_text(encoding="utf-8")
    active_tab = re.search(r'md-tabs__item--active">\s*<a [^>]*>\s*([^<]+?)\s*<', html)
    assert active_tab is not None
    assert active_tab.group(1) == "Casebook"
    path = re.search(r'<nav class="md-path".*?</nav>', html, re.DOTALL)
    assert path is not None
    assert re.findall(r'class="md-path__link">\s*<span[^>]*>\s*([^<]+?)\s*<', path.group(0)) == [
        "Home",
        "Casebook",
        "Sources",
    ]


def test_the_site_ships_no_source_maps_or_unused_search_languages(site_dir: Path) -> None:
    """The theme's source maps and lunr's language support (the site is in English) are gone."""
    assert not list(site_dir.rglob("*.map"))
    assert not (site_dir / "assets" / "javascripts" / "lunr").exists()
    assert list((site_dir / "assets" / "javascripts" / "workers").glob("search.*.js"))


def test_without_a_repository_no_page_has_an_edit_button(site_dir: Path) -> None:
    """Without `CASEBOOK_REPO_URL` there is no repository to edit pages in."""
    for page in site_dir.rglob("index.html"):
        assert 'rel="edit"' not in page.read_text(encoding="utf-8"), page


def test_with_a_repository_each_page_is_edited_where_it_comes_from(tmp_path: Path) -> None:
    """A case page and its brief open the case file; hand-written pages their Markdown file."""
    env = {
        **os.environ,
        "CASEBOOK_REPO_URL": "https://example.org/casebook",
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    env.pop("CASEBOOK_CASES", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    subprocess.run(
        [*command, "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )

    def edit(page: str) -> str | None:
        html = (tmp_path / page / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', html)
        return found.group(1) if found else None

    repo = "https://example.org/casebook/edit/main"
    case = "drc-us-minerals-for-security"
    assert edit(f"cases/{case}") == f"{repo}/cases/{case}.yaml"
    assert edit(f"briefs/{case}") == f"{repo}/cases/{case}.yaml"
    assert edit("method/mill") == f"{repo}/docs/method/mill.md"
    assert edit("reference/qca") == f"{repo}/docs/reference/qca.md"
    assert edit("codebook") is None
    assert 'class="md-source"' in (tmp_path / "index.html").read_text(encoding="utf-8")
