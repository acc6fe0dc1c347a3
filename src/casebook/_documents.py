"""Reading case and registry files, and turning what is wrong in them into located problems."""

from __future__ import annotations

import difflib
import types
import typing
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from casebook._errors import Problem
from casebook._yaml import Position, YamlError, parse_yaml, positions

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic_core import ErrorDetails

__all__ = ["Document", "Loc", "read_document", "undecodable", "validate_document"]

Loc = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""

ModelT = TypeVar("ModelT", bound=BaseModel)
_SHOWN = 60
MAX_PROBLEMS = 100
"""At most this many validation problems are reported per record; a count stands for the rest."""


class Document:
    """A file's text and data, which can say where any value of it starts."""

    def __init__(self, path: Path, shown: str, text: str, data: Any) -> None:
        """Keep the parsed file; positions are worked out only when a problem needs one."""
        self.path = path
        self.shown = shown
        self.text = text
        self.data = data

    @cached_property
    def _positions(self) -> dict[tuple[str | int, ...], Position]:
        return positions(self.text)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        """A problem at the value (or, with `key`, the key) at `loc`, or at its nearest parent."""
        return self._locate(self._positions, loc, message, key=key)

    def problems(self, found: list[tuple[Loc, str, bool]]) -> list[Problem]:
        """Problems for many `(loc, message, key)` at once, mapping only the paths they need."""
        wanted = {(*loc, "<key>") for loc, _, key in found if key}
        wanted.update(loc[:end] for loc, _, _ in found for end in range(len(loc) + 1))
        where = positions(self.text, wanted)
        return [self._locate(where, loc, message, key=key) for loc, message, key in found]

    def _locate(
        self, where: dict[tuple[str | int, ...], Position], loc: Loc, message: str, *, key: bool
    ) -> Problem:
        if key and (*loc, "<key>") in where:
            found = where[(*loc, "<key>")]
            return Problem(self.shown, found.line, found.column, message)
        for end in range(len(loc), -1, -1):
            if loc[:end] in where:
                found = where[loc[:end]]
                return Problem(self.shown, found.line, found.column, message)
        return Problem(self.shown, 1, 1, message)


def undecodable(raw: bytes, error: UnicodeDecodeError) -> tuple[int, int, str]:
    """Where UTF-8 decoding of `raw` failed: line and column (from 1), and the byte in hex."""
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, column, raw[error.start : error.start + 1].hex()


def read_document(path: Path, shown: str, *, data: bytes | None = None) -> Document | Problem:
    """Read and parse one YAML file (or its bytes, when already read), or say why it cannot be."""
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as error:
        return Problem(shown, 1, 1, f"cannot read the file: {error.strerror or error}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column, byte = undecodable(raw, error)
        return Problem(shown, line, column, f"expected UTF-8 text, found byte 0x{byte}")
    text = text.removeprefix("\ufeff")
    try:
        data = parse_yaml(text)
    except YamlError as error:
        return Problem(shown, error.position.line, error.position.column, error.message)
    return Document(path, shown, text, data)


def _data_path(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of a pydantic error location that indexes the data (drops union tags)."""
    path: list[str | int] = []
    current = data
    for item in loc:
        if isinstance(current, dict) and isinstance(item, str) and item in current:  # noqa: SIM114
            current = current[item]
        elif isinstance(current, list) and isinstance(item, int) and 0 <= item < len(current):
            current = current[item]
        else:
            continue
        path.append(item)
    return tuple(path)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that the value at `loc` is validated against, when there is one."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(item)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in {tuple, list, typing.Union, types.UnionType, typing.Annotated}:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _dotted(loc: Loc) -> str:
    text = ""
    for item in loc:
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else item)
    return text


def _shown_input(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    shown = repr(value)
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + "...'"


def _message(model: type[BaseModel], error: ErrorDetails, loc: Loc, shown: Loc) -> tuple[str, bool]:
    """A contributor-facing message for one pydantic error, and whether it is about a key."""
    kind = error["type"]
    where = _dotted(shown)
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        field = error["loc"][-1]
        return f"{prefix}missing required field {field!r}", False
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(field, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        expected = f"; expected one of: {', '.join(known)}" if known else ""
        return f"unknown field {field!r}{hint}{expected}", True
    if kind == "model_type":
        return f"{prefix}expected a mapping of fields, got {_shown_input(error['input'])}", False
    message = error["msg"].removeprefix("Value error, ")
    got = "" if kind.endswith("_error") else f", got {_shown_input(error['input'])}"
    return f"{prefix}{message}{got}", False


def validate_document(
    document: Document, model: type[ModelT], loc: Loc = ()
) -> ModelT | list[Problem]:
    """Validate the value at `loc` of a document against a model, or locate every problem."""
    data = document.data
    for item in loc:
        data = data[item]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found: list[tuple[Loc, str, bool]] = []
        errors = exc.errors(include_url=False)
        for error in errors[:MAX_PROBLEMS]:
            path = _data_path(data, error["loc"])
            message, about_key = _message(model, error, path, (*loc, *path))
            found.append(((*loc, *path), message, about_key))
        if len(errors) > MAX_PROBLEMS:
            rest = len(errors) - MAX_PROBLEMS
            message = f"{rest} more problems in this record are not shown; fix the ones above first"
            found.append((loc, message, False))
        return document.problems(found)
