"""Hand-written pages filled from the data: cited claims linked with their verdicts, and lists.

A hand-written page never types in what the data says: a claim id it cites becomes a link with
the editors' verdict, and a marker such as `<!-- casebook:case-list -->` becomes the list the
data gives when the site is built.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from casebook._presence import DEFAULT_POLICY
from casebook.site._context import Site
from casebook.site._downloads import tables_reference

if TYPE_CHECKING:
    from enum import StrEnum

    from casebook._compare import Comparison
    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["SNIPPETS", "cite_claims", "fill_page"]

_CODE = re.compile(r"(?<!`)`([a-z0-9]+(?:-[a-z0-9]+)*)`(?!`)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def cite_claims(book: Casebook, path: str, markdown: str) -> str:
    """A hand-written page with each cited claim linked to where it is shown in full.

    A claim id written as inline code (`` `pk-doha-agreement-credited-to-biden` ``) becomes
    a link to the claim on its case or precedent page, followed by the editors' verdict where
    they gave one (the note is its tooltip), exactly as on the generated pages. Ids that are
    not claims, and everything inside fenced code blocks, are left alone.

    Args:
        book: The casebook whose claims the page cites.
        path: The page's path in the docs folder, e.g. `method/epistemic-status.md`.
        markdown: The page's text.
    """
    site = Site.of(book, DEFAULT_POLICY)
    out: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            out.append(line)
            continue
        out.append(
            _CODE.sub(
                lambda m: site.claim(path, m[1]) if m[1] in site.claim_pages else m[0],
                line,
            )
        )
    return "".join(out)


def _case_list(site: Site, path: str) -> str:
    lines = []
    for case in site.book.cases.values():
        status = case.deal.status[-1].status.value
        lines.append(
            f"- {site.case(path, case.id)}: {case.deal.kind.value}, {status}, current to "
            f"{case.as_of}, {len(case.claims)} claims."
        )
    return "\n".join(lines) if lines else "*No cases yet.*"


def _vocabularies(_site: Site, _path: str) -> str:
    from casebook.models import vocab  # noqa: PLC0415 - only this snippet needs them all

    fields: tuple[tuple[str, type[StrEnum]], ...] = (
        ("claim `status`", vocab.EpistemicStatus),
        ("claim `accuracy`", vocab.Accuracy),
        ("source `kind`", vocab.SourceKind),
        ("excluded passage `reason`", vocab.ExclusionReason),
        ("date inference `confidence`", vocab.Confidence),
        ("party `kind`", vocab.PartyKind),
        ("place `kind`", vocab.PlaceKind),
        ("commodity `group`", vocab.CommodityGroup),
        ("precedent `kind`", vocab.PrecedentKind),
        ("deal `kind`", vocab.DealKind),
        ("deal party `role`", vocab.Role),
        ("offer `kind`", vocab.OfferKind),
        ("negative impact `kind`", vocab.ImpactKind),
        ("precedent link `relation`", vocab.PrecedentRelation),
    )
    lines = ["| field | allowed values |", "|---|---|"]
    lines.extend(
        f"| {name} | {', '.join(f'`{member.value}`' for member in enum)} |" for name, enum in fields
    )
    statuses = ", ".join(f"`{s.value}` ({s.track})" for s in vocab.DealStatus)
    lines.append(f"| status step `status` (its track) | {statuses} |")
    return "\n".join(lines)


_DRC, _PAKISTAN = "drc-us-minerals-for-security", "pakistan-us-minerals"
"""The founding cases, which the method pages take as their worked example."""


def _founding(site: Site) -> tuple[Case, Case] | None:
    cases = site.book.cases
    if _DRC in cases and _PAKISTAN in cases:
        return cases[_DRC], cases[_PAKISTAN]
    return None


def _founding_comparison(site: Site) -> Comparison | None:
    from casebook._compare import compare  # noqa: PLC0415 - only the method pages need it

    founding = _founding(site)
    if founding is None:
        return None
    return compare(*founding, policy=site.policy, origins=site.book.origins)


_MISSING = "*(the founding cases are not in this casebook)*"


def _status_counts(site: Site, _path: str) -> str:
    from casebook.models.vocab import EpistemicStatus  # noqa: PLC0415

    founding = _founding(site)
    if founding is None:
        return _MISSING
    drc, pakistan = founding
    lines = ["| status | DRC case | Pakistan case |", "|---|---:|---:|"]
    lines.extend(
        f"| `{status.value}` | {sum(c.status is status for c in drc.claims)} "
        f"| {sum(c.status is status for c in pakistan.claims)} |"
        for status in EpistemicStatus
    )
    return "\n".join(lines)


def _answer_counts(site: Site, _path: str) -> str:
    comparison = _founding_comparison(site)
    if comparison is None:
        return _MISSING
    lines = ["| question | DRC case | Pakistan case |", "|---|---:|---:|"]
    lines.extend(f"| {q.question} | {len(q.a)} | {len(q.b)} |" for q in comparison.questions)
    return "\n".join(lines)


def _components(site: Site, _path: str) -> str:
    comparison = _founding_comparison(site)
    if comparison is None:
        return _MISSING
    lines = [
        "| component | weight | DRC case | Pakistan case | shared | Jaccard index |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in comparison.components:
        union = c.a + c.b - c.shared
        score = "0" if not c.shared else f"{c.shared} / {union} = {c.score:.3g}"
        lines.append(f"| {c.name} | {c.weight:g} | {c.a} | {c.b} | {c.shared} | {score} |")
    times = "\N{MULTIPLICATION SIGN}"
    terms = " + ".join(
        f"{c.weight:g} {times} {c.score:.3g}" if c.score else f"{c.weight:g} {times} 0"
        for c in comparison.components
        if c.score is not None
    )
    lines += ["", f"The similarity is {terms} ≈ {comparison.similarity:.3f}."]
    return "\n".join(lines)


def _codes_present_in_both(site: Site, _path: str) -> str:
    comparison = _founding_comparison(site)
    if comparison is None:
        return "—"
    return str(next(c.shared for c in comparison.components if c.name == "codes"))


def _codes_shared(site: Site, _path: str) -> str:
    comparison = _founding_comparison(site)
    return "—" if comparison is None else str(len(comparison.shared))


def _mill_kept(site: Site, _path: str) -> str:
    from casebook.mill import difference  # noqa: PLC0415

    founding = _founding(site)
    if founding is None:
        return "—"
    result = difference(list(founding), "host-seeks-military-support", policy=site.policy)
    return f"{len(result.candidates)} of the {len(result.candidates) + len(result.eliminated)}"


SNIPPETS = {
    "case-list": _case_list,
    "vocabularies": _vocabularies,
    "founding-status-counts": _status_counts,
    "founding-answer-counts": _answer_counts,
    "founding-components": _components,
    "founding-codes-present-in-both": _codes_present_in_both,
    "founding-codes-shared": _codes_shared,
    "founding-mill-kept": _mill_kept,
    "export-tables": tables_reference,
}
"""Markers a hand-written page may hold, `<!-- casebook:NAME -->`, and what fills each: a
line of its own for a list or a table, or a place within a sentence for a figure."""

_MARKER = re.compile(r"<!-- casebook:([a-z-]+) -->")
_BLOCK = re.compile(r"^([ \t]*)<!-- casebook:([a-z-]+) -->[ \t]*$", re.MULTILINE)


def fill_page(book: Casebook, path: str, markdown: str) -> str:
    """A hand-written page as the site shows it: markers filled, cited claims linked.

    Args:
        book: The casebook the site shows.
        path: The page's path in the docs folder, e.g. `index.md`.
        markdown: The page's text.

    Raises:
        KeyError: A marker names no snippet of `SNIPPETS`.
    """
    site = Site.of(book, DEFAULT_POLICY)

    def block(match: re.Match[str]) -> str:
        indent = match[1]
        return "\n".join(
            indent + line if line else line for line in SNIPPETS[match[2]](site, path).split("\n")
        )

    filled = _BLOCK.sub(block, markdown)  # a list or table, indented like its marker
    filled = _MARKER.sub(lambda m: SNIPPETS[m[1]](site, path), filled)  # a figure in a sentence
    return cite_claims(book, path, filled)
