"""Cross-case synthesis: the codes and code categories that several cases share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from casebook._presence import DEFAULT_POLICY, CaseEvidence, Presence, PresencePolicy, code_evidence

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["Pattern", "as_cases", "patterns"]


@attrs.frozen
class Pattern:
    """A code (or a category of codes) with evidence in at least `min_support` cases.

    The pattern's `presence` is the weakest kind of evidence it needs: an *observed* pattern
    rests on observed evidence in each of its cases, while an *alleged* or *predicted* one needs
    allegations or forecasts in at least one of them. A student reads observed patterns as what
    happened, and the others as what someone claims or expects.
    """

    code: str
    """Code id, or category id when `scope` is `category`."""
    scope: Literal["code", "category"]
    """Whether the pattern is a single code or a whole category of codes."""
    presence: Presence
    """The weakest kind of presence counted: observed, assessed, alleged or predicted."""
    cases: tuple[str, ...]
    """Ids of the cases where it is present at least that strongly, sorted."""
    evidence: tuple[CaseEvidence, ...]
    """Each of those cases' evidence, in the order of `cases`."""
    weaker: tuple[CaseEvidence, ...] = ()
    """Cases where it has only weaker evidence, which the pattern does not count."""
    label: str | None = None
    """The code's or category's label, when a codebook was at hand."""
    definition: str | None = None
    """Its definition, when a codebook was at hand."""
    category: str | None = None
    """The code's category, for a code pattern with a codebook at hand."""

    @property
    def support(self) -> int:
        """How many cases show it."""
        return len(self.cases)

    @property
    def single_origin(self) -> tuple[str, ...]:
        """The cases where the pattern rests on a single independent origin."""
        return tuple(e.case for e in self.evidence if e.single_origin)


def as_cases(cases: Casebook | Iterable[Case]) -> tuple[tuple[Case, ...], Casebook | None]:
    """The cases to analyse, and the casebook they came from if one was given.

    Raises:
        ValueError: Two cases share an id.
    """
    from casebook._library import Casebook  # noqa: PLC0415 - the library imports models lazily

    book = cases if isinstance(cases, Casebook) else None
    found = tuple(cases.cases.values()) if isinstance(cases, Casebook) else tuple(cases)
    seen: set[str] = set()
    for case in found:
        if case.id in seen:
            msg = f"case {case.id!r} is given twice"
            raise ValueError(msg)
        seen.add(case.id)
    return found, book


def _find(
    key: str,
    scope: Literal["code", "category"],
    found: Mapping[str, CaseEvidence],
    min_support: int,
) -> Pattern | None:
    """The pattern at the strongest kind that `min_support` cases reach, if any."""
    for kind in Presence:
        counted = [e for e in found.values() if e.presence.at_least(kind)]
        if len(counted) >= min_support:
            counted.sort(key=lambda e: e.case)
            weaker = sorted(
                (e for e in found.values() if not e.presence.at_least(kind)),
                key=lambda e: e.case,
            )
            return Pattern(
                code=key,
                scope=scope,
                presence=kind,
                cases=tuple(e.case for e in counted),
                evidence=tuple(counted),
                weaker=tuple(weaker),
            )
    return None


def patterns(
    cases: Casebook | Iterable[Case],
    min_support: int = 2,
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    book: Casebook | None = None,
) -> list[Pattern]:
    """Codes and code categories present in at least `min_support` cases, ranked.

    Args:
        cases: A [`Casebook`][casebook.Casebook] or any cases.
        min_support: How many cases must show a pattern, at least 1.
        policy: How claims count towards presence; observed, assessed, alleged and predicted
            patterns are kept apart (see [`PresencePolicy`][casebook.PresencePolicy]).
        book: The casebook whose codebook gives labels, definitions and categories, and whose
            source chains give each finding's independent origins; defaults to `cases` when
            that is a casebook. Without one, only code patterns are found, with no definitions,
            and each source counts as its own origin.

    Returns:
        Observed patterns first, then assessed, alleged and predicted; within each, codes before
        categories, then by support, then by the number of supporting claims, then by id.

    Raises:
        ValueError: `min_support` is below 1, or two cases share an id.
    """
    if isinstance(min_support, bool) or not isinstance(min_support, int) or min_support < 1:
        msg = f"min_support must be a whole number of cases, 1 or more; got {min_support!r}"
        raise ValueError(msg)
    found_cases, given_book = as_cases(cases)
    book = book if book is not None else given_book
    by_code: dict[str, dict[str, CaseEvidence]] = {}
    by_category: dict[str, dict[str, CaseEvidence]] = {}
    group = {code.id: code.category for code in book.codebook.values()} if book else None
    origins = book.origins if book is not None else None
    for case in found_cases:
        for code, evidence in code_evidence(case, policy, origins=origins).items():
            by_code.setdefault(code, {})[case.id] = evidence
        if group is not None:
            found = code_evidence(case, policy, group=group, origins=origins)
            for category, evidence in found.items():
                by_category.setdefault(category, {})[case.id] = evidence
    result: list[Pattern] = []
    tables: tuple[tuple[Literal["code", "category"], dict[str, dict[str, CaseEvidence]]], ...]
    tables = (("code", by_code), ("category", by_category))
    for scope, table in tables:
        for key, found in table.items():
            pattern = _find(key, scope, found, min_support)
            if pattern is not None:
                result.append(_describe(pattern, book))
    result.sort(
        key=lambda p: (
            p.presence.rank,
            p.scope != "code",
            -p.support,
            -sum(len(e.claims) for e in p.evidence),
            p.code,
        )
    )
    return result


def _describe(pattern: Pattern, book: Casebook | None) -> Pattern:
    if book is None:
        return pattern
    if pattern.scope == "code":
        code = book.codebook.get(pattern.code)
        if code is None:
            return pattern
        return attrs.evolve(
            pattern, label=code.label, definition=code.definition, category=code.category
        )
    category = book.categories.get(pattern.code)
    if category is None:
        return pattern
    return attrs.evolve(pattern, label=category.label, definition=category.definition)
