"""The records back from the tables: cases and registries, equal to those exported."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from casebook.models import Case, Claim, Code, CodeCategory, Precedent, RegistryFile

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from casebook.export._tables import Table

__all__ = ["claims_from", "rebuild"]

Row = dict[str, Any]


def _clean(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record without its missing values and empty lists: the models' defaults."""
    return {key: value for key, value in record.items() if value is not None and value != []}


def _by(table: Table, *keys: str) -> dict[Any, list[Row]]:
    """The table's rows grouped by the values of `keys`, each group in row order."""
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in table.rows():
        groups[row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)].append(row)
    return groups


def _pick(row: Row, *names: str, **renamed: str) -> dict[str, Any]:
    picked = {name: row[name] for name in names}
    picked.update({field: row[column] for field, column in renamed.items()})
    return _clean(picked)


def _claims(data: Mapping[str, Table]) -> dict[str, list[dict[str, Any]]]:
    """Claim records by the case or precedent that holds them, in order."""
    evidence = _by(data["evidence"], "claim")
    codes = _by(data["claim_codes"], "claim")
    owned: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(data["claims"].rows(), key=lambda row: row["position"]):
        record = _pick(
            row,
            "id",
            "text",
            "status",
            "status_reason",
            "attributed_to",
            "about",
            "date",
            "accuracy",
            "note",
            "corrected_by",
        )
        record["evidence"] = [
            _pick(e, "source", "quote")
            for e in sorted(evidence[row["id"]], key=lambda e: e["position"])
        ]
        record["codes"] = [
            c["code"] for c in sorted(codes.get(row["id"], []), key=lambda c: c["position"])
        ]
        owned[row["case"] or row["precedent"]].append(_clean(record))
    return owned


def claims_from(data: Mapping[str, Table]) -> dict[str, Claim]:
    """Every claim, by id, rebuilt from the `claims`, `evidence` and `claim_codes` tables."""
    return {
        record["id"]: Claim.model_validate(record)
        for records in _claims(data).values()
        for record in records
    }


def _supported(rows: Iterable[Row]) -> list[dict[str, Any]]:
    return [_pick(row, "text", "claims") for row in sorted(rows, key=lambda r: r["position"])]


def _local_impacts(data: Mapping[str, Table]) -> dict[str, list[dict[str, Any]]]:
    statements = _by(data["local_impact_statements"], "impact", "aspect")
    owned: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in data["local_impacts"].rows():
        key = row["id"]
        harms = sorted(statements.get((key, "negative-impact"), []), key=lambda r: r["position"])
        owned[row["case"] or row["precedent"]].append(
            _clean(
                {
                    "population": row["population"],
                    "places": row["places"],
                    "promised_benefits": _supported(statements.get((key, "promised-benefit"), [])),
                    "materialised_benefits": _supported(
                        statements.get((key, "materialised-benefit"), [])
                    ),
                    "negative_impacts": [
                        _pick(harm, "text", "claims", kind="harm") for harm in harms
                    ],
                    "community_reaction": _supported(
                        statements.get((key, "community-reaction"), [])
                    ),
                }
            )
        )
    return owned


def _in_order(groups: Mapping[Any, list[Row]], key: Any) -> list[Row]:
    return sorted(groups.get(key, []), key=lambda row: row["position"])


def _trade_offs(rows: list[Row]) -> list[dict[str, Any]]:
    by_trade_off: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_trade_off[row["trade_off"]].append(row)
    result = []
    for number in sorted(by_trade_off):
        group = by_trade_off[number]
        aspects = {
            field: _supported(row for row in group if row["aspect"] == aspect)
            for field, aspect in (("gains", "gain"), ("costs", "cost"), ("risks", "risk"))
        }
        result.append(_clean({"party": group[0]["party"], **aspects}))
    return result


def _cases(
    data: Mapping[str, Table],
    claims: Mapping[str, list[dict[str, Any]]],
    impacts: Mapping[str, list[dict[str, Any]]],
) -> dict[str, Case]:
    deals = _by(data["deals"], "case")
    status = _by(data["status_history"], "case")
    roles = _by(data["roles"], "case")
    offers = _by(data["offers"], "case")
    events = _by(data["events"], "case")
    trade_offs = _by(data["trade_offs"], "case")
    links = _by(data["case_precedents"], "case")
    cases = {}
    for row in data["cases"].rows():
        key = row["id"]
        deal = deals[key][0]
        record = _pick(row, "id", "title", "summary", "as_of", "host", "sources", "precedent")
        record["claims"] = claims.get(key, [])
        record["deal"] = _clean(
            {
                **_pick(deal, "kind", "summary", "commodities", "places"),
                "status": [
                    _pick(s, "date", "status", "claims")
                    | ({"approximate": True} if s["approximate"] else {})
                    for s in _in_order(status, key)
                ],
                "parties": [_pick(r, "party", "role", "claims") for r in _in_order(roles, key)],
                "offers": [
                    _pick(
                        o,
                        "from_party",
                        "to_party",
                        "kind",
                        "text",
                        "commodities",
                        "places",
                        "claims",
                    )
                    for o in _in_order(offers, key)
                ],
            }
        )
        record["trade_offs"] = _trade_offs(trade_offs.get(key, []))
        record["local_impacts"] = impacts.get(key, [])
        record["precedents"] = [
            _pick(link, "precedent", "relation", "lesson", "claims")
            for link in _in_order(links, key)
        ]
        record["events"] = [
            _pick(e, "date", "text", "claims") | ({"approximate": True} if e["approximate"] else {})
            for e in _in_order(events, key)
        ]
        cases[key] = Case.model_validate(_clean(record))
    return cases


def _source(row: Row) -> dict[str, Any]:
    record = _pick(
        row,
        "id",
        "title",
        "publisher",
        "author",
        "url",
        "published",
        "kind",
        "language",
        "file",
        "sha256",
        "derived_from",
        "provenance",
        "weaknesses",
        "excluded",
    )
    if row["date_confidence"] is not None:
        record["date_inference"] = _pick(
            row,
            earliest="date_earliest",
            latest="date_latest",
            best_estimate="date_best_estimate",
            confidence="date_confidence",
            reasoning="date_reasoning",
            clues="date_clues",
        )
    return record


def _place(row: Row) -> dict[str, Any]:
    record = _pick(row, "id", "name", "kind", "iso_code", "within", "aliases")
    if row["latitude"] is not None or row["longitude"] is not None:
        record["location"] = _pick(
            row, latitude="latitude", longitude="longitude", source="location_source"
        )
    return record


def rebuild(data: Mapping[str, Table]) -> tuple[dict[str, Case], RegistryFile]:
    """The cases and the registries, rebuilt from the tables.

    What [`tables`][casebook.export.tables] gives, or a Data Package read back with
    [`datapackage.read`][casebook.export.datapackage.read], rebuilds records equal to the
    casebook's own: nothing of the case files is lost but the sources' texts (and so the
    casebook can be checked again only with those texts beside it).

    Raises:
        pydantic.ValidationError: A table holds what no record can.
    """
    claims = _claims(data)
    impacts = _local_impacts(data)
    precedents = []
    for row in data["precedents"].rows():
        record = _pick(
            row,
            "id",
            "name",
            "aliases",
            "kind",
            "places",
            "parties",
            "commodities",
            "summary",
            "outcome",
        )
        period = _pick(row, start="period_start", end="period_end")
        if row["period_start"] is not None or row["period_end"] is not None:
            record["period"] = period
        record["claims"] = claims.get(row["id"], [])
        record["local_impacts"] = impacts.get(row["id"], [])
        precedents.append(Precedent.model_validate(_clean(record)))
    registry = RegistryFile.model_validate(
        {
            "sources": [_source(row) for row in data["sources"].rows()],
            "parties": [
                _pick(r, "id", "name", "kind", "country", "member_of", "aliases", "description")
                for r in data["parties"].rows()
            ],
            "places": [_place(row) for row in data["places"].rows()],
            "commodities": [
                _pick(r, "id", "name", "group", "aliases", "description")
                for r in data["commodities"].rows()
            ],
            "precedents": precedents,
            "categories": [
                CodeCategory.model_validate(_pick(r, "id", "label", "definition"))
                for r in data["categories"].rows()
            ],
            "codes": [
                Code.model_validate(
                    _pick(r, "id", "label", "definition", "category", "parent", "examples")
                )
                for r in data["codes"].rows()
            ],
            "status_markers": [
                _pick(r, "id", "phrase", "suggests", "meaning")
                | ({"match_case": True} if r["match_case"] else {})
                for r in data["status_markers"].rows()
            ],
        }
    )
    return _cases(data, claims, impacts), registry
