"""The corpus as tables: one row per record, the same layout for every export format.

Each table has a schema: typed columns described from the models, a primary key, and the
foreign keys that tie it to the others. Lists are kept as lists here; the CSV writer spells them
out (ids separated by spaces, other lists as JSON).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from casebook._presence import DEFAULT_POLICY, code_evidence
from casebook.models import (
    ID_PATTERN,
    Accuracy,
    Case,
    Claim,
    Code,
    CodeCategory,
    Commodity,
    CommodityGroup,
    DateInference,
    Deal,
    DealKind,
    DealParty,
    DealStatus,
    EpistemicStatus,
    Event,
    Evidence,
    ExcludedSpan,
    ImpactKind,
    LocalImpact,
    Location,
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
    Role,
    Source,
    SourceKind,
    StatusEntry,
    StatusMarker,
    Supported,
    TradeOff,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from enum import StrEnum

    from casebook._library import Casebook
    from casebook.models._base import Model

__all__ = [
    "SCHEMAS",
    "SCHEMA_VERSION",
    "Column",
    "ForeignKey",
    "Table",
    "TableSchema",
    "case_tables",
    "tables",
]

SCHEMA_VERSION: Final = 1
"""The version of the table layout: it changes when a table or column is renamed or removed."""

ColumnType = Literal["string", "integer", "number", "boolean", "array"]
"""Table Schema types: `number` a decimal number, `array` a JSON list (of text, or of
objects)."""

_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_ID_LIST = ID_PATTERN[:-1] + r"(?: " + ID_PATTERN[1:-1] + r")*$"
"""Ids separated by single spaces, as the CSV spells a list of ids."""


@attrs.frozen
class Column:
    """One column of a table."""

    name: str
    """The column's name: lower case with underscores, stable across versions."""
    type: ColumnType
    """Its Table Schema type."""
    description: str
    """What it holds, for a reader of the data."""
    required: bool = False
    """Whether every row has a value."""
    ids: bool = False
    """A list of ids: a list here, ids separated by single spaces in CSV."""
    enum: tuple[str, ...] = ()
    """The values allowed, for a column of controlled vocabulary."""
    pattern: str | None = None
    """A regular expression every value matches."""
    refers_to: tuple[str, ...] = ()
    """Tables whose ids the values (or, for a list, each id) name."""
    derived: bool = False
    """Computed from the data (origins, presence), not written in the case files."""
    item_fields: tuple[str, ...] = ()
    """For an `array` of objects, the keys of each object (their values are text)."""

    @property
    def is_list(self) -> bool:
        """Whether a value is a list: of ids, or a JSON array."""
        return self.ids or self.type == "array"

    def frictionless(self) -> dict[str, Any]:
        """The column as a Table Schema field descriptor."""
        field: dict[str, Any] = {"name": self.name, "type": self.type}
        field["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        pattern = _ID_LIST if self.ids else self.pattern
        if pattern is not None:
            constraints["pattern"] = pattern
        if constraints:
            field["constraints"] = constraints
        return field


@attrs.frozen
class ForeignKey:
    """Columns of a table that name a row of another (or the same) table."""

    columns: tuple[str, ...]
    table: str
    """The table referred to."""
    references: tuple[str, ...]
    """Its columns, in the same order."""


@attrs.frozen
class TableSchema:
    """A table's layout: columns, primary key and foreign keys."""

    name: str
    """The table's name (the CSV file is `<name>.csv`)."""
    title: str
    """A short title."""
    description: str
    """What one row is."""
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column of that name.

        Raises:
            KeyError: The table has no such column.
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def frictionless(self) -> dict[str, Any]:
        """The Table Schema descriptor (Frictionless Data)."""
        schema: dict[str, Any] = {
            "fields": [column.frictionless() for column in self.columns],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(key.columns) if len(key.columns) > 1 else key.columns[0],
                    "reference": {
                        "resource": "" if key.table == self.name else key.table,
                        "fields": (
                            list(key.references) if len(key.references) > 1 else key.references[0]
                        ),
                    },
                }
                for key in self.foreign_keys
            ]
        return schema


class Table(dict[str, list[Any]]):
    """One table of the corpus, column by column: `pandas.DataFrame(table)` takes it as it is.

    A mapping of column name → values, in schema order, every column as long as the others;
    polars and pyarrow take it the same way. Lists of ids and of text stay Python lists.
    """

    __slots__ = ("schema",)
    schema: TableSchema

    def __init__(self, schema: TableSchema, rows: Iterable[Sequence[Any]] = ()) -> None:
        """A table of `schema` holding `rows` (values in column order)."""
        super().__init__({name: [] for name in schema.names})
        self.schema = schema
        columns = list(self.values())
        for row in rows:
            if len(row) != len(columns):  # pragma: no cover - a mistake in a row builder
                msg = f"{schema.name}: a row of {len(row)} values for {len(columns)} columns"
                raise ValueError(msg)
            for column, value in zip(columns, row, strict=True):
                column.append(value)

    @property
    def name(self) -> str:
        """The table's name."""
        return self.schema.name

    @property
    def row_count(self) -> int:
        """How many rows the table has."""
        return len(next(iter(self.values()), []))

    def rows(self) -> Iterator[dict[str, Any]]:
        """Each row as a mapping of column name → value."""
        names = self.schema.names
        for values in zip(*self.values(), strict=True):
            yield dict(zip(names, values, strict=True))

    def __repr__(self) -> str:
        """The table's name and size."""
        return f"<Table {self.name}: {self.row_count} rows, {len(self)} columns>"


def _about(model: type[Model], field: str) -> str:
    """The description of a model's field, as the JSON Schema gives it."""
    description = model.model_fields[field].description
    if description is None:  # pragma: no cover - every field is described
        msg = f"{model.__name__}.{field} has no description"
        raise ValueError(msg)
    return description


def _values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


def _text(
    model: type[Model], field: str, name: str | None = None, *, required: bool = False
) -> Column:
    return Column(name or field, "string", _about(model, field), required=required)


def _key(name: str, description: str, refers_to: str | None = None) -> Column:
    """A required id column (of this table, or naming a row of `refers_to`)."""
    return Column(
        name,
        "string",
        description,
        required=True,
        pattern=ID_PATTERN,
        refers_to=(refers_to,) if refers_to else (),
    )


def _ref(model: type[Model], field: str, table: str, name: str | None = None) -> Column:
    """An optional id column naming a row of `table`."""
    return Column(
        name or field, "string", _about(model, field), pattern=ID_PATTERN, refers_to=(table,)
    )


def _ids(model: type[Model], field: str, *tables: str, name: str | None = None) -> Column:
    return Column(name or field, "string", _about(model, field), ids=True, refers_to=tables)


def _texts(model: type[Model], field: str, name: str | None = None) -> Column:
    return Column(name or field, "array", _about(model, field) + " A JSON list of text.")


def _enum(
    model: type[Model],
    field: str,
    vocabulary: type[StrEnum],
    name: str | None = None,
    *,
    required: bool | None = None,
) -> Column:
    return Column(
        name or field,
        "string",
        _about(model, field),
        required=model.model_fields[field].is_required() if required is None else required,
        enum=_values(vocabulary),
    )


def _date(model: type[Model], field: str, name: str | None = None) -> Column:
    return Column(
        name or field,
        "string",
        _about(model, field) + " `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
        required=model.model_fields[field].is_required(),
        pattern=_PARTIAL_DATE,
    )


def _degrees(field: str) -> Column:
    """A coordinate of a place's location, in decimal degrees."""
    return Column(field, "number", _about(Location, field) + " Empty: the place has no location.")


def _flag(model: type[Model], field: str) -> Column:
    return Column(field, "boolean", _about(model, field), required=True)


def _position(what: str) -> Column:
    return Column("position", "integer", f"Order of the {what}, from 1.", required=True)


def _fk(column: str, table: str, references: str = "id") -> ForeignKey:
    return ForeignKey((column,), table, (references,))


_CLAIMS_BACKING = "Claims that back the row: ids of rows of `claims`, separated by spaces."
_CASE = "The case: id of a row of `cases`."
_ENTITIES = ("parties", "places", "commodities", "precedents")
_IMPACT_ASPECTS = (
    "promised-benefit",
    "materialised-benefit",
    "negative-impact",
    "community-reaction",
)

SCHEMAS: Final[Mapping[str, TableSchema]] = {
    schema.name: schema
    for schema in (
        TableSchema(
            "cases",
            "Cases",
            "One row per case: a resource deal and the account of it.",
            (
                _key("id", _about(Case, "id")),
                _text(Case, "title", required=True),
                _text(Case, "summary", required=True),
                _date(Case, "as_of"),
                _key("host", _about(Case, "host"), "parties"),
                _ids(Case, "sources", "sources"),
                _ref(Case, "precedent", "precedents"),
            ),
            ("id",),
            (_fk("host", "parties"), _fk("precedent", "precedents")),
        ),
        TableSchema(
            "deals",
            "Deals",
            "One row per case: the deal at its heart.",
            (
                _key("case", _CASE, "cases"),
                _enum(Deal, "kind", DealKind),
                _text(Deal, "summary", required=True),
                Column(
                    "status",
                    "string",
                    "The latest status of the deal's history (see `status_history`).",
                    required=True,
                    enum=_values(DealStatus),
                    derived=True,
                ),
                _ids(Deal, "commodities", "commodities"),
                _ids(Deal, "places", "places"),
            ),
            ("case",),
            (_fk("case", "cases"),),
        ),
        TableSchema(
            "status_history",
            "Status history",
            "One row per step of a deal's status history, oldest first.",
            (
                _key("case", _CASE, "cases"),
                _position("step"),
                _date(StatusEntry, "date"),
                _flag(StatusEntry, "approximate"),
                _enum(StatusEntry, "status", DealStatus),
                _ids(StatusEntry, "claims", "claims"),
            ),
            ("case", "position"),
            (_fk("case", "cases"),),
        ),
        TableSchema(
            "roles",
            "Roles",
            "One row per party of a deal and the role it plays.",
            (
                _key("case", _CASE, "cases"),
                _position("party in the deal"),
                _key("party", _about(DealParty, "party"), "parties"),
                _enum(DealParty, "role", Role),
                _ids(DealParty, "claims", "claims"),
            ),
            ("case", "position"),
            (_fk("case", "cases"), _fk("party", "parties")),
        ),
        TableSchema(
            "offers",
            "Offers",
            "One row per offer of a deal: who offers what to whom.",
            (
                _key("case", _CASE, "cases"),
                _position("offer"),
                _key("from_party", _about(Offer, "from_party"), "parties"),
                _key("to_party", _about(Offer, "to_party"), "parties"),
                _enum(Offer, "kind", OfferKind),
                _text(Offer, "text", required=True),
                _ids(Offer, "commodities", "commodities"),
                _ids(Offer, "places", "places"),
                _ids(Offer, "claims", "claims"),
            ),
            ("case", "position"),
            (_fk("case", "cases"), _fk("from_party", "parties"), _fk("to_party", "parties")),
        ),
        TableSchema(
            "events",
            "Events",
            "One row per dated event of a case's timeline.",
            (
                _key("case", _CASE, "cases"),
                _position("event"),
                _date(Event, "date"),
                _flag(Event, "approximate"),
                _text(Event, "text", required=True),
                _ids(Event, "claims", "claims"),
            ),
            ("case", "position"),
            (_fk("case", "cases"),),
        ),
        TableSchema(
            "trade_offs",
            "Trade-offs",
            "One row per gain, cost or risk a party of a case seeks, accepts or runs.",
            (
                _key("case", _CASE, "cases"),
                Column(
                    "trade_off",
                    "integer",
                    "Order of the party's trade-off in the case, from 1.",
                    required=True,
                ),
                _key("party", _about(TradeOff, "party"), "parties"),
                Column(
                    "aspect",
                    "string",
                    "`gain` sought, `cost` accepted or `risk` run.",
                    required=True,
                    enum=("gain", "cost", "risk"),
                ),
                _position("statement within its aspect"),
                _text(Supported, "text", required=True),
                _ids(Supported, "claims", "claims"),
            ),
            ("case", "trade_off", "aspect", "position"),
            (_fk("case", "cases"), _fk("party", "parties")),
        ),
        TableSchema(
            "local_impacts",
            "Local impacts",
            "One row per account of what a deal or precedent means for local communities.",
            (
                Column(
                    "id",
                    "string",
                    "`<case or precedent id>/<n>`: the n-th local impact it records.",
                    required=True,
                ),
                Column(
                    "case",
                    "string",
                    "The case, when the impact is a case's: id of a row of `cases`.",
                    pattern=ID_PATTERN,
                    refers_to=("cases",),
                ),
                Column(
                    "precedent",
                    "string",
                    "The precedent, when the impact is a precedent's: id of a row of `precedents`.",
                    pattern=ID_PATTERN,
                    refers_to=("precedents",),
                ),
                _ref(LocalImpact, "population", "parties"),
                _ids(LocalImpact, "places", "places"),
            ),
            ("id",),
            (
                _fk("case", "cases"),
                _fk("precedent", "precedents"),
                _fk("population", "parties"),
            ),
        ),
        TableSchema(
            "local_impact_statements",
            "Local impact statements",
            "One row per promised or materialised benefit, harm, or community reaction.",
            (
                Column(
                    "impact",
                    "string",
                    "The local impact: id of a row of `local_impacts`.",
                    required=True,
                    refers_to=("local_impacts",),
                ),
                Column(
                    "aspect",
                    "string",
                    "`promised-benefit`, `materialised-benefit`, `negative-impact` or "
                    "`community-reaction`.",
                    required=True,
                    enum=_IMPACT_ASPECTS,
                ),
                _position("statement within its aspect"),
                _enum(NegativeImpact, "kind", ImpactKind, "harm", required=False),
                _text(Supported, "text", required=True),
                _ids(Supported, "claims", "claims"),
            ),
            ("impact", "aspect", "position"),
            (ForeignKey(("impact",), "local_impacts", ("id",)),),
        ),
        TableSchema(
            "case_precedents",
            "Precedents invoked",
            "One row per precedent a case's sources invoke, how, and the lesson drawn.",
            (
                _key("case", _CASE, "cases"),
                _position("precedent in the case"),
                _key("precedent", _about(PrecedentLink, "precedent"), "precedents"),
                _enum(PrecedentLink, "relation", PrecedentRelation),
                _text(PrecedentLink, "lesson", required=True),
                _ids(PrecedentLink, "claims", "claims"),
            ),
            ("case", "position"),
            (_fk("case", "cases"), _fk("precedent", "precedents")),
        ),
        TableSchema(
            "claims",
            "Claims",
            "One row per claim, of a case or of a precedent: a statement a source makes.",
            (
                _key("id", _about(Claim, "id")),
                Column(
                    "case",
                    "string",
                    "The case holding the claim (empty for a precedent's claim).",
                    pattern=ID_PATTERN,
                    refers_to=("cases",),
                ),
                Column(
                    "precedent",
                    "string",
                    "The precedent holding the claim (empty for a case's claim).",
                    pattern=ID_PATTERN,
                    refers_to=("precedents",),
                ),
                _position("claim in its case or precedent"),
                _text(Claim, "text", required=True),
                _enum(Claim, "status", EpistemicStatus),
                _text(Claim, "status_reason"),
                _ids(Claim, "attributed_to", "parties"),
                _ids(Claim, "about", *_ENTITIES),
                _date(Claim, "date"),
                Column(
                    "later",
                    "boolean",
                    "Whether the claim describes what happened after its case's `as_of` date "
                    "(a later development; false for a precedent's claims).",
                    required=True,
                    derived=True,
                ),
                _enum(Claim, "accuracy", Accuracy),
                _text(Claim, "note"),
                _ids(Claim, "corrected_by", "claims"),
            ),
            ("id",),
            (_fk("case", "cases"), _fk("precedent", "precedents")),
        ),
        TableSchema(
            "evidence",
            "Evidence",
            "One row per quote a claim rests on. The quotes are verbatim passages of their "
            "sources, whose copyright stays with their authors and publishers.",
            (
                _key("claim", "The claim: id of a row of `claims`.", "claims"),
                _position("quote in the claim"),
                _key("source", _about(Evidence, "source"), "sources"),
                _text(Evidence, "quote", required=True),
                Column(
                    "verified",
                    "boolean",
                    "Whether the quote was checked against the source's text (true for a "
                    "source with a local text; a URL-only source cannot be checked).",
                    required=True,
                    derived=True,
                ),
            ),
            ("claim", "position"),
            (_fk("claim", "claims"), _fk("source", "sources")),
        ),
        TableSchema(
            "claim_codes",
            "Claim codes",
            "One row per analytic code a claim carries: what the claim is evidence of.",
            (
                _key("claim", "The claim: id of a row of `claims`.", "claims"),
                _key("code", "The code: id of a row of `codes`.", "codes"),
                _position("code in the claim"),
            ),
            ("claim", "code"),
            (_fk("claim", "claims"), _fk("code", "codes")),
        ),
        TableSchema(
            "case_codes",
            "Case codes",
            "One row per code with counted evidence in a case, by the default presence policy "
            "(what the comparisons and QCA use).",
            (
                _key("case", _CASE, "cases"),
                _key("code", "The code: id of a row of `codes`.", "codes"),
                Column(
                    "presence",
                    "string",
                    "The strongest kind of evidence for the code in the case: `observed` "
                    "(facts, reports, official statements), `questioned`, `assessed`, "
                    "`alleged` or `predicted`.",
                    required=True,
                    enum=("observed", "questioned", "assessed", "alleged", "predicted"),
                    derived=True,
                ),
                Column(
                    "present",
                    "boolean",
                    "Whether the code counts as present (observed evidence): the 1 of a QCA "
                    "truth table.",
                    required=True,
                    derived=True,
                ),
                Column(
                    "claims",
                    "string",
                    "The counted claims, strongest first: ids separated by spaces.",
                    ids=True,
                    refers_to=("claims",),
                    derived=True,
                ),
                Column(
                    "independent_origins",
                    "integer",
                    "How many independent origins the counted claims' sources have.",
                    required=True,
                    derived=True,
                ),
            ),
            ("case", "code"),
            (_fk("case", "cases"), _fk("code", "codes")),
        ),
        TableSchema(
            "categories",
            "Code categories",
            "One row per family of analytic codes.",
            (
                _key("id", _about(CodeCategory, "id")),
                _text(CodeCategory, "label", required=True),
                _text(CodeCategory, "definition", required=True),
            ),
            ("id",),
        ),
        TableSchema(
            "codes",
            "Codes",
            "One row per analytic code of the codebook.",
            (
                _key("id", _about(Code, "id")),
                _text(Code, "label", required=True),
                _text(Code, "definition", required=True),
                _key("category", _about(Code, "category"), "categories"),
                _ref(Code, "parent", "codes"),
                _texts(Code, "examples"),
            ),
            ("id",),
            (_fk("category", "categories"), _fk("parent", "codes")),
        ),
        TableSchema(
            "sources",
            "Sources",
            "One row per registered source. Its text is not included: it stays its "
            "publisher's; `sha256` identifies the text the quotes were checked against.",
            (
                _key("id", _about(Source, "id")),
                _text(Source, "title", required=True),
                _text(Source, "publisher"),
                _text(Source, "author"),
                Column("url", "string", _about(Source, "url")),
                _date(Source, "published"),
                _enum(Source, "kind", SourceKind),
                _text(Source, "language", required=True),
                _text(Source, "file"),
                _text(Source, "sha256"),
                _ids(Source, "derived_from", "sources"),
                _text(Source, "provenance"),
                Column(
                    "origins",
                    "string",
                    "The source's independent origins: the sources it relays, through any "
                    "chain, that relay nothing themselves (itself when it relays nothing). "
                    "Ids separated by spaces.",
                    ids=True,
                    refers_to=("sources",),
                    derived=True,
                ),
                _texts(Source, "weaknesses"),
                Column(
                    "excluded",
                    "array",
                    _about(Source, "excluded")
                    + " A JSON list of objects with `start`, `end` and `reason`.",
                    item_fields=("start", "end", "reason"),
                ),
                _date(DateInference, "earliest", "date_earliest"),
                _date(DateInference, "latest", "date_latest"),
                _date(DateInference, "best_estimate", "date_best_estimate"),
                Column(
                    "date_confidence",
                    "string",
                    "For an undated source: " + _about(DateInference, "confidence"),
                    enum=("low", "medium", "high"),
                ),
                _text(DateInference, "reasoning", "date_reasoning"),
                _ids(DateInference, "clues", "claims", name="date_clues"),
            ),
            ("id",),
        ),
        TableSchema(
            "source_relays",
            "Source relays",
            "One row per registered source that another relays, condenses or republishes: "
            "who relays whom.",
            (
                _key("source", "The relaying source: id of a row of `sources`.", "sources"),
                _key("relays", "The source it relays: id of a row of `sources`.", "sources"),
                _position("relayed source"),
            ),
            ("source", "relays"),
            (_fk("source", "sources"), _fk("relays", "sources")),
        ),
        TableSchema(
            "parties",
            "Parties",
            "One row per party: a state, armed group, person, company or group.",
            (
                _key("id", _about(Party, "id")),
                _text(Party, "name", required=True),
                _enum(Party, "kind", PartyKind),
                _text(Party, "country"),
                _ids(Party, "member_of", "parties"),
                _texts(Party, "aliases"),
                _text(Party, "description"),
            ),
            ("id",),
        ),
        TableSchema(
            "places",
            "Places",
            "One row per place: a country, province, region or site.",
            (
                _key("id", _about(Place, "id")),
                _text(Place, "name", required=True),
                _enum(Place, "kind", PlaceKind),
                _text(Place, "iso_code"),
                _ref(Place, "within", "places"),
                _texts(Place, "aliases"),
                _degrees("latitude"),
                _degrees("longitude"),
                _ref(Location, "source", "sources", "location_source"),
            ),
            ("id",),
            (_fk("within", "places"), _fk("location_source", "sources")),
        ),
        TableSchema(
            "commodities",
            "Commodities",
            "One row per traded resource.",
            (
                _key("id", _about(Commodity, "id")),
                _text(Commodity, "name", required=True),
                _enum(Commodity, "group", CommodityGroup),
                _texts(Commodity, "aliases"),
                _text(Commodity, "description"),
            ),
            ("id",),
        ),
        TableSchema(
            "precedents",
            "Precedents",
            "One row per precedent: an earlier project, programme, agreement or law.",
            (
                _key("id", _about(Precedent, "id")),
                _text(Precedent, "name", required=True),
                _enum(Precedent, "kind", PrecedentKind),
                _texts(Precedent, "aliases"),
                _date(Period, "start", "period_start"),
                _date(Period, "end", "period_end"),
                _ids(Precedent, "places", "places"),
                _ids(Precedent, "parties", "parties"),
                _ids(Precedent, "commodities", "commodities"),
                _text(Precedent, "summary", required=True),
                _text(Precedent, "outcome"),
            ),
            ("id",),
        ),
        TableSchema(
            "status_markers",
            "Status markers",
            "One row per word or phrase that, in a quote, suggests a claim's epistemic "
            "status (the coding protocol).",
            (
                _key("id", _about(StatusMarker, "id")),
                _text(StatusMarker, "phrase", required=True),
                Column(
                    "suggests",
                    "string",
                    _about(StatusMarker, "suggests") + " Separated by spaces.",
                    required=True,
                    ids=True,
                ),
                _flag(StatusMarker, "match_case"),
                _text(StatusMarker, "meaning", required=True),
            ),
            ("id",),
        ),
    )
}
"""Every table's schema, by name, in the order the tables are written."""


def _listed(values: Iterable[str]) -> list[str]:
    return list(values)


def _enum_value(value: StrEnum | None) -> str | None:
    return None if value is None else value.value


def _url(source: Source) -> str | None:
    return None if source.url is None else str(source.url)


def _case_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        yield (
            case.id,
            case.title,
            case.summary,
            case.as_of,
            case.host,
            _listed(case.sources),
            case.precedent,
        )


def _deal_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        deal = case.deal
        yield (
            case.id,
            deal.kind.value,
            deal.summary,
            deal.status[-1].status.value,
            _listed(deal.commodities),
            _listed(deal.places),
        )


def _status_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, entry in enumerate(case.deal.status, 1):
            yield (
                case.id,
                n,
                entry.date,
                entry.approximate,
                entry.status.value,
                _listed(entry.claims),
            )


def _role_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, party in enumerate(case.deal.parties, 1):
            yield case.id, n, party.party, party.role.value, _listed(party.claims)


def _offer_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, offer in enumerate(case.deal.offers, 1):
            yield (
                case.id,
                n,
                offer.from_party,
                offer.to_party,
                offer.kind.value,
                offer.text,
                _listed(offer.commodities),
                _listed(offer.places),
                _listed(offer.claims),
            )


def _event_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, event in enumerate(case.events, 1):
            yield case.id, n, event.date, event.approximate, event.text, _listed(event.claims)


def _trade_off_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, trade_off in enumerate(case.trade_offs, 1):
            for aspect, statements in (
                ("gain", trade_off.gains),
                ("cost", trade_off.costs),
                ("risk", trade_off.risks),
            ):
                for position, statement in enumerate(statements, 1):
                    yield (
                        case.id,
                        n,
                        trade_off.party,
                        aspect,
                        position,
                        statement.text,
                        _listed(statement.claims),
                    )


def _impacts(book: Casebook) -> Iterator[tuple[str, str | None, str | None, LocalImpact]]:
    """Every local impact with its row id, and the case or precedent that records it."""
    for case in book.cases.values():
        for n, impact in enumerate(case.local_impacts, 1):
            yield f"{case.id}/{n}", case.id, None, impact
    for precedent in book.precedents.values():
        for n, impact in enumerate(precedent.local_impacts, 1):
            yield f"{precedent.id}/{n}", None, precedent.id, impact


def _impact_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for key, case, precedent, impact in _impacts(book):
        yield key, case, precedent, impact.population, _listed(impact.places)


def _impact_statement_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for key, _, _, impact in _impacts(book):
        supported: tuple[tuple[str, tuple[Supported, ...]], ...] = (
            ("promised-benefit", impact.promised_benefits),
            ("materialised-benefit", impact.materialised_benefits),
        )
        for aspect, statements in supported:
            for n, statement in enumerate(statements, 1):
                yield key, aspect, n, None, statement.text, _listed(statement.claims)
        for n, harm in enumerate(impact.negative_impacts, 1):
            yield key, "negative-impact", n, harm.kind.value, harm.text, _listed(harm.claims)
        for n, statement in enumerate(impact.community_reaction, 1):
            yield key, "community-reaction", n, None, statement.text, _listed(statement.claims)


def _case_precedent_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        for n, link in enumerate(case.precedents, 1):
            yield (
                case.id,
                n,
                link.precedent,
                link.relation.value,
                link.lesson,
                _listed(link.claims),
            )


def _owned_claims(book: Casebook) -> Iterator[tuple[Case | None, Precedent | None, int, Claim]]:
    for case in book.cases.values():
        for n, claim in enumerate(case.claims, 1):
            yield case, None, n, claim
    for precedent in book.precedents.values():
        for n, claim in enumerate(precedent.claims, 1):
            yield None, precedent, n, claim


def _claim_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case, precedent, n, claim in _owned_claims(book):
        yield (
            claim.id,
            None if case is None else case.id,
            None if precedent is None else precedent.id,
            n,
            claim.text,
            claim.status.value,
            claim.status_reason,
            _listed(claim.attributed_to),
            _listed(claim.about),
            claim.date,
            case is not None and case.is_later(claim),
            claim.accuracy.value,
            claim.note,
            _listed(claim.corrected_by),
        )


def _evidence_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for _, _, _, claim in _owned_claims(book):
        for n, evidence in enumerate(claim.evidence, 1):
            yield claim.id, n, evidence.source, evidence.quote, evidence.source in book.texts


def _claim_code_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for _, _, _, claim in _owned_claims(book):
        for n, code in enumerate(claim.codes, 1):
            yield claim.id, code, n


def _case_code_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for case in book.cases.values():
        found = code_evidence(case, DEFAULT_POLICY, origins=book.origins)
        for code in sorted(found):
            evidence = found[code]
            yield (
                case.id,
                code,
                evidence.presence.value,
                evidence.presence.at_least(DEFAULT_POLICY.present_from),
                [cited.claim for cited in evidence.claims],
                evidence.independent_origins,
            )


def _category_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for category in book.categories.values():
        yield category.id, category.label, category.definition


def _code_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for code in book.codebook.values():
        yield (
            code.id,
            code.label,
            code.definition,
            code.category,
            code.parent,
            _listed(code.examples),
        )


def _excluded(span: ExcludedSpan) -> dict[str, Any]:
    return span.model_dump(mode="json")


def _source_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for source in book.sources.values():
        inferred = source.date_inference
        yield (
            source.id,
            source.title,
            source.publisher,
            source.author,
            _url(source),
            source.published,
            source.kind.value,
            source.language,
            source.file,
            source.sha256,
            _listed(source.derived_from),
            source.provenance,
            sorted(book.origins.get(source.id, frozenset({source.id}))),
            _listed(source.weaknesses),
            [_excluded(span) for span in source.excluded],
            None if inferred is None else inferred.earliest,
            None if inferred is None else inferred.latest,
            None if inferred is None else inferred.best_estimate,
            None if inferred is None else inferred.confidence.value,
            None if inferred is None else inferred.reasoning,
            [] if inferred is None else _listed(inferred.clues),
        )


def _relay_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for source in book.sources.values():
        for n, relayed in enumerate(source.derived_from, 1):
            yield source.id, relayed, n


def _party_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for party in book.parties.values():
        yield (
            party.id,
            party.name,
            party.kind.value,
            party.country,
            _listed(party.member_of),
            _listed(party.aliases),
            party.description,
        )


def _place_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for place in book.places.values():
        where = place.location
        yield (
            place.id,
            place.name,
            place.kind.value,
            place.iso_code,
            place.within,
            _listed(place.aliases),
            None if where is None else where.latitude,
            None if where is None else where.longitude,
            None if where is None else where.source,
        )


def _commodity_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for commodity in book.commodities.values():
        yield (
            commodity.id,
            commodity.name,
            commodity.group.value,
            _listed(commodity.aliases),
            commodity.description,
        )


def _precedent_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for precedent in book.precedents.values():
        period = precedent.period
        yield (
            precedent.id,
            precedent.name,
            precedent.kind.value,
            _listed(precedent.aliases),
            None if period is None else period.start,
            None if period is None else period.end,
            _listed(precedent.places),
            _listed(precedent.parties),
            _listed(precedent.commodities),
            precedent.summary,
            precedent.outcome,
        )


def _marker_rows(book: Casebook) -> Iterator[tuple[Any, ...]]:
    for marker in book.status_markers.values():
        yield (
            marker.id,
            marker.phrase,
            [status.value for status in marker.suggests],
            marker.match_case,
            marker.meaning,
        )


_ROWS: Final[Mapping[str, Callable[[Casebook], Iterator[tuple[Any, ...]]]]] = {
    "cases": _case_rows,
    "deals": _deal_rows,
    "status_history": _status_rows,
    "roles": _role_rows,
    "offers": _offer_rows,
    "events": _event_rows,
    "trade_offs": _trade_off_rows,
    "local_impacts": _impact_rows,
    "local_impact_statements": _impact_statement_rows,
    "case_precedents": _case_precedent_rows,
    "claims": _claim_rows,
    "evidence": _evidence_rows,
    "claim_codes": _claim_code_rows,
    "case_codes": _case_code_rows,
    "categories": _category_rows,
    "codes": _code_rows,
    "sources": _source_rows,
    "source_relays": _relay_rows,
    "parties": _party_rows,
    "places": _place_rows,
    "commodities": _commodity_rows,
    "precedents": _precedent_rows,
    "status_markers": _marker_rows,
}


def tables(book: Casebook) -> dict[str, Table]:
    """The casebook as tables, by name, each a mapping of column → values.

    `pandas.DataFrame(book.tables()["claims"])` is the claims table; the schemas
    ([`SCHEMAS`][casebook.export.SCHEMAS]) give each column's type and meaning, and the keys
    that join the tables. Every record of the case files is in a row, except the sources'
    texts, which stay their publishers'.
    """
    return {name: Table(schema, _ROWS[name](book)) for name, schema in SCHEMAS.items()}


def case_tables(
    book: Casebook, case_id: str, data: Mapping[str, Table] | None = None
) -> dict[str, Table]:
    """The rows of one case: its record, deal, claims, evidence, codes and the rest.

    Only the tables that belong to cases are given (`cases`, `deals`, `claims`, `evidence`,
    `claim_codes`, `case_codes`, …); the registries they refer to are shared by every case.

    Raises:
        KeyError: No case has that id.
    """
    if case_id not in book.cases:
        raise KeyError(case_id)
    return tables_by_case(book, data, only=case_id)[case_id]


def tables_by_case(
    book: Casebook, data: Mapping[str, Table] | None = None, *, only: str | None = None
) -> dict[str, dict[str, Table]]:
    """`case_tables` of every case (or of the case `only`), each table read once.

    Every row goes to the case it belongs to in one pass over the tables, so that splitting
    the corpus takes time in proportion to its rows, not to its rows times its cases.
    """
    data = tables(book) if data is None else data
    cases = [only] if only is not None else list(book.cases)
    claim_case = {claim.id: case_id for case_id in cases for claim in book.cases[case_id].claims}
    wanted = set(cases)
    impact_case = {
        row["id"]: row["case"] for row in data["local_impacts"].rows() if row["case"] in wanted
    }
    owner: dict[str, Callable[[dict[str, Any]], Any]] = {
        "cases": lambda row: row["id"],
        "evidence": lambda row: claim_case.get(row["claim"]),
        "claim_codes": lambda row: claim_case.get(row["claim"]),
        "local_impact_statements": lambda row: impact_case.get(row["impact"]),
    }
    result: dict[str, dict[str, Table]] = {case_id: {} for case_id in cases}
    for name, table in data.items():
        case_of = owner.get(name)
        if case_of is None and "case" in table.schema.names:
            case_of = operator.itemgetter("case")
        if case_of is None:
            continue
        schema = table.schema
        rows: dict[str, list[list[Any]]] = {case_id: [] for case_id in cases}
        for row in table.rows():
            bucket = rows.get(case_of(row))
            if bucket is not None:
                bucket.append([row[c] for c in schema.names])
        for case_id in cases:
            result[case_id][name] = Table(schema, rows[case_id])
    return result
