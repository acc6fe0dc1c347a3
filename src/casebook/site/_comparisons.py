"""Comparison pages: chosen pairs of cases side by side, and the patterns across all cases."""

from __future__ import annotations

import operator
from collections import Counter
from typing import TYPE_CHECKING

import attrs
import numpy as np

from casebook._compare import compare
from casebook._markdown import escape
from casebook._patterns import patterns
from casebook._presence import Presence
from casebook._render_compare import components_table, evidence_base_table
from casebook._similarity import similarity_matrix
from casebook.models.vocab import Accuracy
from casebook.site._claims import status_badge
from casebook.site._links import (
    ANY_PAIR,
    CODEBOOK,
    COMPARISONS,
    PATTERNS,
    attribute,
    heading,
    href,
    link,
    pair_page,
)
from casebook.site.verbatim import verbatim

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from casebook._compare import Answer, Comparison
    from casebook._library import Casebook
    from casebook._presence import CaseEvidence, PresencePolicy
    from casebook._similarity import SimilarityMatrix
    from casebook.site._context import Site

__all__ = [
    "NEAREST",
    "PairChoice",
    "any_pair_markdown",
    "choose_pairs",
    "chosen_comparisons",
    "comparisons_index",
    "nearest_cases",
    "pair_markdown",
    "patterns_markdown",
]

NEAREST = 3
"""How many of its most similar cases each case is compared with, a page for each pair."""

EPISTEMIC_STATUS = "method/epistemic-status.md"
"""The method page that explains each epistemic status."""

MEANING = {
    Presence.OBSERVED: "Observed: facts, reports and official statements.",
    Presence.QUESTIONED: (
        "Questioned: facts, reports and official statements the editors flagged as dated or "
        "disputed, and nothing stronger."
    ),
    Presence.ASSESSED: "Assessed: only analysts' assessments and opinions.",
    Presence.ALLEGED: "Alleged: only allegations.",
    Presence.PREDICTED: "Predicted: only forecasts and speculation.",
}
"""What each kind of presence means, for a heading's lead."""


def _cell(site: Site, origin: str, entry: str, evidence: CaseEvidence) -> str:
    """A case's evidence for a code, as HTML for a table cell: its strongest claim quoted.

    The quote is the first quote of the first claim that counts (claims come strongest first),
    shown with the claim's status. The other counted claims are counted by kind and left to the
    codebook's `entry` for the code (or its category), which lists them; claims that do not
    count (denials, claims set aside, later developments) are linked one by one, so that what
    the finding leaves out stays in view. A page that listed every claim would grow with the
    claims of both cases on each of their shared codes.
    """
    book = site.book
    first, *rest = evidence.claims
    claim = book.claim(first.claim)
    badge = status_badge(claim.status, tooltip=False)
    quoted = (
        f'{badge} <q class="cb-quote" data-case="{attribute(evidence.case)}" '
        f'data-claim="{attribute(claim.id)}">{escape(claim.evidence[0].quote)}</q> '
        f"— {site.claim_html(origin, claim.id)}"
    )
    parts = [quoted]
    if claim.accuracy is not Accuracy.NOT_ASSESSED and claim.note:
        parts.append(f"<em>Editors, {claim.accuracy.value}:</em> {escape(claim.note)}")
    parts.append(_origins(site, origin, evidence))
    if rest:
        kinds = Counter(c.presence for c in rest)
        counted = ", ".join(f"{kinds[kind]} {kind.value}" for kind in Presence if kinds[kind])
        target = attribute(href(origin, CODEBOOK, entry))
        parts.append(f'<a href="{target}">{len(rest)} more</a> counted: {counted}')
    others = [
        *(f"{site.claim_html(origin, c)} (not counted)" for c in evidence.uncounted),
        *(f"{site.claim_html(origin, c)} (set aside)" for c in evidence.set_aside),
        *(f"{site.claim_html(origin, c)} (later development)" for c in evidence.later),
    ]
    if others:
        parts.append(f"Also: {', '.join(others)}")
    return "<br>".join(parts)


def _origins(site: Site, origin: str, evidence: CaseEvidence) -> str:
    """How many independent origins back the finding, as HTML; a single origin is named."""
    if evidence.single_origin:
        only = next(iter(evidence.origins))
        source = site.source_html(origin, only)
        return f'<span class="cb-origins-single">Single origin:</span> {source}'
    return f"{evidence.independent_origins} independent origins"


def _table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A table written as HTML, one line a row, between blank lines.

    Markdown leaves a block of HTML as it is, and `casebook.site.verbatim` spares the build
    reading it, so a long table of quotes and links costs next to nothing to build; its cells
    are HTML already (escaped text, links by `href`). The
    search leaves the table out: its quotes are found on their case pages, where they are
    shown in full.
    """
    heads = "".join(f"<th>{h}</th>" for h in head)
    lines = ["<table data-search-exclude>", f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    lines.extend("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return verbatim([*lines, "</tbody>", "</table>"])


def _side(title: str, body: list[str]) -> list[str]:
    return ['<div class="cb-side">', f"<p>{title}</p>", *body, "</div>"]


def _answers(site: Site, origin: str, answers: Sequence[Answer]) -> list[str]:
    """One case's answers to a question, as an HTML list, each with the claims behind it."""
    if not answers:
        return ["<p><em>The sources say nothing on this.</em></p>"]
    lines = ["<ul>"]
    for answer in answers:
        names_party = answer.about == (answer.text,)
        text = site.entity_html(origin, answer.text) if names_party else escape(answer.text)
        about = ", ".join(site.entity_html(origin, x) for x in answer.about)
        head = f"<strong>{escape(answer.label)}</strong>"
        if about and not names_party:
            head += f" ({about})"
        lines.append(f"<li>{head}: {text} — {site.claims_html(origin, answer.claims)}</li>")
    return [*lines, "</ul>"]


def _side_by_side(site: Site, origin: str, comparison: Comparison) -> list[str]:
    """Each question of the structured, focused comparison, both cases' answers side by side.

    The answers are written as HTML, as the tables are (see `_table`).
    """
    a, b = comparison.a, comparison.b
    lines = ["## Side by side", ""]
    for question in comparison.questions:
        lines += [f"### {escape(question.question)}", ""]
        block = ['<div class="grid">']
        block += _side(
            f"<strong>{site.case_html(origin, a)}</strong>", _answers(site, origin, question.a)
        )
        block += _side(
            f"<strong>{site.case_html(origin, b)}</strong>", _answers(site, origin, question.b)
        )
        lines += verbatim([*block, "</div>"])
    return lines


def _codes(site: Site, origin: str, comparison: Comparison) -> list[str]:
    """Shared codes by kind of presence, then each case's own codes, as tables of claims."""
    a, b = comparison.a, comparison.b
    title_a, title_b = (escape(site.book.cases[x].title) for x in (a, b))
    lines = [
        f"## Shared codes ({len(comparison.shared)})",
        "",
        (
            f"A code is shared when both cases hold counted evidence for it: "
            f"{len(comparison.shared)} codes here, of which {_present_in_both(comparison)} are "
            f"{comparison.policy.present_from.value} in both, as the similarity's codes "
            "component counts them. Each group is named by the "
            "weaker of the two cases' evidence. Each case's cell quotes its strongest claim, "
            "with its epistemic status ("
            f"[what each status means]({link(origin, EPISTEMIC_STATUS)})) and the editors' "
            "verdict where they gave one, says how many independent origins back it, links "
            "the claims that do not count, and counts the other claims by kind: the codebook "
            "lists them. Each claim links to its case page, where it is shown in full."
        ),
        "",
    ]
    for kind in Presence:
        shared = comparison.shared_at(kind)
        if not shared:
            continue
        lines += [f"### {kind.value.capitalize()} ({len(shared)})", "", MEANING[kind], ""]
        lines += _table(
            ["code", title_a, title_b],
            (
                [
                    site.code_html(origin, item.code),
                    _cell(site, origin, item.code, item.a),
                    _cell(site, origin, item.code, item.b),
                ]
                for item in shared
            ),
        )
    if not comparison.shared:
        lines += ["*The two cases share no code.*", ""]
    for case, only in ((a, comparison.only_a), (b, comparison.only_b)):
        lines += [f"## Only in {site.case(origin, case)} ({len(only)})", ""]
        if not only:
            lines += ["*None.*", ""]
            continue
        lines += _table(
            ["code", "evidence", "claims"],
            (
                [
                    site.code_html(origin, finding.code),
                    finding.evidence.presence.value,
                    _cell(site, origin, finding.code, finding.evidence),
                ]
                for finding in only
            ),
        )
    return lines


SOME_CLAIMS = 3
"""How many of the claims naming a shared entity a pair page links, per case."""


def _some_claims(site: Site, origin: str, entity_id: str, claim_ids: Sequence[str]) -> str:
    """The first `SOME_CLAIMS` claims that name an entity, as HTML, then how many more.

    The rest are a click away: on the entity's page where it has one, else on the case page.
    """
    shown = site.claims_html(origin, claim_ids[:SOME_CLAIMS])
    more = len(claim_ids) - SOME_CLAIMS
    if more <= 0:
        return shown
    page = site.entity_page(entity_id)
    where = f' on <a href="{attribute(href(origin, page))}">its page</a>' if page else ""
    return f"{shown} and {more} more{where}"


def pair_markdown(site: Site, comparison: Comparison, *, searchable: bool = True) -> str:
    """The structured, focused comparison of two cases, with the quotes behind each finding.

    A page that is not `searchable` is left out of the search index.
    """
    book = site.book
    a, b = comparison.a, comparison.b
    origin = pair_page(a, b)
    lines = [
        *heading(f"{book.cases[a].title} and {book.cases[b].title}", searchable=searchable),
        "## Evidence base",
        "",
        (
            "What each case rests on, side by side. Where the cases differ below, check first "
            "whether their sources differ here: a case written up from one commentator relayed "
            "by a wire story has one independent origin however many claims it holds."
        ),
        "",
        *evidence_base_table(book, a, b),
        "",
        "## Similarity",
        "",
        (
            f"Similarity **{comparison.similarity:.2f}** on a scale from 0 to 1: a weighted "
            "Jaccard "
            "index of the codes, parties, commodities, places and precedents the cases share. "
            f"Evidence counts by this rule: {escape(comparison.policy.describe())}."
        ),
        "",
        *components_table(comparison, book.cases[a].title, book.cases[b].title),
    ]
    lines += ["", *_side_by_side(site, origin, comparison), *_codes(site, origin, comparison)]
    lines += ["## Shared parties, commodities, places and precedents", ""]
    if not comparison.entities:
        lines += ["*None.*", ""]
    else:
        lines += _table(
            ["kind", "name", "claims in the first", "claims in the second"],
            (
                [
                    entity.kind,
                    site.entity_html(origin, entity.id),
                    _some_claims(site, origin, entity.id, entity.a),
                    _some_claims(site, origin, entity.id, entity.b),
                ]
                for entity in comparison.entities
            ),
        )
    return "\n".join([*lines, ""])


def patterns_markdown(site: Site) -> str:
    """Patterns across all cases, observed, assessed, alleged and predicted kept apart."""
    book = site.book
    origin = PATTERNS
    found = patterns(book, 2, policy=site.policy)
    lines = [
        *heading("Cross-case patterns"),
        (
            "A pattern is a code, or a category of codes, that at least two cases hold evidence "
            "for. "
            "Its kind is the weakest evidence it needs: a pattern observed in one case but only "
            "predicted in another is a *predicted* pattern. Each case's cell quotes its "
            "strongest claim with its epistemic status "
            f"([what each status means]({link(origin, EPISTEMIC_STATUS)}))."
        ),
        "",
    ]
    for kind in Presence:
        group = [p for p in found if p.presence is kind]
        lines += [f"## {kind.value.capitalize()} patterns ({len(group)})", "", MEANING[kind], ""]
        if not group:
            lines += ["*None.*", ""]
        for pattern in group:
            if pattern.scope == "category":
                name = escape(pattern.label or pattern.code)
                head = f"{name} (category)"
                entry = f"category-{pattern.code}"
            else:
                head = site.code(origin, pattern.code)
                entry = pattern.code
            lines += [f"### {head}", "", f"In {pattern.support} cases.", ""]
            if pattern.definition:
                lines += [f"*{escape(pattern.definition)}*", ""]
            if pattern.single_origin:
                names = ", ".join(site.case(origin, c) for c in pattern.single_origin)
                lines += [
                    (
                        '<span class="cb-origins-single">Single origin</span> in: '
                        f"{names}. There, every claim behind the pattern goes back to one source."
                    ),
                    "",
                ]
            lines += _table(
                ["case", "evidence", "claims"],
                [
                    *(
                        [
                            site.case_html(origin, evidence.case),
                            evidence.presence.value,
                            _cell(site, origin, entry, evidence),
                        ]
                        for evidence in pattern.evidence
                    ),
                    *(
                        [
                            site.case_html(origin, evidence.case),
                            f"only {evidence.presence.value}, not counted",
                            _cell(site, origin, entry, evidence),
                        ]
                        for evidence in pattern.weaker
                    ),
                ],
            )
    return "\n".join(lines)


def _most_similar(count: int) -> str:
    """'its most similar case', 'its 3 most similar cases'."""
    return "its most similar case" if count == 1 else f"its {count} most similar cases"


def _how_chosen(choice: PairChoice, origin: str) -> str:
    """How the pairs with a page were chosen, and where the other pairs are compared."""
    cases = len(choice.partners)
    total = cases * (cases - 1) // 2
    nearest = (
        f"with {_most_similar(min(choice.nearest, cases - 1))} (by the similarity below; of "
        "equally similar "
        "cases, the one whose id comes first), and "
        if choice.nearest
        else ""
    )
    lead = (
        f"Each case is compared, on a page of the two side by side, {nearest}with every case a "
        "precedent ties it to: one case invokes a precedent the other studies."
    )
    any_pair = f"[Compare any two]({link(origin, ANY_PAIR)})"
    if choice.complete:
        return f"{lead} With {cases} cases, that is every pair. {any_pair} compares them too."
    return (
        f"{lead} That makes {len(choice.similarity)} of the {total} pairs; {any_pair} compares "
        "any other pair, with the same questions."
    )


def comparisons_index(site: Site, pairs: Sequence[Comparison], choice: PairChoice) -> str:
    """The pairs of cases that have a page, most similar first, and each case's nearest cases.

    Args:
        site: The casebook and its look-ups.
        pairs: The comparison of every pair with a page.
        choice: Why those pairs have pages: each case's nearest cases, the pairs the data names.
    """
    origin = COMPARISONS
    book = site.book
    lines = [
        *heading("Comparisons"),
        _how_chosen(choice, origin),
        "",
        (
            f"Every comparison asks the same questions. The [patterns]"
            f"({link(origin, PATTERNS)}) page looks across all cases at once."
        ),
        "",
        (
            "Two counts of shared codes, which differ on purpose. *Present in both* counts the "
            "codes each case shows at least as strongly as the presence rule asks "
            f"({site.policy.present_from.value}, by default): the codes component of the "
            "similarity. *Any evidence in both* counts the codes both cases hold any counted "
            "evidence for, however weak (questioned, assessed, alleged or predicted included): "
            "the shared codes listed on each pair page. *Chosen as* says why the pair has a "
            "page: *nearest* when one case is among the other's most similar, *precedent* when "
            "a precedent ties them."
        ),
        "",
        (
            "| first case | second case | similarity | codes present in both "
            "| codes with any evidence in both | comparison | chosen as |"
        ),
        "|---|---|---:|---:|---:|---|---|",
    ]
    lines.extend(
        f"| {site.case(origin, comparison.a)} | {site.case(origin, comparison.b)} "
        f"| {comparison.similarity:.2f} | {_present_in_both(comparison)} "
        f"| {len(comparison.shared)} "
        f"| [side by side]({link(origin, pair_page(comparison.a, comparison.b))}) "
        f"| {', '.join(choice.reasons(comparison.a, comparison.b))} |"
        for comparison in sorted(pairs, key=lambda c: (-c.similarity, c.a, c.b))
    )
    if not pairs:
        lines.append(f"| *{'one case only' if len(book.cases) <= 1 else 'none'}* | | | | | | |")
    if choice.nearest and len(book.cases) > 1:
        nearest = min(choice.nearest, len(book.cases) - 1)
        lines += [
            "",
            "## Each case's nearest cases",
            "",
            f"| case | {_most_similar(nearest)}, with their similarity |",
            "|---|---|",
        ]
        lines.extend(
            f"| {site.case(origin, case)} | "
            + ", ".join(
                f"[{escape(book.cases[other].title)}]({link(origin, pair_page(case, other))}) "
                f"({choice.similarity_of(case, other):.2f})"
                for other in near
            )
            + " |"
            for case, near in choice.neighbours.items()
        )
    return "\n".join([*lines, ""])


def any_pair_markdown(site: Site) -> str:
    """The page for any two cases: how to compare them, and the id of every case."""
    origin = ANY_PAIR
    lines = [
        *heading("Compare any two"),
        (
            f"The [comparisons]({link(origin, COMPARISONS)}) page lists the pairs of cases "
            "compared on a page of their own. Any two cases are compared the same way, with "
            "the same questions, by the `casebook` command:"
        ),
        "",
        "```console",
        "casebook compare FIRST-CASE SECOND-CASE --format markdown",
        "```",
        "",
        "or in Python, with `casebook.load().compare(first, second)`. The cases and their ids:",
        "",
        "| case | id |",
        "|---|---|",
    ]
    lines.extend(f"| {site.case(origin, case)} | `{case}` |" for case in sorted(site.book.cases))
    return "\n".join([*lines, ""])


def _present_in_both(comparison: Comparison) -> int:
    """The codes component of the similarity: codes present in both by the presence rule."""
    return next(c.shared for c in comparison.components if c.name == "codes")


def chosen_comparisons(site: Site, choice: PairChoice) -> list[Comparison]:
    """The comparison of every chosen pair of cases, in id order."""
    cases = site.book.cases
    return [
        compare(cases[a], cases[b], policy=site.policy, origins=site.book.origins)
        for a, b in choice.pairs
    ]


def _ordered(a: str, b: str) -> tuple[str, str]:
    """A pair of case ids, in id order."""
    return (a, b) if a < b else (b, a)


@attrs.frozen
class PairChoice:
    """The pairs of cases that have a comparison page, and why each was chosen.

    A pair is a tuple of two case ids in id order. Each case brings in its `nearest` most
    similar cases; the data names the others: a case that invokes, among its precedents, a
    precedent another case studies (`Case.precedent`).
    """

    nearest: int
    """How many of its most similar cases each case brings in."""
    neighbours: Mapping[str, tuple[str, ...]]
    """Case id → its `nearest` most similar cases, most similar first, ties by id."""
    named: frozenset[tuple[str, str]]
    """The pairs a precedent ties: one case invokes a precedent the other studies."""
    similarity: Mapping[tuple[str, str], float]
    """Every chosen pair → the similarity of its two cases; pairs in id order."""
    partners: Mapping[str, tuple[str, ...]]
    """Case id → every case it has a pair page with, most similar first, ties by id."""

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Every chosen pair, in id order."""
        return tuple(self.similarity)

    @property
    def complete(self) -> bool:
        """Whether every pair of cases has a page."""
        others = len(self.partners) - 1
        return all(len(partners) == others for partners in self.partners.values())

    def similarity_of(self, a: str, b: str) -> float:
        """The similarity of a chosen pair, its cases in either order.

        Raises:
            KeyError: The pair has no page.
        """
        return self.similarity[_ordered(a, b)]

    def reasons(self, a: str, b: str) -> list[str]:
        """Why a pair has a page: *nearest*, *precedent*, or both."""
        near = b in self.neighbours.get(a, ()) or a in self.neighbours.get(b, ())
        return [
            *(["nearest"] if near else []),
            *(["precedent"] if _ordered(a, b) in self.named else []),
        ]


def nearest_cases(matrix: SimilarityMatrix, count: int) -> dict[str, tuple[str, ...]]:
    """Each case's `count` most similar cases, as `SimilarityMatrix.most_similar` ranks them.

    Most similar first, ties by id, the case itself left out; one pass over each row.
    """
    ids = matrix.ids
    size = len(ids)
    take = min(count, size - 1)
    if take <= 0:
        return dict.fromkeys(ids, ())
    rank = np.empty(size, dtype=np.int64)
    rank[sorted(range(size), key=ids.__getitem__)] = np.arange(size)
    found: dict[str, tuple[str, ...]] = {}
    for i, case in enumerate(ids):
        distance = np.negative(matrix.values[i])
        distance[i] = np.inf
        cut = np.partition(distance, take - 1)[take - 1]
        candidates = np.flatnonzero(distance <= cut)
        order = np.lexsort((rank[candidates], distance[candidates]))
        found[case] = tuple(ids[j] for j in candidates[order[:take]])
    return found


def _named_pairs(book: Casebook) -> frozenset[tuple[str, str]]:
    """The pairs of cases a precedent ties: one invokes a precedent the other studies."""
    studied: dict[str, list[str]] = {}
    for case in book.cases.values():
        if case.precedent is not None:
            studied.setdefault(case.precedent, []).append(case.id)
    return frozenset(
        _ordered(case.id, other)
        for case in book.cases.values()
        for invoked in case.precedents
        for other in studied.get(invoked.precedent, ())
        if other != case.id
    )


def choose_pairs(book: Casebook, *, policy: PresencePolicy, nearest: int = NEAREST) -> PairChoice:
    """Choose the pairs of cases that get a comparison page.

    Each case's `nearest` most similar cases, by
    [`similarity_matrix`][casebook.similarity_matrix] (ties by case id), and every pair a
    precedent ties. With `nearest` at least the number of cases less one, every pair.

    Raises:
        TypeError: `nearest` is not a whole number.
        ValueError: `nearest` is negative.
    """
    nearest = operator.index(nearest)
    if nearest < 0:
        message = f"nearest must be at least 0, not {nearest}"
        raise ValueError(message)
    matrix = similarity_matrix(book, policy=policy)
    neighbours = nearest_cases(matrix, nearest)
    named = _named_pairs(book)
    index = {case: i for i, case in enumerate(matrix.ids)}
    chosen = {_ordered(a, b) for a, near in neighbours.items() for b in near} | named
    similarity = {(a, b): float(matrix.values[index[a], index[b]]) for a, b in sorted(chosen)}
    partners: dict[str, list[tuple[float, str]]] = {case: [] for case in matrix.ids}
    for (a, b), score in similarity.items():
        partners[a].append((-score, b))
        partners[b].append((-score, a))
    return PairChoice(
        nearest=nearest,
        neighbours=neighbours,
        named=named,
        similarity=similarity,
        partners={case: tuple(o for _, o in sorted(ranked)) for case, ranked in partners.items()},
    )
