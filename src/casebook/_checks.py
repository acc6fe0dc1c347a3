"""The second pass of loading: every reference resolves, every quote is in its source."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import attrs

from casebook._text import closest_passage, normalise
from casebook.models._base import date_span

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from casebook._documents import Document, Loc
    from casebook._errors import Problem, ProblemCode
    from casebook.models import Case, Claim, LocalImpact, Precedent, StatusMarker, Supported

__all__ = ["Checker", "Origin", "SourceText"]


@attrs.frozen
class Origin:
    """Where a record was read: its file and its place in the file."""

    document: Document
    loc: Loc


@attrs.frozen
class SourceText:
    """A source's text, normalised for matching, with its excluded passages."""

    normalised: str
    excluded: tuple[tuple[int, int, str], ...]
    """(start, end, reason) in the normalised text."""


class Checker:
    """Resolves references and verifies quotes, collecting every problem found."""

    def __init__(  # noqa: PLR0913 - one table per registry
        self,
        *,
        sources: Iterable[str],
        parties: Iterable[str],
        places: Iterable[str],
        commodities: Iterable[str],
        precedents: Iterable[str],
        codes: Iterable[str],
        categories: Iterable[str],
        claims: Iterable[str],
        texts: Mapping[str, SourceText],
        markers: Sequence[StatusMarker] = (),
    ) -> None:
        """Take the id tables of every registry and the texts of the sources."""
        self.problems: list[Problem] = []
        self.tables: dict[str, frozenset[str]] = {
            "source": frozenset(sources),
            "party": frozenset(parties),
            "place": frozenset(places),
            "commodity": frozenset(commodities),
            "precedent": frozenset(precedents),
            "code": frozenset(codes),
            "code category": frozenset(categories),
            "claim": frozenset(claims),
        }
        self.tables["entity"] = (
            self.tables["party"]
            | self.tables["place"]
            | self.tables["commodity"]
            | self.tables["precedent"]
        )
        self.texts = texts
        self.markers = markers
        self.warnings: list[Problem] = []

    def report(self, origin: Origin, loc: Loc, message: str, *, code: ProblemCode) -> None:
        """Record a problem at `loc` within the record at `origin`."""
        self.problems.append(origin.document.problem((*origin.loc, *loc), message, code=code))

    def ref(self, origin: Origin, loc: Loc, value: str | None, kind: str) -> None:
        """Check that `value` is the id of a known record of `kind`."""
        if value is None or value in self.tables[kind]:
            return
        known = self.tables[kind]
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        what = "party, place, commodity or precedent" if kind == "entity" else kind
        self.report(origin, loc, f"unknown {what} id {value!r}{hint}", code="unknown-reference")

    def refs(self, origin: Origin, loc: Loc, values: Sequence[str], kind: str) -> None:
        """Check every id of a list of references."""
        for index, value in enumerate(values):
            self.ref(origin, (*loc, index), value, kind)

    def claim_refs(
        self, origin: Origin, loc: Loc, values: Sequence[str], own: frozenset[str] | None
    ) -> None:
        """Check claim references; with `own`, they must be claims of the same case."""
        for index, value in enumerate(values):
            if own is not None and value not in own and value in self.tables["claim"]:
                self.report(
                    origin,
                    (*loc, index),
                    f"claim {value!r} belongs to another case; "
                    "a case cites its own claims or those of precedents",
                    code="claim-of-another-case",
                )
            elif own is not None and value not in own:
                close = difflib.get_close_matches(value, own, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                message = f"unknown claim id {value!r}{hint}"
                self.report(origin, (*loc, index), message, code="unknown-reference")
            else:
                self.ref(origin, (*loc, index), value, "claim")

    def warn(self, origin: Origin, loc: Loc, message: str, *, code: ProblemCode) -> None:
        """Record a warning at `loc` within the record at `origin`."""
        problem = origin.document.problem((*origin.loc, *loc), message, code=code)
        self.warnings.append(attrs.evolve(problem, severity="warning"))

    def status_markers(self, origin: Origin, loc: Loc, claim: Claim) -> None:
        """Warn once for each marker in the claim's quotes that does not fit its status."""
        if claim.status_reason is not None:
            return
        for marker in self.markers:
            if claim.status in marker.suggests:
                continue
            if not any(marker.found_in(evidence.quote) for evidence in claim.evidence):
                continue
            fits = ", ".join(status.value for status in marker.suggests)
            self.warn(
                origin,
                (*loc, "status"),
                f"claim {claim.id!r} is coded {claim.status.value!r}, but its quote says "
                f"{marker.phrase!r}, which suggests {fits}: recode the claim, or give the "
                "editors' reason for its status in `status_reason`",
                code="status-marker",
            )

    def oldest_first(self, origin: Origin, loc: Loc, dates: Sequence[str | None]) -> None:
        """Report a dated entry that can only fall before an earlier entry of the list.

        Partial dates are spans: `2025` may follow `2025-06`, but `2025-02` may not follow
        `2025-03`. Undated entries are not placed.
        """
        latest: tuple[str, str] | None = None
        for index, value in enumerate(dates):
            if value is None:
                continue
            span = date_span(value)
            if latest is not None and span[1] < date_span(latest[1])[0]:
                self.report(
                    origin,
                    (*loc, index, "date"),
                    f"the history is oldest first, but {value} comes after {latest[1]} "
                    f"(entry {latest[0]}); move this entry before it, or correct its date",
                    code="date-order",
                )
                continue
            latest = (str(index), value)

    def claim(self, origin: Origin, loc: Loc, claim: Claim) -> None:
        """Check a claim's references, verify each of its quotes, and weigh its status."""
        self.status_markers(origin, loc, claim)
        self.refs(origin, (*loc, "attributed_to"), claim.attributed_to, "party")
        self.refs(origin, (*loc, "codes"), claim.codes, "code")
        self.refs(origin, (*loc, "about"), claim.about, "entity")
        self.refs(origin, (*loc, "corrected_by"), claim.corrected_by, "claim")
        if claim.id in claim.corrected_by:
            message = "a claim cannot correct itself"
            self.report(origin, (*loc, "corrected_by"), message, code="self-correction")
        for index, evidence in enumerate(claim.evidence):
            where = (*loc, "evidence", index)
            self.ref(origin, (*where, "source"), evidence.source, "source")
            text = self.texts.get(evidence.source)
            if text is not None:
                self._quote(origin, (*where, "quote"), evidence.source, evidence.quote, text)

    def _quote(self, origin: Origin, loc: Loc, source: str, quote: str, text: SourceText) -> None:
        wanted = normalise(quote)
        found = text.normalised.find(wanted)
        if found < 0:
            passage, ratio = closest_passage(wanted, text.normalised)
            self.report(
                origin,
                loc,
                f"quote not found in source {source!r}; the closest passage "
                f"({ratio:.0%} alike) is: {passage!r}",
                code="quote-not-found",
            )
            return
        reasons = set()
        while found >= 0:
            end = found + len(wanted)
            overlap = [
                reason for start, stop, reason in text.excluded if found < stop and start < end
            ]
            if not overlap:
                return
            reasons.update(overlap)
            found = text.normalised.find(wanted, found + 1)
        self.report(
            origin,
            loc,
            f"quote lies in an excluded passage ({', '.join(sorted(reasons))}) of source "
            f"{source!r}: that text is not evidence",
            code="quote-in-excluded-passage",
        )

    def supported(
        self, origin: Origin, loc: Loc, items: Sequence[Supported], own: frozenset[str] | None
    ) -> None:
        """Check the claims behind a list of supported statements."""
        for index, item in enumerate(items):
            self.claim_refs(origin, (*loc, index, "claims"), item.claims, own)

    def local_impacts(
        self, origin: Origin, loc: Loc, impacts: Sequence[LocalImpact], own: frozenset[str] | None
    ) -> None:
        """Check the references of local impacts."""
        for index, impact in enumerate(impacts):
            where = (*loc, index)
            self.ref(origin, (*where, "population"), impact.population, "party")
            self.refs(origin, (*where, "places"), impact.places, "place")
            for field in ("promised_benefits", "materialised_benefits", "community_reaction"):
                self.supported(origin, (*where, field), getattr(impact, field), own)
            for number, harm in enumerate(impact.negative_impacts):
                self.claim_refs(
                    origin, (*where, "negative_impacts", number, "claims"), harm.claims, own
                )

    def precedent(self, origin: Origin, precedent: Precedent) -> None:
        """Check a precedent's references and its claims."""
        self.refs(origin, ("places",), precedent.places, "place")
        self.refs(origin, ("parties",), precedent.parties, "party")
        self.refs(origin, ("commodities",), precedent.commodities, "commodity")
        for index, claim in enumerate(precedent.claims):
            self.claim(origin, ("claims", index), claim)
        self.local_impacts(origin, ("local_impacts",), precedent.local_impacts, None)

    def case(self, origin: Origin, case: Case, precedent_claims: frozenset[str]) -> None:
        """Check every reference of a case; it cites its own claims or precedents' claims."""
        own = frozenset(claim.id for claim in case.claims) | precedent_claims
        self.ref(origin, ("host",), case.host, "party")
        self.refs(origin, ("sources",), case.sources, "source")
        for index, claim in enumerate(case.claims):
            self.claim(origin, ("claims", index), claim)
        if case.precedent is not None:
            self.ref(origin, ("precedent",), case.precedent, "precedent")
        deal = case.deal
        for index, entry in enumerate(deal.status):
            self.claim_refs(origin, ("deal", "status", index, "claims"), entry.claims, own)
        self.oldest_first(origin, ("deal", "status"), [entry.date for entry in deal.status])
        for index, member in enumerate(deal.parties):
            self.ref(origin, ("deal", "parties", index, "party"), member.party, "party")
            self.claim_refs(origin, ("deal", "parties", index, "claims"), member.claims, own)
        for index, offer in enumerate(deal.offers):
            where: Loc = ("deal", "offers", index)
            self.ref(origin, (*where, "from_party"), offer.from_party, "party")
            self.ref(origin, (*where, "to_party"), offer.to_party, "party")
            self.refs(origin, (*where, "commodities"), offer.commodities, "commodity")
            self.refs(origin, (*where, "places"), offer.places, "place")
            self.claim_refs(origin, (*where, "claims"), offer.claims, own)
        self.refs(origin, ("deal", "commodities"), deal.commodities, "commodity")
        self.refs(origin, ("deal", "places"), deal.places, "place")
        for index, trade_off in enumerate(case.trade_offs):
            where = ("trade_offs", index)
            self.ref(origin, (*where, "party"), trade_off.party, "party")
            for field in ("gains", "costs", "risks"):
                self.supported(origin, (*where, field), getattr(trade_off, field), own)
        self.local_impacts(origin, ("local_impacts",), case.local_impacts, own)
        for index, link in enumerate(case.precedents):
            where = ("precedents", index)
            self.ref(origin, (*where, "precedent"), link.precedent, "precedent")
            self.claim_refs(origin, (*where, "claims"), link.claims, own)
        for index, event in enumerate(case.events):
            self.claim_refs(origin, ("events", index, "claims"), event.claims, own)
