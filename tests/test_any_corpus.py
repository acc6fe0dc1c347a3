"""The suite holds for any valid corpus: the founding cases plus a case nobody has written yet.

A copy of `cases/` and `seeds/` gets an extra case drawn from the public strategies, citing the
bundled registries. Data, command line, site and QCA must hold their invariants on it, as they
do on the bundled corpus: adding a valid case never breaks anything.
"""

from __future__ import annotations

import io
import json
import shutil
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casebook
from casebook import qca, strategies
from casebook.cli import main
from casebook.site import downloads, pages
from casebook.site._comparisons import NEAREST
from casebook.site._links import pair_page
from tests.sitecheck import broken_links

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from casebook.models import Case

EXTRA = "extra-generated-case"
FOUNDING = ("drc-us-minerals-for-security", "pakistan-us-minerals")


def _extra_cases() -> st.SearchStrategy[Case]:
    book = casebook.load()
    url_only = sorted(s.id for s in book.sources.values() if not s.verifiable)
    return strategies.cases(
        case_id=EXTRA,
        source_ids=url_only,
        party_ids=sorted(book.parties)[:12],
        place_ids=sorted(book.places)[:6],
        commodity_ids=sorted(book.commodities)[:6],
        code_ids=sorted(book.codebook),
        precedent_ids=sorted(book.precedents),
    )


def _copy_with(root: Path, case: Case) -> Path:
    bundled = casebook.bundled_cases()
    shutil.copytree(bundled, root / "cases")
    shutil.copytree(bundled.parent / "seeds", root / "seeds")
    (root / "cases" / f"{EXTRA}.yaml").write_text(
        "# yaml-language-server: $schema=case.schema.json\n" + casebook.dump_yaml(case),
        encoding="utf-8",
    )
    return root / "cases"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_extra_cases())
def test_an_extra_case_keeps_every_invariant(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    """Data, command line, site and QCA all take a generated extra case in their stride."""
    cases = _copy_with(tmp_path_factory.mktemp("corpus"), case)
    bundled = casebook.load()
    book = casebook.load(cases)

    # Data: the founding cases are untouched, the extra one is there, quotes still verified.
    assert set(book.cases) == {*bundled.cases, EXTRA}
    for founding in FOUNDING:
        assert book.cases[founding] == bundled.cases[founding]
    assert book.texts.keys() == bundled.texts.keys()

    # Command line: every command succeeds and counts the extra case.
    status, out, _ = _run("validate", "--cases", str(cases))
    assert 0 == status
    assert out.startswith(f"ok: {len(book.cases)} cases, ")
    status, out, _ = _run("list", "--cases", str(cases), "--format", "json")
    assert {c["id"] for c in json.loads(out)} == set(book.cases)
    assert 0 == _run("show", EXTRA, "--cases", str(cases))[0]
    for fmt in ("text", "markdown", "json"):
        assert 0 == _run("compare", EXTRA, FOUNDING[0], "--cases", str(cases), "--format", fmt)[0]
        assert 0 == _run("patterns", "--cases", str(cases), "--format", fmt)[0]

    # Site: a page for the case and for each pair with its nearest cases, every internal link
    # resolving.
    site = pages(book)
    assert f"cases/{EXTRA}.md" in site
    nearest = book.similarity_matrix().most_similar(EXTRA, NEAREST)
    assert {pair_page(EXTRA, other) for other, _ in nearest} <= set(site)
    files = downloads(book)
    assert [] == broken_links(site, casebook.bundled_cases().parent / "docs", files)[0]
    assert f"downloads/cases/{EXTRA}.json" in files

    # QCA: the truth table's rows partition the cases, whatever the extra case codes.
    codes = sorted(book.codebook)
    analysis = qca.analyse(book, codes[:2], codes[2])
    rows = [c for row in analysis.table.rows for c in row.cases]
    assert sorted(rows) == sorted(book.cases)
