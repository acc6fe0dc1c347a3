"""Hypothesis strategies for every casebook model, for your own property-based tests.

Needs hypothesis: `pip install "casebook[strategies]"`. Strategies build valid records;
`cases()` builds cases whose structures cite their own claims, and `case_files()` whole
casebooks whose references resolve.

    >>> from hypothesis import given
    >>> from casebook import strategies
    >>> @given(strategies.cases())
    ... def test_case_has_claims(case):
    ...     assert case.claims

Hypothesis knows the models too: casebook registers `for_model`'s strategy for each of them
through hypothesis' `hypothesis` entry point, so `st.from_type(Claim)`, `st.builds` of a class
whose arguments are annotated with casebook models, and `@given(claim=...)` of an annotated
argument all draw valid records, in any test run where casebook is installed.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from typing import TYPE_CHECKING, Any

from casebook.models import (
    Accuracy,
    Case,
    Claim,
    Code,
    CodeCategory,
    Commodity,
    CommodityGroup,
    Confidence,
    DateInference,
    Deal,
    DealKind,
    DealParty,
    DealStatus,
    EpistemicStatus,
    Event,
    Evidence,
    ExcludedSpan,
    ExclusionReason,
    ImpactKind,
    LocalImpact,
    Location,
    Model,
    NegativeImpact,
    Offer,
    OfferKind,
    Party,
    PartyKind,
    Period,
    Place,
    PlaceKind,
    Precedent,
    PrecedentKind,
    PrecedentLink,
    PrecedentRelation,
    RegistryFile,
    Role,
    Source,
    SourceKind,
    StatusEntry,
    StatusMarker,
    Supported,
    TradeOff,
    date_span,
)


def _hypothesis_setup_hook() -> None:
    """Register `for_model`'s strategy for every casebook model, for `st.from_type`.

    Hypothesis calls this when it is imported, through the `hypothesis` entry point in casebook's
    metadata. It is defined before hypothesis is imported below: when this module is what
    imports hypothesis, hypothesis calls it on the half-loaded module, and the module registers
    the strategies at its end instead.
    """
    if "_STRATEGIES" in globals():
        for model in _STRATEGIES:
            st.register_type_strategy(model, functools.partial(_strategy_for, model))


try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:
    _NEEDS = 'casebook.strategies needs hypothesis: pip install "casebook[strategies]"'
    raise ImportError(_NEEDS, name=error.name) from error


if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hypothesis.strategies import DrawFn, SearchStrategy

__all__ = [
    "case_files",
    "cases",
    "categories",
    "claims",
    "codes",
    "commodities",
    "date_inferences",
    "deals",
    "events",
    "evidence",
    "excluded_spans",
    "for_model",
    "ids",
    "local_impacts",
    "locations",
    "partial_dates",
    "parties",
    "places",
    "precedent_links",
    "precedents",
    "sources",
    "status_markers",
    "supported",
    "texts",
    "trade_offs",
]

_ALNUM = string.ascii_lowercase + string.digits


@functools.cache
def ids() -> SearchStrategy[str]:
    """Kebab-case identifiers such as `reko-diq`."""
    part = st.text(_ALNUM, min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=4).map("-".join)


@functools.cache
def texts(max_size: int = 60) -> SearchStrategy[str]:
    """Non-empty text without surrounding whitespace, any Unicode letters included."""
    alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))
    return (
        st.text(alphabet, min_size=1, max_size=max_size)
        .map(str.strip)
        .filter(bool)
        .filter(lambda s: "\ufeff" not in s)
    )


_DAYS = st.dates()
_PRECISIONS = st.sampled_from(("year", "month", "day"))
_DATE_KINDS = st.sampled_from(("none", "until", "any"))


def _partial_date(draw: DrawFn, until: str | None = None) -> str:
    """A partial date drawn with `draw`; with `until`, none begins after `until` ends.

    The strategies are built once, at import: building one per draw costs more than the draw.
    """
    day = draw(_DAYS)
    if until is not None:
        day = min(day, dt.date.fromisoformat(date_span(until)[1]))
    precision = draw(_PRECISIONS)
    year = f"{day.year:04d}"
    if precision == "year":
        return year
    if precision == "month":
        return f"{year}-{day.month:02d}"
    return day.isoformat()


@st.composite
def partial_dates(draw: DrawFn, until: str | None = None) -> str:
    """Real dates at year, month or day precision: `2025`, `2025-02`, `2025-02-08`.

    With `until` (a partial date), none begins after the last day `until` can mean.
    """
    return _partial_date(draw, until)


def _claim_date(draw: DrawFn, until: str | None) -> str | None:
    """No date, a date on or before `until`, or any date (a later development, perhaps)."""
    kind = draw(_DATE_KINDS)
    if kind == "none":
        return None
    return _partial_date(draw, until if kind == "until" else None)


def _subset(
    pool: Sequence[str], max_size: int = 3, min_size: int = 0
) -> SearchStrategy[tuple[str, ...]]:
    """Distinct items of `pool`, in the order drawn."""
    return _subset_of(tuple(pool), max_size, min_size)


@functools.lru_cache(maxsize=4096)
def _subset_of(
    pool: tuple[str, ...], max_size: int, min_size: int
) -> SearchStrategy[tuple[str, ...]]:
    # Strategies are built once per pool: hypothesis validates each new strategy object, which
    # costs more than drawing from one.
    if not pool:
        return st.just(())
    drawn = st.lists(st.sampled_from(pool), min_size=min_size, max_size=max_size)
    return drawn.map(lambda items: tuple(dict.fromkeys(items)))


def evidence(source_ids: Sequence[str] = ("source",)) -> SearchStrategy[Evidence]:
    """Evidence citing one of `source_ids` (the quote is not checked against any text)."""
    return _evidence_of(tuple(source_ids))


@functools.lru_cache(maxsize=1024)
def _evidence_of(source_ids: tuple[str, ...]) -> SearchStrategy[Evidence]:
    return st.builds(Evidence, source=st.sampled_from(source_ids), quote=texts())


@st.composite
def claims(  # noqa: PLR0913 - one pool per kind of reference
    draw: DrawFn,
    *,
    claim_id: str | None = None,
    source_ids: Sequence[str] = ("source",),
    party_ids: Sequence[str] = (),
    code_ids: Sequence[str] = (),
    entity_ids: Sequence[str] = (),
    other_claims: Sequence[str] = (),
    until: str | None = None,
) -> Claim:
    """A claim whose references are drawn from the given pools.

    With `until` (a case's as-of date), most claims fall on or before it and some after.
    """
    accuracy = draw(st.sampled_from(Accuracy)) if other_claims else Accuracy.NOT_ASSESSED
    needs_note = accuracy is not Accuracy.NOT_ASSESSED
    corrected: tuple[str, ...] = ()
    if accuracy in {Accuracy.INACCURATE, Accuracy.DATED, Accuracy.CONFIRMED}:
        corrected = draw(_subset(other_claims, min_size=1))
    return Claim(
        id=claim_id if claim_id is not None else draw(ids()),
        text=draw(texts()),
        status=draw(st.sampled_from(EpistemicStatus)),
        status_reason=draw(st.none() | texts()),
        attributed_to=draw(_subset(party_ids)),
        evidence=tuple(draw(st.lists(evidence(source_ids), min_size=1, max_size=2))),
        codes=draw(_subset(code_ids)),
        about=draw(_subset(entity_ids)),
        date=_claim_date(draw, until),
        accuracy=accuracy,
        note=draw(texts()) if needs_note else draw(st.none() | texts()),
        corrected_by=corrected,
    )


def parties(party_id: SearchStrategy[str] | None = None) -> SearchStrategy[Party]:
    """Parties with real ISO country codes."""
    return st.builds(
        Party,
        id=ids() if party_id is None else party_id,
        name=texts(),
        kind=st.sampled_from(PartyKind),
        country=st.none() | st.sampled_from(("PK", "CD", "US", "CN", "RW", "UA")),
        member_of=st.just(()),
        aliases=st.lists(texts(20), max_size=2).map(tuple),
        description=st.none() | texts(),
    )


def locations(source_ids: Sequence[str] = ("source",)) -> SearchStrategy[Location]:
    """Points anywhere on the globe, poles and antimeridian included, from one of `source_ids`."""
    return _locations_of(tuple(source_ids))


@functools.lru_cache(maxsize=1024)
def _locations_of(source_ids: tuple[str, ...]) -> SearchStrategy[Location]:
    return st.builds(
        Location,
        latitude=st.floats(min_value=-90, max_value=90, allow_nan=False),
        longitude=st.floats(min_value=-180, max_value=180, allow_nan=False),
        source=st.sampled_from(source_ids),
    )


def places(
    place_id: SearchStrategy[str] | None = None, source_ids: Sequence[str] = ()
) -> SearchStrategy[Place]:
    """Places whose ISO codes fit their kind; with `source_ids`, some with a location from one.

    Without `source_ids` no place has a location: its source would name no registered source.
    """
    where = (st.none() | locations(source_ids)) if source_ids else st.none()
    country = st.builds(
        Place,
        id=ids() if place_id is None else place_id,
        name=texts(),
        kind=st.just(PlaceKind.COUNTRY),
        iso_code=st.none() | st.sampled_from(("PK", "CD", "US")),
        location=where,
    )
    province = st.builds(
        Place,
        id=ids() if place_id is None else place_id,
        name=texts(),
        kind=st.just(PlaceKind.PROVINCE),
        iso_code=st.none() | st.sampled_from(("PK-BA", "PK-KP", "CD-NK", "CD-IT")),
        location=where,
    )
    return country | province


def commodities(commodity_id: SearchStrategy[str] | None = None) -> SearchStrategy[Commodity]:
    """Commodities."""
    return st.builds(
        Commodity,
        id=ids() if commodity_id is None else commodity_id,
        name=texts(),
        group=st.sampled_from(CommodityGroup),
        aliases=st.lists(texts(20), max_size=2).map(tuple),
        description=st.none() | texts(),
    )


def categories(category_id: SearchStrategy[str] | None = None) -> SearchStrategy[CodeCategory]:
    """Code categories."""
    return st.builds(
        CodeCategory,
        id=ids() if category_id is None else category_id,
        label=texts(),
        definition=texts(),
    )


def codes(
    code_id: SearchStrategy[str] | None = None, category_ids: Sequence[str] = ("category",)
) -> SearchStrategy[Code]:
    """Codes in one of `category_ids`."""
    return st.builds(
        Code,
        id=ids() if code_id is None else code_id,
        label=texts(),
        definition=texts(),
        category=st.sampled_from(category_ids),
        parent=st.none(),
        examples=st.lists(texts(), max_size=2).map(tuple),
    )


def sources(
    source_id: SearchStrategy[str] | None = None, upstream: Sequence[str] = ()
) -> SearchStrategy[Source]:
    """URL-only sources (a source with a file needs its text on disk: see `case_files`).

    Each may relay some of the `upstream` sources (its `derived_from`).
    """
    return st.builds(
        Source,
        id=ids() if source_id is None else source_id,
        title=texts(),
        publisher=st.none() | texts(),
        author=st.none() | texts(),
        url=st.just("https://example.org/article"),
        derived_from=_subset(upstream),
        provenance=st.none() | texts(),
        published=st.none() | partial_dates(),
        date_inference=st.none() | date_inferences(),
        kind=st.sampled_from(SourceKind),
        file=st.none(),
        excluded=st.just(()),
        weaknesses=st.lists(texts(), max_size=2).map(tuple),
    )


_CLAIMS = ("claim",)
_PARTIES = ("host", "partner")


def supported(
    claim_ids: Sequence[str] = _CLAIMS, *, max_size: int = 2, min_size: int = 0
) -> SearchStrategy[tuple[Supported, ...]]:
    """Tuples of statements, each citing some of `claim_ids`."""
    item = st.builds(Supported, text=texts(), claims=_subset(claim_ids, min_size=1))
    return st.lists(item, min_size=min_size, max_size=max_size).map(tuple)


def local_impacts(
    claim_ids: Sequence[str] = _CLAIMS,
    party_ids: Sequence[str] = _PARTIES,
    place_ids: Sequence[str] = (),
) -> SearchStrategy[LocalImpact]:
    """Local impacts citing `claim_ids`, about a population from `party_ids`."""
    harm = st.builds(
        NegativeImpact,
        kind=st.sampled_from(ImpactKind),
        text=texts(),
        claims=_subset(claim_ids, min_size=1),
    )
    return st.builds(
        LocalImpact,
        population=st.none() | st.sampled_from(party_ids),
        places=_subset(place_ids),
        promised_benefits=supported(claim_ids),
        materialised_benefits=supported(claim_ids),
        negative_impacts=st.lists(harm, max_size=2).map(tuple),
        community_reaction=supported(claim_ids),
    )


def _oldest_first(entries: list[StatusEntry]) -> tuple[StatusEntry, ...]:
    """A status history in date order, as the loader requires (undated entries first)."""
    return tuple(sorted(entries, key=lambda e: date_span(e.date)[0] if e.date else ""))


def deals(
    claim_ids: Sequence[str] = _CLAIMS,
    party_ids: Sequence[str] = _PARTIES,
    place_ids: Sequence[str] = (),
    commodity_ids: Sequence[str] = (),
) -> SearchStrategy[Deal]:
    """Deals whose status history, roles and offers cite `claim_ids`."""
    cite = _subset(claim_ids, min_size=1)
    party = st.sampled_from(party_ids)
    status = st.builds(
        StatusEntry,
        date=st.none() | partial_dates(),
        approximate=st.booleans(),
        status=st.sampled_from(DealStatus),
        claims=cite,
    )
    member = st.builds(DealParty, party=party, role=st.sampled_from(Role), claims=cite)
    offer = st.builds(
        Offer,
        from_party=party,
        to_party=party,
        kind=st.sampled_from(OfferKind),
        text=texts(),
        commodities=_subset(commodity_ids),
        places=_subset(place_ids),
        claims=cite,
    )
    return st.builds(
        Deal,
        kind=st.sampled_from(DealKind),
        summary=texts(),
        status=st.lists(status, min_size=1, max_size=3).map(_oldest_first),
        parties=st.lists(member, min_size=1, max_size=4).map(tuple),
        offers=st.lists(offer, min_size=1, max_size=3).map(tuple),
        commodities=_subset(commodity_ids),
        places=_subset(place_ids),
    )


def trade_offs(
    claim_ids: Sequence[str] = _CLAIMS, party_ids: Sequence[str] = _PARTIES
) -> SearchStrategy[TradeOff]:
    """Trade-offs of a party from `party_ids`, citing `claim_ids`."""
    return st.builds(
        TradeOff,
        party=st.sampled_from(party_ids),
        gains=supported(claim_ids, min_size=1),
        costs=supported(claim_ids),
        risks=supported(claim_ids),
    )


def precedent_links(
    claim_ids: Sequence[str] = _CLAIMS, precedent_ids: Sequence[str] = ("precedent",)
) -> SearchStrategy[PrecedentLink]:
    """Links to a precedent from `precedent_ids`, citing `claim_ids`."""
    return st.builds(
        PrecedentLink,
        precedent=st.sampled_from(precedent_ids),
        relation=st.sampled_from(PrecedentRelation),
        lesson=texts(),
        claims=_subset(claim_ids, min_size=1),
    )


def events(claim_ids: Sequence[str] = _CLAIMS) -> SearchStrategy[Event]:
    """Timeline events citing `claim_ids`."""
    return st.builds(
        Event,
        date=partial_dates(),
        approximate=st.booleans(),
        text=texts(),
        claims=_subset(claim_ids, min_size=1),
    )


def precedents(precedent_id: SearchStrategy[str] | None = None) -> SearchStrategy[Precedent]:
    """Precedents without references to other registries."""
    return st.builds(
        Precedent,
        id=ids() if precedent_id is None else precedent_id,
        name=texts(),
        aliases=st.lists(texts(20), max_size=2).map(tuple),
        kind=st.sampled_from(PrecedentKind),
        period=st.none() | st.builds(Period, start=partial_dates(), end=st.none()),
        summary=texts(),
        outcome=st.none() | texts(),
        claims=st.just(()),
        local_impacts=st.just(()),
        places=st.just(()),
        parties=st.just(()),
        commodities=st.just(()),
    )


@st.composite
def cases(  # noqa: PLR0913 - one pool per kind of reference
    draw: DrawFn,
    *,
    case_id: str | None = None,
    source_ids: Sequence[str] = ("source",),
    party_ids: Sequence[str] = ("host", "partner"),
    place_ids: Sequence[str] = (),
    commodity_ids: Sequence[str] = (),
    code_ids: Sequence[str] = (),
    precedent_ids: Sequence[str] = (),
) -> Case:
    """A case whose every structure cites the case's own claims, with references from the pools.

    Claim ids are prefixed with the case id, so cases drawn with different ids never clash.
    """
    identifier = case_id if case_id is not None else draw(ids())
    as_of = _partial_date(draw)
    count = draw(st.integers(min_value=1, max_value=6))
    claim_ids = [f"{identifier}-claim-{n}" for n in range(count)]
    entity_ids = [*party_ids, *place_ids, *commodity_ids, *precedent_ids]
    claim_list = [
        draw(
            claims(
                claim_id=claim_id,
                source_ids=source_ids,
                party_ids=party_ids,
                code_ids=code_ids,
                entity_ids=entity_ids,
                other_claims=[other for other in claim_ids if other != claim_id],
                until=as_of,
            )
        )
        for claim_id in claim_ids
    ]
    return Case(
        id=identifier,
        title=draw(texts()),
        summary=draw(texts(200)),
        as_of=as_of,
        host=draw(st.sampled_from(party_ids)),
        sources=tuple(draw(_subset(source_ids, min_size=1))),
        claims=tuple(claim_list),
        deal=draw(deals(claim_ids, party_ids, place_ids, commodity_ids)),
        trade_offs=tuple(draw(st.lists(trade_offs(claim_ids, party_ids), max_size=2))),
        local_impacts=tuple(
            draw(st.lists(local_impacts(claim_ids, party_ids, place_ids), max_size=2))
        ),
        precedents=tuple(draw(st.lists(precedent_links(claim_ids, precedent_ids), max_size=2)))
        if precedent_ids
        else (),
        events=tuple(draw(st.lists(events(claim_ids), max_size=3))),
    )


@st.composite
def case_files(draw: DrawFn, max_cases: int = 3) -> dict[str, Any]:
    """A whole casebook as data: registries and cases that reference each other correctly.

    Returns a mapping with `registry` (a `RegistryFile`-shaped dict of models) and `cases`
    (a list of `Case`). Sources are URL-only, so no quote needs a text; write them out with
    `casebook.dump_yaml` to get a folder that `casebook.load` accepts.
    """
    party_ids = draw(st.lists(ids(), min_size=2, max_size=5, unique=True))
    place_ids = draw(st.lists(ids(), max_size=3, unique=True))
    commodity_ids = draw(st.lists(ids(), max_size=3, unique=True))
    precedent_ids = draw(st.lists(ids(), max_size=2, unique=True))
    code_ids = draw(st.lists(ids(), max_size=5, unique=True))
    source_ids = draw(st.lists(ids(), min_size=1, max_size=3, unique=True))
    case_ids = draw(st.lists(ids(), min_size=1, max_size=max_cases, unique=True))
    registry = {
        # A source relays only sources listed before it, so the chains have no cycle.
        "sources": [draw(sources(st.just(i), source_ids[:n])) for n, i in enumerate(source_ids)],
        "parties": [draw(parties(st.just(i))) for i in party_ids],
        # Sources are URL-only, so every one may give a place's coordinates.
        "places": [draw(places(st.just(i), source_ids)) for i in place_ids],
        "commodities": [draw(commodities(st.just(i))) for i in commodity_ids],
        "precedents": [draw(precedents(st.just(i))) for i in precedent_ids],
        "categories": [draw(categories(st.just("category")))],
        "codes": [draw(codes(st.just(i))) for i in code_ids],
        "status_markers": draw(
            st.lists(status_markers(), max_size=2, unique_by=lambda marker: marker.id)
        ),
    }
    case_list = [
        draw(
            cases(
                case_id=case_id,
                source_ids=source_ids,
                party_ids=party_ids,
                place_ids=place_ids,
                commodity_ids=commodity_ids,
                code_ids=code_ids,
                precedent_ids=precedent_ids,
            )
        )
        for case_id in case_ids
    ]
    return {"registry": registry, "cases": case_list}


def status_markers(marker_id: SearchStrategy[str] | None = None) -> SearchStrategy[StatusMarker]:
    """Status markers: a phrase of one or more words, and the statuses it fits."""
    word = st.text(string.ascii_letters, min_size=1, max_size=10)
    return st.builds(
        StatusMarker,
        id=ids() if marker_id is None else marker_id,
        phrase=st.lists(word, min_size=1, max_size=3).map(" ".join),
        suggests=st.lists(
            st.sampled_from(EpistemicStatus), min_size=1, max_size=3, unique=True
        ).map(tuple),
        match_case=st.booleans(),
        meaning=texts(),
    )


def excluded_spans() -> SearchStrategy[ExcludedSpan]:
    """Excluded passages (their text is not checked against any source here)."""
    return st.builds(
        ExcludedSpan,
        start=texts(),
        end=st.none() | texts(),
        reason=st.sampled_from(ExclusionReason),
    )


def date_inferences() -> SearchStrategy[DateInference]:
    """Inferred dates of undated sources."""
    return st.builds(
        DateInference,
        earliest=st.none() | partial_dates(),
        latest=st.none() | partial_dates(),
        best_estimate=st.none() | partial_dates(),
        confidence=st.sampled_from(Confidence),
        reasoning=texts(),
    )


def _registry_files() -> SearchStrategy[RegistryFile]:
    return case_files().map(lambda book: RegistryFile(**book["registry"]))


def for_model(model: type[Model]) -> SearchStrategy[Any]:
    """The default strategy for any casebook model, e.g. `for_model(models.Offer)`.

    It is also what `st.from_type(model)` gives, once hypothesis has registered it.

    Raises:
        hypothesis.errors.InvalidArgument: `model` is not a casebook model.
    """
    strategy = _STRATEGIES.get(model)
    if strategy is None:
        msg = f"{model!r} is not a casebook model: no strategy for it in casebook.strategies"
        raise InvalidArgument(msg)
    return strategy()


def _strategy_for(model: type[Model], requested: object) -> SearchStrategy[Any]:  # noqa: ARG001
    """`for_model(model)`, as hypothesis asks for it: with the type it is resolving."""
    return for_model(model)


# The strategy behind `for_model`, by model. Defined last: some strategies are defined late.
_STRATEGIES: dict[type[Model], Callable[[], SearchStrategy[Any]]] = {
    Case: cases,
    Claim: claims,
    Code: codes,
    CodeCategory: categories,
    Commodity: commodities,
    DateInference: date_inferences,
    Deal: deals,
    DealParty: lambda: deals().map(lambda deal: deal.parties[0]),
    Event: events,
    Evidence: evidence,
    ExcludedSpan: excluded_spans,
    LocalImpact: local_impacts,
    Location: locations,
    NegativeImpact: lambda: st.builds(
        NegativeImpact, kind=st.sampled_from(ImpactKind), text=texts(), claims=st.just(_CLAIMS)
    ),
    Offer: lambda: deals().map(lambda deal: deal.offers[0]),
    Party: parties,
    Period: lambda: st.builds(Period, start=st.none() | partial_dates(), end=st.none()),
    Place: lambda: places(source_ids=("source",)),
    Precedent: precedents,
    PrecedentLink: precedent_links,
    RegistryFile: _registry_files,
    Source: sources,
    StatusEntry: lambda: deals().map(lambda deal: deal.status[0]),
    StatusMarker: status_markers,
    Supported: lambda: supported(min_size=1).map(lambda items: items[0]),
    TradeOff: trade_offs,
}


# The entry point registers these when hypothesis is imported; registered here too, because when
# this module is what imports hypothesis, the hook runs on the half-loaded module and does nothing.
_hypothesis_setup_hook()
