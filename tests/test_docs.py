"""The figures and ids the hand-written method pages quote are those of the bundled data."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import casebook
from casebook import mill
from casebook._text import normalise
from casebook.site import fill_page, pages

METHOD = Path(__file__).resolve().parents[1] / "docs" / "method"
DRC = "drc-us-minerals-for-security"
PAKISTAN = "pakistan-us-minerals"


def _rows(text: str, first_column: str) -> dict[str, list[str]]:
    """The rows of the Markdown table whose header starts with `first_column`, by first cell."""
    lines = text.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.strip().startswith(f"| {first_column} |")
    )
    rows: dict[str, list[str]] = {}
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[0].strip("`")] = cells[1:]
    return rows


def _filled(book: casebook.Casebook, page: str) -> str:
    """A method page as the site shows it, its figures filled from the data."""
    text = (METHOD / page).read_text(encoding="utf-8")
    return fill_page(book, f"method/{page}", text)


def test_method_pages_type_no_founding_figure_in(book: casebook.Casebook) -> None:
    """The figures of the worked example are markers, filled from the data at build time."""
    for page, marker in (
        ("epistemic-status.md", "founding-status-counts"),
        ("structured-focused-comparison.md", "founding-answer-counts"),
        ("structured-focused-comparison.md", "founding-components"),
        ("mill.md", "founding-mill-kept"),
    ):
        assert f"<!-- casebook:{marker} -->" in (METHOD / page).read_text(encoding="utf-8")
        assert "<!-- casebook:" not in _filled(book, page)


def test_status_counts_on_the_epistemic_status_page(book: casebook.Casebook) -> None:
    """The table of claims per epistemic status counts each case's claims."""
    page = _filled(book, "epistemic-status.md")
    rows = _rows(page.replace("\n    |", "\n|"), "status | DRC case")
    for status, (drc, pakistan) in rows.items():
        for case_id, shown in ((DRC, drc), (PAKISTAN, pakistan)):
            claims = book.cases[case_id].claims
            assert sum(c.status.value == status for c in claims) == int(shown), (status, case_id)


def test_similarity_components_on_the_comparison_page(book: casebook.Casebook) -> None:
    """The worked similarity example shows the components `compare` computes."""
    text = _filled(book, "structured-focused-comparison.md")
    comparison = book.compare(DRC, PAKISTAN)
    rows = _rows(text[text.index("For the two founding cases") :], "component")
    assert {c.name for c in comparison.components} == set(rows)
    for component in comparison.components:
        weight, drc, pakistan, shared, _ = rows[component.name]
        assert (component.weight, component.a, component.b, component.shared) == (
            float(weight),
            int(drc),
            int(pakistan),
            int(shared),
        )
    assert f"≈ {comparison.similarity:.3f}." in text


def test_answer_counts_on_the_comparison_page(book: casebook.Casebook) -> None:
    """The table of items per question counts the answers of `compare`."""
    text = _filled(book, "structured-focused-comparison.md")
    rows = _rows(text, "question")
    comparison = book.compare(DRC, PAKISTAN)
    for question in comparison.questions:
        assert [str(len(question.a)), str(len(question.b))] == rows[question.question]


def test_method_of_difference_figure_on_the_mill_page(book: casebook.Casebook) -> None:
    """The Mill page's count of surviving codes is what `mill.difference` returns."""
    founding = [book.cases[DRC], book.cases[PAKISTAN]]
    result = mill.difference(founding, "host-seeks-military-support")
    total = len(result.candidates) + len(result.eliminated)
    text = _filled(book, "mill.md")
    assert f"keeps {len(result.candidates)} of the {total} other codes" in text


@pytest.mark.parametrize("page", sorted(p.name for p in METHOD.glob("*.md")))
def test_ids_named_on_method_pages_exist(book: casebook.Casebook, page: str) -> None:
    """Every claim, case or code id a method page names in code is in the bundled data."""
    known = {claim.id for _, claim in book.claims()} | set(book.cases) | set(book.codebook)
    text = (METHOD / page).read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:pk|drc)-[a-z0-9-]+)`", text))
    assert set() == named - known


def _examples() -> list[tuple[str, str, str]]:
    """Python examples of the method and guide pages that show their output: (page, code, out)."""
    found = []
    for page in sorted([*METHOD.glob("*.md"), *(METHOD.parent / "guide").glob("*.md")]):
        text = page.read_text(encoding="utf-8")
        pairs = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", text, flags=re.DOTALL)
        found += [(page.name, code, out) for code, out in pairs]
    return found


@pytest.mark.parametrize(("page", "code", "shown"), _examples(), ids=lambda x: x[:20])
def test_examples_print_what_the_pages_show(
    page: str, code: str, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every example whose output a page shows prints exactly that, on the bundled data."""
    exec(code, {})  # noqa: S102 - the docs' own examples
    assert capsys.readouterr().out == shown, page


_LINK_TEXT = re.compile(r"\[([^\]]*)\]\([^)]*\)")
"""A Markdown link, whose text is what a reader reads."""


def test_pages_quote_only_what_a_reader_can_find(book: casebook.Casebook) -> None:
    """Every quotation on the method pages is in the data: a claim, a quote, a note, a text."""
    findable = [
        normalise(text)
        for _, claim in book.claims()
        for text in (
            claim.text,
            claim.note or "",
            claim.status_reason or "",
            *(e.quote for e in claim.evidence),
        )
    ]
    findable += [normalise(text) for text in book.texts.values()]
    findable += [normalise(path.read_text(encoding="utf-8")) for path in book.root.rglob("*.yaml")]
    # What the site itself says, read as text: a name that is a link reads as the name.
    findable += [normalise(_LINK_TEXT.sub(r"\1", page)) for page in pages(book).values()]
    findable += [normalise(c.definition) for c in book.codebook.values()]
    for page in sorted(METHOD.glob("*.md")):
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"^\s*[!?]{3}.*$", "", text, flags=re.MULTILINE)  # admonition titles
        for paragraph in text.split("\n\n"):
            quotations = " ".join(paragraph.split()).split('"')[1::2]
            for quoted in (q for q in quotations if len(q) >= 12):
                for part in normalise(quoted).casefold().split("…"):  # an elision: each part
                    fragment = part.strip(" .,;:")
                    assert any(fragment in f.casefold() for f in findable), (page.name, quoted)


def test_the_guides_example_case_is_valid(tmp_path: Path) -> None:
    """The annotated case of the contributing guide loads, with its source and code."""
    guide = (METHOD.parent / "guide" / "contributing.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
    source = next(b for b in blocks if b.startswith("sources:\n  - id: my-article"))
    code = next(b for b in blocks if b.startswith("codes:"))
    case = next(b for b in blocks if "\nid: my-case\n" in b)
    root = casebook.bundled_cases().parent
    shutil.copytree(root / "cases", tmp_path / "cases")
    shutil.copytree(root / "seeds", tmp_path / "seeds")
    text = (
        "Intro.\nverbatim passage of the article\nanother verbatim passage\n"
        "READ MORE: another story\n5 Comments\nNice.\nthe last comment's last words\n"
    )
    (tmp_path / "seeds" / "my-article.txt").write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {digest}", source)
    registry = tmp_path / "cases" / "registry"
    (registry / "sources-my-case.yaml").write_text(source, encoding="utf-8")
    (registry / "codes-my-case.yaml").write_text(code, encoding="utf-8")
    (tmp_path / "cases" / "my-case.yaml").write_text(case, encoding="utf-8")
    book = casebook.load(tmp_path / "cases", strict=True)
    assert "my-case" in book.cases
    assert "revenue-fund" in book.codebook
