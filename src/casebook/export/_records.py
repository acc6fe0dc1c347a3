"""Writing cases back out: YAML like the case files, JSON, and the JSON Schemas for editors."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

import yaml

from casebook.models import Case, RegistryFile

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["dump_json", "dump_yaml", "json_schema", "yaml_text"]

_SCHEMA_URI = "https://casebook.readthedocs.io/schema/{kind}.schema.json"


_LINE_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """A safe dumper that double-quotes text with Unicode line breaks, which YAML would fold."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(mark in value for mark in _LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _data(model: BaseModel) -> Any:
    return model.model_dump(mode="json", exclude_defaults=True)


def yaml_text(data: Any) -> str:
    """Plain data (mappings, lists, text) as YAML that casebook's reader reads back unchanged."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def dump_yaml(model: BaseModel) -> str:
    """A record as YAML that casebook reads back to an equal record.

    Fields left at their defaults are omitted, as a contributor would write them.
    """
    return yaml_text(_data(model))


def dump_json(model: BaseModel, *, indent: int | None = 2) -> str:
    """A record as JSON (all fields, defaults included)."""
    return model.model_dump_json(indent=indent)


def json_schema(kind: Literal["case", "registry"] = "case") -> str:
    """The JSON Schema (draft 2020-12) of a case file or a registry file, as text."""
    model: type[BaseModel] = Case if kind == "case" else RegistryFile
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_URI.format(kind=kind),
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
