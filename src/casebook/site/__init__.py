"""The casebook site: pages generated from the case data.

[`pages`][casebook.site.pages] turns a casebook into Markdown pages: one per case (with its
printable brief), source, precedent and party with a part in a case, one per pair of nearest
cases, with the codebook, the cross-case patterns, a timeline, a map, a page comparing any two
cases in the browser and a worked QCA example. MkDocs builds them with mkdocs-gen-files (see
`docs/gen_pages.py`);
[`write_pages`][casebook.site.write_pages], or `casebook site-pages DIR`, writes them to a folder
for any other builder. [`fill_page`][casebook.site.fill_page] fills hand-written pages from
the data: [`cite_claims`][casebook.site.cite_claims] links the claims they cite, with the
editors' verdicts beside them, and markers become lists such as the cases on the home page.
[`downloads`][casebook.site.downloads] gives the files the downloads page offers: the corpus
as a Data Package, JSON Lines, Web Annotations and ClaimReview, and each case's data.

A section of the navigation lists its pages while there are at most
[`NAV_LIMIT`][casebook.site.NAV_LIMIT]; beyond, its overview page lists them, so that each
page's navigation, and the build, do not grow with the corpus.
"""

from casebook.site._cite import cite_claims, fill_page
from casebook.site._downloads import downloads
from casebook.site._pages import NAV_LIMIT, pages
from casebook.site._write import write_pages

__all__ = ["NAV_LIMIT", "cite_claims", "downloads", "fill_page", "pages", "write_pages"]
