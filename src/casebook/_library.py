"""The Casebook: the loaded, cross-checked collection of cases and registries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from casebook._compare import Comparison
    from casebook._errors import Problem
    from casebook._patterns import Pattern
    from casebook._presence import PresencePolicy
    from casebook._similarity import SimilarityMatrix
    from casebook.export import Table
    from casebook.models import (
        Case,
        Claim,
        Code,
        CodeCategory,
        Commodity,
        Party,
        Place,
        Precedent,
        Source,
        StatusMarker,
    )

__all__ = ["Casebook"]


@attrs.frozen(eq=False)
class Casebook:
    """Cases with the registries they refer to, every reference and quote checked.

    Obtain one with [`casebook.load`][casebook.load]. Every mapping is keyed by id, in the order
    the files list them.
    """

    root: Path
    """The folder the cases were loaded from."""
    cases: Mapping[str, Case]
    """The cases."""
    sources: Mapping[str, Source]
    """Registered sources."""
    parties: Mapping[str, Party]
    """Parties: states, armed forces, people, groups."""
    places: Mapping[str, Place]
    """Places."""
    commodities: Mapping[str, Commodity]
    """Commodities."""
    precedents: Mapping[str, Precedent]
    """Precedents."""
    codebook: Mapping[str, Code]
    """Analytic codes."""
    categories: Mapping[str, CodeCategory]
    """Categories of the analytic codes."""
    status_markers: Mapping[str, StatusMarker] = attrs.field(repr=False)
    """Words in a quote that suggest a claim's epistemic status (the coding protocol)."""
    texts: Mapping[str, str] = attrs.field(repr=False)
    """Full text of each source that has a local file, as read from disk."""
    origins: Mapping[str, frozenset[str]] = attrs.field(repr=False)
    """Source id → its independent origins: the sources it relays that relay nothing
    themselves (a source that relays nothing is its own origin)."""
    warnings: tuple[Problem, ...] = attrs.field(default=(), repr=False)
    """What loading found questionable but not wrong: quotes whose wording does not fit the
    claim's status. `casebook.load(strict=True)` raises on them instead."""
    _claims: dict[str, Claim] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Index every claim by id, for quick look-ups."""
        object.__setattr__(self, "_claims", {claim.id: claim for _, claim in self.claims()})

    def source_text(self, source_id: str) -> str | None:
        """The full text of a source, or None when only its URL is registered.

        Raises:
            KeyError: No source has that id.
        """
        if source_id not in self.sources:
            raise KeyError(source_id)
        return self.texts.get(source_id)

    def claims(self) -> Iterator[tuple[str, Claim]]:
        """Every claim with the id of the case or precedent that holds it."""
        for case in self.cases.values():
            for claim in case.claims:
                yield case.id, claim
        for precedent in self.precedents.values():
            for claim in precedent.claims:
                yield precedent.id, claim

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id, in whichever case or precedent holds it.

        Raises:
            KeyError: No claim has that id.
        """
        return self._claims[claim_id]

    def name_of(self, entity_id: str) -> str:
        """The display name of a party, place, commodity, precedent or code; else the id."""
        for registry in (self.parties, self.places, self.commodities, self.precedents):
            entity = registry.get(entity_id)
            if entity is not None:
                return entity.name
        code = self.codebook.get(entity_id)
        return code.label if code is not None else entity_id

    def compare(self, a: str, b: str, *, policy: PresencePolicy | None = None) -> Comparison:
        """Compare two of the cases by id; see [`casebook.compare`][casebook.compare].

        Raises:
            KeyError: No case has one of the ids.
        """
        from casebook._compare import compare  # noqa: PLC0415 - comparison loads on demand
        from casebook._presence import DEFAULT_POLICY  # noqa: PLC0415

        return compare(
            self.cases[a], self.cases[b], policy=policy or DEFAULT_POLICY, origins=self.origins
        )

    def patterns(
        self, min_support: int = 2, *, policy: PresencePolicy | None = None
    ) -> list[Pattern]:
        """Patterns across the cases; see [`casebook.patterns`][casebook.patterns]."""
        from casebook._patterns import patterns  # noqa: PLC0415 - comparison loads on demand
        from casebook._presence import DEFAULT_POLICY  # noqa: PLC0415

        return patterns(self, min_support, policy=policy or DEFAULT_POLICY)

    def tables(self) -> dict[str, Table]:
        """The casebook as tables; see [`casebook.export.tables`][casebook.export.tables].

        `pandas.DataFrame(book.tables()["claims"])` is a frame of the claims, a row each.
        """
        from casebook.export import tables  # noqa: PLC0415 - the tables load on demand

        return tables(self)

    def similarity_matrix(self, *, policy: PresencePolicy | None = None) -> SimilarityMatrix:
        """Pairwise similarity; see [`similarity_matrix`][casebook.similarity_matrix]."""
        from casebook._presence import DEFAULT_POLICY  # noqa: PLC0415
        from casebook._similarity import similarity_matrix  # noqa: PLC0415

        return similarity_matrix(self, policy=policy or DEFAULT_POLICY)
