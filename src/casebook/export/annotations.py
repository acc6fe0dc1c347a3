"""Every evidence quote as a W3C Web Annotation: the passage, and what it is evidence of.

`annotations.jsonld` is an `AnnotationCollection` of the W3C Web Annotation Data Model
(JSON-LD), with one `Annotation` for each quote of every claim, of the cases and of the
precedents, in the order of the corpus. Each targets the passage of its source with a
`TextQuoteSelector`, as Hypothes.is and other annotation tools anchor a highlight: the quote as
the source writes it, with up to 32 characters of the text on either side. Its bodies say what
the passage is evidence of: the claim in the editors' words with its epistemic status, tags
for the status and the analytic codes, and the editors' verdict where they gave one.
"""

# Without `from __future__ import annotations`, which would bind the name of `annotations`
# below: annotations naming what is imported only for type checking are quoted instead.
import json
from typing import TYPE_CHECKING, Any, Final

from casebook._loading import _spans  # where the loader places an excluded passage
from casebook._text import inert_json, locate, normalise_lines
from casebook._version import __version__
from casebook.models.vocab import Accuracy

if TYPE_CHECKING:
    from pathlib import Path

    from casebook._library import Casebook
    from casebook.models import Claim, Evidence, Source

__all__ = ["CONTEXT", "FILE", "annotations", "write"]

FILE: Final = "annotations.jsonld"
"""The name of the file `write` writes."""

CONTEXT: Final = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation Data Model."""

_AROUND: Final = 32
"""Characters of the source's text given before and after a quote, as Hypothes.is gives."""

_COLLECTION: Final = "urn:casebook:annotations"

_NO_TEXT: Final = (
    "casebook holds no text of this source: the quote is as the editors recorded it, "
    "not verified against the source."
)
_NOT_FOUND: Final = (
    "The quote is not in casebook's text of this source: it is as the editors recorded it, "
    "not verified against the source."
)

_HTML: Final = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _json_text(data: Any) -> str:
    """Indented JSON in which nothing can act outside a string.

    DEL and the C1 controls are escaped (`inert_json`), and so are `<`, `>` and `&`, so that
    the document can stand in an HTML `<script>` element: a `</script>` in the data stays text.
    The characters escaped occur only inside strings, where an escape means the same character.
    """
    return inert_json(json.dumps(data, indent=2, ensure_ascii=False)).translate(_HTML) + "\n"


def _editors(site_url: str | None) -> dict[str, Any]:
    """The casebook's editors, who chose each quote, worded each claim and judged it."""
    editors: dict[str, Any] = {"type": "Organization", "name": "casebook editors"}
    if site_url is not None:
        editors["homepage"] = site_url
    return editors


def _page_url(site_url: str, page: str) -> str:
    """The address of a generated page: MkDocs serves `cases/x.md` at `cases/x/`."""
    folder, _, name = page.removesuffix(".md").rpartition("/")
    path = f"{folder}/" if folder else ""
    if name != "index":
        path += f"{name}/"
    return site_url.rstrip("/") + "/" + path


def _claim_urls(book: "Casebook", site_url: str) -> dict[str, str]:
    """Claim id → the claim on the site: its anchor on the page that shows it in full.

    A case's claims are shown on the case's page, a precedent's on the precedent's; the site
    gives each claim's block its id as its anchor.
    """
    from casebook._presence import DEFAULT_POLICY  # noqa: PLC0415 - the site loads on demand
    from casebook.site._context import Site  # noqa: PLC0415

    pages = Site.of(book, DEFAULT_POLICY).claim_pages
    return {claim: f"{_page_url(site_url, page)}#{claim}" for claim, page in pages.items()}


def _source_iri(source_id: str, source: "Source | None") -> str:
    """A source's address where it has one, else a URN naming it by its id."""
    if source is not None and source.url is not None:
        return str(source.url)
    return f"urn:casebook:source:{source_id}"


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose}


def _bodies(book: "Casebook", claim: "Claim", url: str | None, unverified: str | None) -> list[Any]:
    """What the passage is evidence of: the claim, its status and codes, the verdict."""
    status = claim.status.value
    bodies = [_text_body(f"{status.capitalize()}: {claim.text}", "describing")]
    bodies.append(_text_body(status, "tagging"))
    bodies.extend(_text_body(book.name_of(code), "tagging") for code in claim.codes)
    if claim.accuracy is not Accuracy.NOT_ASSESSED:
        verdict = claim.accuracy.value.capitalize()
        note = f"{verdict}: {claim.note}" if claim.note is not None else verdict
        bodies.append(_text_body(note, "assessing"))
    if unverified is not None:
        bodies.append(_text_body(unverified, "commenting"))
    if url is not None:
        bodies.append({"type": "SpecificResource", "source": url, "purpose": "linking"})
    return bodies


class _Targets:
    """The passages quotes select, each source's excluded passages located once."""

    def __init__(self, book: "Casebook") -> None:
        self.book = book
        self.excluded: dict[str, list[tuple[int, int]]] = {}

    def _skip(self, source_id: str, text: str) -> list[tuple[int, int]]:
        """Where the source's excluded passages are, found as the loader finds them."""
        if source_id not in self.excluded:
            source = self.book.sources.get(source_id)
            found, _ = _spans(normalise_lines(text), source.excluded if source else ())
            self.excluded[source_id] = [(start, end) for start, end, _ in found]
        return self.excluded[source_id]

    def target(self, evidence: "Evidence") -> tuple[dict[str, Any], str | None]:
        """The quote's target, and why it is not verified, if it is not."""
        source = self.book.sources.get(evidence.source)
        selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": evidence.quote}
        text = self.book.texts.get(evidence.source)
        span = None
        if text is not None:
            span = locate(evidence.quote, text, skip=self._skip(evidence.source, text))
        if text is not None and span is not None:
            start, end = span
            selector["exact"] = text[start:end]
            selector["prefix"] = text[max(0, start - _AROUND) : start]
            selector["suffix"] = text[end : end + _AROUND]
        target = {
            "type": "SpecificResource",
            "source": _source_iri(evidence.source, source),
            "selector": selector,
        }
        if span is not None:
            return target, None
        return target, _NO_TEXT if text is None else _NOT_FOUND


def annotations(book: "Casebook", *, site_url: str | None = None) -> dict[str, Any]:
    """Every evidence quote of every claim as a Web Annotation, in one collection.

    An annotation's `id` is, with `site_url` (the address of the casebook's site, such as
    `https://casebook.readthedocs.io/`), the claim on the site with the quote's number
    (from 1) as a query, `<page>?evidence=2#<claim-id>`, which opens at the claim; without,
    `urn:casebook:claim:<claim-id>:evidence:<n>`. With `site_url`, a `linking` body gives the
    claim's own address too.

    The target is the source, by its URL (`urn:casebook:source:<id>` for a source without
    one), and a `TextQuoteSelector`. For a source whose text casebook holds, `exact` is the
    passage as the text writes it (line breaks and curly quote marks kept), found where the
    quote was verified, outside the excluded passages; `prefix` and `suffix` are the up to 32
    characters of the text before and after it, so that the three together are a verbatim
    slice of the text. For a source known only by its URL, `exact` is the quote as recorded,
    without prefix or suffix, and a `commenting` body says it is not verified. The model gives
    a target's source no title: a source's title and publisher are on its page on the site.

    The bodies: `describing`, the claim's status and text (`Reported: …`); `tagging`, the
    status, and the label of each analytic code of the claim; `assessing`, where the editors
    judged the claim, their verdict and note (`Inaccurate: …`). Every annotation is the
    editors' (`creator`), written by casebook (`generator`); the output holds no timestamp, so
    the same casebook always gives the same collection.
    """
    urls = _claim_urls(book, site_url) if site_url is not None else {}
    targets = _Targets(book)
    editors = _editors(site_url)
    generator = {"type": "Software", "name": f"casebook {__version__}"}
    items = []
    for _, claim in book.claims():
        url = urls.get(claim.id)
        for number, evidence in enumerate(claim.evidence, 1):
            target, unverified = targets.target(evidence)
            items.append(
                {
                    "id": _annotation_id(claim.id, number, url),
                    "type": "Annotation",
                    "motivation": "describing",
                    "creator": editors,
                    "generator": generator,
                    "body": _bodies(book, claim, url, unverified),
                    "target": target,
                }
            )
    return {
        "@context": CONTEXT,
        "id": _COLLECTION,
        "type": "AnnotationCollection",
        "label": "The evidence quotes of every claim of the casebook",
        "total": len(items),
        "first": {
            "id": f"{_COLLECTION}:page:1",
            "type": "AnnotationPage",
            "partOf": _COLLECTION,
            "startIndex": 0,
            "items": items,
        },
    }


def _annotation_id(claim_id: str, number: int, url: str | None) -> str:
    if url is None:
        return f"urn:casebook:claim:{claim_id}:evidence:{number}"
    page, _, anchor = url.partition("#")
    return f"{page}?evidence={number}#{anchor}"


def write(book: "Casebook", folder: "Path", *, site_url: str | None = None) -> tuple["Path", ...]:
    """Write `annotations.jsonld` into `folder`, which exists.

    The file is UTF-8 JSON, indented, with DEL, the C1 controls, `<`, `>` and `&` escaped.

    Returns:
        The file written.
    """
    path = folder / FILE
    text = _json_text(annotations(book, site_url=site_url))
    path.write_text(text, encoding="utf-8", newline="\n")
    return (path,)
