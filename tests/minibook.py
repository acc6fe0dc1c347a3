"""A small, valid casebook written to disk, for tests that break it on purpose."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from pathlib import Path

SOURCE_TEXT = """Headline: The minister reportedly offered cobalt for training.
Rebels deny the charge. Analysts warn of unrest.
READ MORE: Another story entirely
"""
SOURCE_SHA256 = hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest()
"""The hash the registry records for the source text."""


def registry() -> dict[str, Any]:
    """Registry data: one source with a text, parties, a place, a commodity, a codebook."""
    return {
        "sources": [
            {
                "id": "article",
                "title": "An article",
                "kind": "news-article",
                "file": "../../texts/article.txt",
                "sha256": SOURCE_SHA256,
                "excluded": [{"start": "READ MORE:", "reason": "link"}],
            }
        ],
        "parties": [
            {"id": "host-state", "name": "Host", "kind": "state", "country": "CD"},
            {"id": "partner-state", "name": "Partner", "kind": "state", "country": "US"},
            {"id": "analysts", "name": "Analysts", "kind": "analysts"},
        ],
        "places": [
            {"id": "north-kivu", "name": "North Kivu", "kind": "province", "iso_code": "CD-NK"}
        ],
        "commodities": [{"id": "cobalt", "name": "Cobalt", "group": "critical-mineral"}],
        "categories": [{"id": "exchange", "label": "Exchange", "definition": "What is traded."}],
        "codes": [
            {
                "id": "minerals-for-security",
                "label": "Minerals for security",
                "definition": "Minerals for military help.",
                "category": "exchange",
            }
        ],
    }


def case() -> dict[str, Any]:
    """A case citing the registry above."""
    return {
        "id": "mini",
        "title": "A small case",
        "summary": "A host offers cobalt to a partner for training.",
        "as_of": "2025-03",
        "host": "host-state",
        "sources": ["article"],
        "claims": [
            {
                "id": "mini-offer",
                "text": "The minister reportedly offered cobalt for training.",
                "status": "reported",
                "evidence": [
                    {"source": "article", "quote": "The minister reportedly offered cobalt"}
                ],
                "codes": ["minerals-for-security"],
                "about": ["host-state", "cobalt", "north-kivu"],
            },
            {
                "id": "mini-warning",
                "text": "Analysts warn of unrest.",
                "status": "forecast",
                "attributed_to": ["analysts"],
                "evidence": [{"source": "article", "quote": "Analysts warn of unrest."}],
            },
        ],
        "deal": {
            "kind": "minerals-for-security",
            "summary": "Cobalt for training.",
            "status": [{"date": "2025", "status": "proposed", "claims": ["mini-offer"]}],
            "parties": [{"party": "host-state", "role": "host", "claims": ["mini-offer"]}],
            "offers": [
                {
                    "from_party": "host-state",
                    "to_party": "partner-state",
                    "kind": "resource-access",
                    "text": "Cobalt.",
                    "commodities": ["cobalt"],
                    "claims": ["mini-offer"],
                }
            ],
        },
    }


def write(
    root: Path, *, registry_data: Any = None, case_data: Any = None, text: str | None = None
) -> Path:
    """Write the casebook under `root` and return its `cases` folder.

    With `text`, the source's text is that instead of `SOURCE_TEXT`, and the `sha256` the
    registry records for it is that text's.
    """
    cases = root / "cases"
    (cases / "registry").mkdir(parents=True)
    (root / "texts").mkdir()
    (root / "texts" / "article.txt").write_text(text or SOURCE_TEXT, encoding="utf-8")
    dump = yaml.safe_dump
    reg = registry() if registry_data is None else registry_data
    if text is not None:
        for source in reg.get("sources", []) if isinstance(reg, dict) else []:
            if isinstance(source, dict) and source.get("file") == "../../texts/article.txt":
                source["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    data = case() if case_data is None else case_data
    (cases / "registry" / "all.yaml").write_text(dump(reg, sort_keys=False), encoding="utf-8")
    (cases / "mini.yaml").write_text(dump(data, sort_keys=False), encoding="utf-8")
    return cases


def strings(data: Any) -> list[str]:
    """Every string value in JSON data: what a hostile casebook's text can reach."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return []


def write_generated(root: Path, book_data: dict[str, Any]) -> Path:
    """Write a casebook drawn by `casebook.strategies.case_files()` under `root`; return it.

    The registries go to one file, each case to its own, as `casebook.dump_yaml` writes them.
    """
    import casebook  # noqa: PLC0415 - only the generated-casebook tests need the library
    from casebook import models  # noqa: PLC0415

    (root / "registry").mkdir(parents=True)
    registry = models.RegistryFile(**book_data["registry"])
    (root / "registry" / "all.yaml").write_text(casebook.dump_yaml(registry), encoding="utf-8")
    for case in book_data["cases"]:
        (root / f"{case.id}.yaml").write_text(casebook.dump_yaml(case), encoding="utf-8")
    return root
