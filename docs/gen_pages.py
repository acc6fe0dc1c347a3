"""Write the pages generated from the case data into the site as MkDocs builds it.

mkdocs-gen-files runs this script; `casebook site-pages DIR` writes the same pages to a folder,
for builders that take a finished docs folder. Set `CASEBOOK_CASES` to build the site from
another folder of cases.
"""

from __future__ import annotations

import os
from pathlib import Path

import mkdocs_gen_files
import mkdocs_gen_files.editor
from mkdocs.structure.files import InclusionLevel

import casebook
from casebook.site import downloads, fill_page, pages
from casebook.site._brief import brief_page, colophon
from casebook.site._links import case_page

book = casebook.load(os.environ.get("CASEBOOK_CASES") or None)
config = mkdocs_gen_files.editor.FilesEditor.current().config

# `extra: casebook: nearest: K` in mkdocs.yml: each case gets a comparison page with each of its
# K most similar cases (and with the cases a precedent ties it to).
settings = config.extra.get("casebook") or {}
options = {"nearest": settings["nearest"]} if "nearest" in settings else {}
site_url = config.site_url or None
for path, text in pages(book, site_url=site_url, **options).items():
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(text)

# A case page and its brief are edited in the case file, when the cases are the repository's.
ROOT = Path(__file__).resolve().parents[1]
if book.root.resolve().is_relative_to(ROOT):
    folder = book.root.resolve().relative_to(ROOT).as_posix()
    for case_id in book.cases:
        name = next(f for f in (f"{case_id}.yaml", f"{case_id}.yml") if (book.root / f).is_file())
        for page_path in (case_page(case_id), brief_page(case_id)):
            # Relative to the docs folder, which `edit_uri` points into.
            mkdocs_gen_files.set_edit_path(page_path, f"../{folder}/{name}")

# The downloads page offers the corpus as open data; annotations link claims on this site.
for path, data in downloads(book, site_url=site_url).items():
    with mkdocs_gen_files.open(path, "wb") as file:
        file.write(data)

# The footer names the casebook version and the date the data is current to.
config.copyright = " · ".join(filter(None, [config.copyright, colophon(book)]))

# Hand-written pages that cite claims by id, or hold `<!-- casebook:… -->` markers, are filled
# from the data: each claim becomes a link with the editors' verdict beside it.
DOCS = ROOT / "docs"
for source in [
    DOCS / "index.md",
    *sorted((DOCS / "method").glob("*.md")),
    *sorted((DOCS / "guide").glob("*.md")),
]:
    path = source.relative_to(DOCS).as_posix()
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(fill_page(book, path, source.read_text(encoding="utf-8")))
    mkdocs_gen_files.set_edit_path(path, path)

# The navigation files are read by mkdocs-literate-nav, not published as pages.
for file in mkdocs_gen_files.editor.FilesEditor.current().files:
    if file.src_uri.endswith("SUMMARY.md"):
        file.inclusion = InclusionLevel.EXCLUDED
