"""The casebook site: pages generated from the case data.

[`pages`][casebook.site.pages] turns a casebook into Markdown pages, one per case, source,
precedent, shared party and pair of cases, with the codebook, the cross-case patterns and a
worked QCA example. MkDocs builds them with mkdocs-gen-files (see `docs/gen_pages.py`);
[`write_pages`][casebook.site.write_pages], or `casebook site-pages DIR`, writes them to a folder
for any other builder. [`cite_claims`][casebook.site.cite_claims] links the claims that
hand-written pages cite, with the editors' verdicts beside them.
"""

from casebook.site._cite import cite_claims
from casebook.site._pages import pages
from casebook.site._write import write_pages

__all__ = ["cite_claims", "pages", "write_pages"]
