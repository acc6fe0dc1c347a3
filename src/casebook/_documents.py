"""Reading case and registry files, and turning what is wrong in them into located problems."""

from __future__ import annotations

import difflib
import types
import typing
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from casebook._errors import Problem, ProblemCode
from casebook._yaml import Position, YamlError, parse_yaml, positions

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic_core import ErrorDetails

__all__ = ["Document", "Loc", "read_document", "undecodable", "validate_document"]

Loc = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""

Found = tuple[Loc, str, ProblemCode, bool]
"""A problem not yet located: where, what is wrong, its code, and whether it is about a key."""

ModelT = TypeVar("ModelT", bound=BaseModel)
_SHOWN = 60
_CODES: dict[str, ProblemCode] = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "enum": "invalid-choice",
    "literal_error": "invalid-choice",
    "string_pattern_mismatch": "invalid-format",
}
"""Problem codes of the pydantic error types that `_code` does not group by name."""
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

    def problem(self, loc: Loc, message: str, *, code: ProblemCode, key: bool = False) -> Problem:
        """A problem at the value (or, with `key`, the key) at `loc`, or at its nearest parent."""
        return self._locate(self._positions, (loc, message, code, key))

    def problems(self, found: list[Found]) -> list[Problem]:
        """Problems for many `(loc, message, code, key)` at once, mapping only the paths needed."""
        wanted = {(*loc, "<key>") for loc, _, _, key in found if key}
        wanted.update(loc[:end] for loc, _, _, _ in found for end in range(len(loc) + 1))
        where = positions(self.text, wanted)
        return [self._locate(where, one) for one in found]

    def _locate(self, where: dict[tuple[str | int, ...], Position], found: Found) -> Problem:
        loc, message, code, key = found
        if key and (*loc, "<key>") in where:
            at = where[(*loc, "<key>")]
            return Problem(self.shown, at.line, at.column, message, code=code)
        for end in range(len(loc), -1, -1):
            if loc[:end] in where:
                at = where[loc[:end]]
                return Problem(self.shown, at.line, at.column, message, code=code)
        return Problem(self.shown, 1, 1, message, code=code)


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
        message = f"cannot read the file: {error.strerror or error}"
        return Problem(shown, 1, 1, message, code="file-unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column, byte = undecodable(raw, error)
        message = f"expected UTF-8 text, found byte 0x{byte}"
        return Problem(shown, line, column, message, code="file-not-utf8")
    text = text.removeprefix("\ufeff")
    try:
        data = parse_yaml(text)
    except YamlError as error:
        where = error.position
        return Problem(shown, where.line, where.column, error.message, code=error.code)
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


def _code(kind: str) -> ProblemCode:
    """The problem code for a pydantic error type."""
    if kind in _CODES:
        return _CODES[kind]
    if kind.startswith("url_"):
        return "invalid-format"
    if kind.endswith(("_type", "_parsing")):
        return "wrong-type"
    if kind.endswith(("too_short", "too_long")):
        return "invalid-length"
    return "invalid-value"


def _message(model: type[BaseModel], error: ErrorDetails, loc: Loc, shown: Loc) -> Found:
    """A contributor-facing message for one pydantic error, located at `shown`."""
    kind = error["type"]
    code = _code(kind)
    where = _dotted(shown)
    prefix = f"{where}: " if where else ""
    if kind == "missing":
        field = error["loc"][-1]
        return shown, f"{prefix}missing required field {field!r}", code, False
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        parent = _model_at(model, loc[:-1])
        known = sorted(parent.model_fields) if parent else []
        close = difflib.get_close_matches(field, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        expected = f"; expected one of: {', '.join(known)}" if known else ""
        return shown, f"unknown field {field!r}{hint}{expected}", code, True
    if kind == "model_type":
        got = _shown_input(error["input"])
        return shown, f"{prefix}expected a mapping of fields, got {got}", code, False
    message = error["msg"].removeprefix("Value error, ")
    got = "" if kind.endswith("_error") else f", got {_shown_input(error['input'])}"
    return shown, f"{prefix}{message}{got}", code, False


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
        errors = exc.errors(include_url=False)
        found: list[Found] = []
        for error in errors[:MAX_PROBLEMS]:
            path = _data_path(data, error["loc"])
            found.append(_message(model, error, path, (*loc, *path)))
        if len(errors) > MAX_PROBLEMS:
            rest = len(errors) - MAX_PROBLEMS
            message = f"{rest} more problems in this record are not shown; fix the ones above first"
            found.append((loc, message, "too-many-problems", False))
        return document.problems(found)
