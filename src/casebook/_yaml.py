"""A safe, iterative YAML reader for case files.

It builds plain data (mappings, lists, strings and None) straight from the libyaml event stream,
so that no object is ever constructed from a tag, nothing recurses however deep the input nests,
and YAML 1.1's surprises (`NO` read as false, `0755` as 493) cannot happen: every scalar stays a
string and the models decide its type. Anchors, aliases, tags, duplicate keys and keys that are
not strings are errors, each reported with its line and column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs
import yaml

if TYPE_CHECKING:
    from collections.abc import Container

    from casebook._errors import ProblemCode

__all__ = ["MAX_DEPTH", "Position", "YamlError", "parse_yaml", "positions"]

MAX_DEPTH: Final = 64
"""Deepest nesting a case file may have; real files need fewer than ten levels."""

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})

Path = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top."""


@attrs.frozen
class Position:
    """A place in a text file, both counted from 1."""

    line: int
    column: int


@attrs.frozen
class YamlError(Exception):
    """A file is not YAML that casebook accepts."""

    position: Position
    message: str
    code: ProblemCode
    """What the reader refused: a problem code of `casebook.PROBLEM_CODES`."""

    def __str__(self) -> str:
        """The message with its line and column."""
        return f"{self.position.line}:{self.position.column}: {self.message}"


def _at(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _position_of(error: yaml.YAMLError, text: str) -> Position:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return _at(mark)
    offset = getattr(error, "position", None)
    if isinstance(offset, int):
        before = text[:offset]
        return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
    return Position(1, 1)


def _describe(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    context = getattr(error, "context", None)
    if problem:
        return f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    reason = getattr(error, "reason", None)
    if reason:
        return f"invalid YAML: {reason}"
    return f"invalid YAML: {error}"


def _reject_extras(event: Any, what: str) -> None:
    if getattr(event, "anchor", None) is not None:
        msg = f"anchors (&{event.anchor}) are not allowed: write the {what} out in full"
        raise YamlError(_at(event.start_mark), msg, "yaml-anchor")
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    explicit_tag = not all(implicit) if isinstance(implicit, tuple) else not implicit
    if tag is not None and explicit_tag and tag != "!":
        msg = f"tags ({tag}) are not allowed: casebook reads plain text, lists and mappings"
        raise YamlError(_at(event.start_mark), msg, "yaml-tag")


def _check_key(key: Any, mapping: dict[str, Any], event: Any) -> None:
    if key is None:
        msg = "a key must be plain text, not empty or null"
        raise YamlError(_at(event.start_mark), msg, "yaml-key-not-text")
    if type(key) is not str:
        kind = "mapping" if isinstance(key, dict) else "list"
        msg = f"a key must be plain text, not a {kind}"
        raise YamlError(_at(event.start_mark), msg, "yaml-key-not-text")
    if key in mapping:
        msg = f"duplicate key {key!r}: each key may appear once in a mapping"
        raise YamlError(_at(event.start_mark), msg, "yaml-duplicate-key")


_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NO_KEY: Final = object()


def _read(text: str) -> Any:  # noqa: C901, PLR0912, PLR0915 - a flat hot loop is fastest
    """Build the data of `parse_yaml` in one flat pass over the event stream."""
    loader = _Loader(text)
    get_event = loader.get_event
    containers: list[Any] = []
    keys: list[Any] = []
    root: Any = None
    documents = 0
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    _reject_extras(event, "value" if kind is _SCALAR else "collection")
                if kind is _SCALAR:
                    value: Any = event.value
                    if event.implicit[0] and value in _NULLS:
                        value = None
                elif len(containers) >= MAX_DEPTH:
                    msg = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
                    raise YamlError(_at(event.start_mark), msg, "yaml-too-deep")
                else:
                    value = {} if kind is _MAPPING_START else []
                if not containers:
                    root = value
                else:
                    container = containers[-1]
                    if type(container) is list:
                        container.append(value)
                    elif keys[-1] is _NO_KEY:
                        _check_key(value, container, event)
                        keys[-1] = value
                    else:
                        container[keys[-1]] = value
                        keys[-1] = _NO_KEY
                if kind is not _SCALAR:
                    containers.append(value)
                    keys.append(_NO_KEY)
            elif kind in _ENDS:
                containers.pop()
                keys.pop()
            elif kind is yaml.AliasEvent:
                msg = f"aliases (*{event.anchor}) are not allowed: write the value out in full"
                raise YamlError(_at(event.start_mark), msg, "yaml-alias")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    msg = "expected one YAML document per file, found a second one"
                    raise YamlError(_at(event.start_mark), msg, "yaml-second-document")
            elif kind is yaml.StreamEndEvent:
                return root
    finally:
        loader.dispose()


def parse_yaml(text: str) -> Any:
    """Read one YAML document into mappings, lists, strings and None.

    Args:
        text: The document.

    Returns:
        The data; None for an empty document.

    Raises:
        YamlError: The text is not YAML, or uses a feature casebook does not accept.
    """
    try:
        return _read(text)
    except yaml.YAMLError as error:
        raise _located(error, text) from None


def _located(error: yaml.YAMLError, text: str) -> YamlError:
    """The error to report for libyaml's `error` on `text`.

    libyaml (from 0.2.6, as bundled by PyYAML 6.0.4) stops at a nesting depth of its own, and its
    scanner reads ahead of the events: a run of more than a thousand `[` or `{` meets that limit
    before the reader sees the level past MAX_DEPTH. Reading the text up to libyaml's stop finds
    where it first went too deep, so the report is the same whichever limit came first.
    """
    problem = str(getattr(error, "problem", "") or "")
    mark = getattr(error, "problem_mark", None)
    if "maximum nesting depth" in problem and mark is not None:
        try:
            _read(text[: mark.index])
        except YamlError as ours:
            return ours
        except yaml.YAMLError:
            pass
        message = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
        return YamlError(_at(mark), message, "yaml-too-deep")
    return YamlError(_position_of(error, text), _describe(error), "yaml-syntax")


def positions(  # noqa: C901, PLR0912 - a flat loop, as in _read
    text: str, wanted: Container[Path] | None = None
) -> dict[Path, Position]:
    """Map the values of a document that `parse_yaml` accepts to where they start.

    Keys are found under their mapping's path plus `(key, "<key>")`. With `wanted`, only those
    paths are mapped, which is much quicker for a huge file. Used only to report problems, so
    the fast path never pays for it.
    """
    where: dict[Path, Position] = {}
    paths: list[Path] = []
    # Per open collection: the next list index, or the pending key of a mapping (None: none).
    slots: list[Any] = []
    loader = _Loader(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                if not paths:
                    path: Path = ()
                else:
                    slot = slots[-1]
                    if type(slot) is int:
                        path = (*paths[-1], slot)
                        slots[-1] = slot + 1
                    elif slot is None:
                        key = (*paths[-1], event.value, "<key>")
                        if wanted is None or key in wanted:
                            where[key] = _at(event.start_mark)
                        slots[-1] = event.value
                        continue
                    else:
                        path = (*paths[-1], slot)
                        slots[-1] = None
                if wanted is None or path in wanted:
                    where[path] = _at(event.start_mark)
                if kind is not _SCALAR:
                    paths.append(path)
                    slots.append(None if kind is _MAPPING_START else 0)
            elif kind in _ENDS:
                paths.pop()
                slots.pop()
            elif kind is yaml.StreamEndEvent:
                return where
    finally:
        loader.dispose()
