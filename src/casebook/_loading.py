"""Loading a folder of cases: parse and validate every file, then cross-check them all."""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import typing
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

import attrs

from casebook._checks import Checker, Origin, SourceText
from casebook._documents import Document, read_document, undecodable, validate_document
from casebook._errors import CasebookError, Problem
from casebook._library import Casebook
from casebook._provenance import resolve_origins
from casebook._text import normalise
from casebook.models import Case, RegistryFile
from casebook.models.sources import SHA256_MISSING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from casebook._documents import Loc
    from casebook._errors import ProblemCode
    from casebook.models import ExcludedSpan, Source

__all__ = ["MAX_SOURCE_BYTES", "bundled_cases", "check_folder", "load"]

MAX_SOURCE_BYTES = 5_000_000
"""The largest source text read, in bytes: a bigger file is refused, not read."""

_REGISTRIES = (
    "sources",
    "parties",
    "places",
    "commodities",
    "precedents",
    "categories",
    "codes",
    "status_markers",
)
_NAMES = {
    "sources": "source",
    "parties": "party",
    "places": "place",
    "commodities": "commodity",
    "precedents": "precedent",
    "categories": "code category",
    "codes": "code",
    "status_markers": "status marker",
}


def bundled_cases() -> Path:
    """The folder of cases that ships with casebook (in the wheel, or in a source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "_data" / "cases"
    return installed if installed.is_dir() else here.parents[1] / "cases"


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and not p.is_dir())


class _Registry:
    """Records of one kind gathered from every registry file, with where each was read."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.records: dict[str, Any] = {}
        self.origins: dict[str, Origin] = {}
        self.invalid: set[str] = set()
        """Ids of records that failed validation: references to them are not reported again."""

    def ids(self) -> set[str]:
        """Ids of valid and invalid records alike."""
        return set(self.records) | self.invalid

    def add(self, record: Any, origin: Origin, problems: list[Problem]) -> None:
        first = self.origins.get(record.id)
        if first is not None:
            at = first.document.problem((*first.loc, "id"), "", code="duplicate-id")
            problems.append(
                origin.document.problem(
                    (*origin.loc, "id"),
                    f"duplicate {self.kind} id {record.id!r}: first defined at "
                    f"{at.file}:{at.line}:{at.column}",
                    code="duplicate-id",
                )
            )
            return
        self.records[record.id] = record
        self.origins[record.id] = origin


def _registry_records(
    document: Document, problems: list[Problem], book_root: Path
) -> Iterator[tuple[str, int, Any]]:
    """Validate a registry file record by record, so one bad record hides no other problem.

    Yields each valid record, or for an invalid one its id (when it has one), so that
    references to it are not reported as unknown as well.
    """
    data = document.data
    if data is None:
        return
    if not isinstance(data, dict):
        problems.append(
            document.problem(
                (),
                f"expected a mapping with keys {', '.join(_REGISTRIES)}",
                code="registry-not-a-mapping",
            )
        )
        return
    for name, records in data.items():
        if name not in _REGISTRIES:
            close = difflib.get_close_matches(name, _REGISTRIES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                document.problem(
                    (name,),
                    f"unknown registry {name!r}{hint}; expected one of: {', '.join(_REGISTRIES)}",
                    code="registry-unknown-key",
                    key=True,
                )
            )
            continue
        if not isinstance(records, list):
            message = f"{name}: expected a list of records"
            problems.append(document.problem((name,), message, code="registry-not-a-list"))
            continue
        model = RegistryFile.model_fields[name].annotation
        item_model = typing.get_args(model)[0]
        for index, raw in enumerate(records):
            result = validate_document(document, item_model, (name, index))
            if isinstance(result, list):
                if name == "sources":
                    result = _with_hash(document, (name, index), raw, result, book_root)
                problems.extend(result)
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    yield name, index, raw["id"]
            else:
                yield name, index, result


def _spans(
    text: str, spans: Iterable[ExcludedSpan]
) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Excluded passages located in the normalised text, and the indexes of those not found."""
    found: list[tuple[int, int, str]] = []
    missing: list[int] = []
    for index, span in enumerate(spans):
        start = text.find(normalise(span.start))
        if start < 0:
            missing.append(index)
            continue
        if span.end is None:
            line_end = text.find("\n", start)
            end = len(text) if line_end < 0 else line_end
        else:
            tail = text.find(normalise(span.end), start)
            if tail < 0:
                missing.append(index)
                continue
            end = tail + len(normalise(span.end))
        found.append((start, end, span.reason.value))
    return found, missing


_Reason = Literal["absolute-path", "outside-folder", "not-regular", "too-large", "unreadable"]


class _SourceFileError(Exception):
    """A source's file cannot be read safely; the message says why."""

    def __init__(self, message: str, reason: _Reason) -> None:
        """Keep the message, and why the file is not read, as a key of `_SOURCE_CODES`."""
        super().__init__(message)
        self.reason: _Reason = reason


_SOURCE_CODES: dict[_Reason, ProblemCode] = {
    "absolute-path": "source-absolute-path",
    "outside-folder": "source-outside-folder",
    "not-regular": "source-not-regular",
    "too-large": "source-too-large",
    "unreadable": "source-unreadable",
}
"""The problem code for a source's file that is not read."""
_FILE_CODES: dict[_Reason, ProblemCode] = {
    "not-regular": "file-not-regular",
    "too-large": "file-too-large",
    "unreadable": "file-unreadable",
}
"""The problem code for a YAML file of the folder that is not read."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _source_bytes(file: str, registry: Path, book_root: Path) -> bytes:
    """The bytes of a source's file, read only if it is a regular file inside the casebook.

    `file` is relative to the registry file; `book_root` is the casebook's folder (resolved),
    which holds `cases/` and `seeds/`. Absolute paths, `..` and symbolic links that lead out of
    it, FIFOs, devices and files larger than `MAX_SOURCE_BYTES` are refused without being read
    (and without blocking: the file is opened non-blocking and checked again once open).
    """
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).anchor:
        msg = (
            f"source file {file!r} is an absolute path: give its path relative to this "
            "registry file, inside the casebook's folder"
        )
        raise _SourceFileError(msg, "absolute-path")
    real = Path(os.path.realpath(registry.parent / file))
    if not real.is_relative_to(book_root):
        msg = (
            f"source file {file!r} leads outside the casebook's folder {str(book_root)!r} "
            "(through `..` or a symbolic link): a source's text must lie inside it"
        )
        raise _SourceFileError(msg, "outside-folder")
    return _regular_file_bytes(real, f"source file {file!r}")


def _regular_file_bytes(real: Path, label: str) -> bytes:
    """The bytes of `real` (a resolved path), read only if it is a regular file of bounded size.

    FIFOs, devices, sockets and folders are refused without blocking (the file is opened
    non-blocking, and checked again once open), and so is a file over `MAX_SOURCE_BYTES`.

    Raises:
        _SourceFileError: The file is not a regular file, is too large, or cannot be read; the
            message names it as `label`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        kind = _not_regular(real.stat().st_mode)
        if kind is not None:
            msg = f"{label} is {kind}, not a regular file: it is not read"
            raise _SourceFileError(msg, "not-regular")
        descriptor = os.open(real, flags | getattr(os, "O_NOFOLLOW", 0))
        try:
            info = os.fstat(descriptor)
            kind = _not_regular(info.st_mode)
            if kind is not None:
                msg = f"{label} is {kind}, not a regular file: it is not read"
                raise _SourceFileError(msg, "not-regular")
            if info.st_size > MAX_SOURCE_BYTES:
                raise _SourceFileError(_too_large(label, info.st_size), "too-large")
            chunks: list[bytes] = []
            wanted = MAX_SOURCE_BYTES + 1
            while wanted > 0:
                chunk = os.read(descriptor, min(wanted, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                wanted -= len(chunk)
        finally:
            os.close(descriptor)
    except OSError as error:
        msg = f"{label} cannot be read: {error.strerror or error}"
        raise _SourceFileError(msg, "unreadable") from None
    data = b"".join(chunks)
    if len(data) > MAX_SOURCE_BYTES:
        raise _SourceFileError(_too_large(label, len(data)), "too-large")
    return data


def _too_large(label: str, size: int) -> str:
    return (
        f"{label} is too large ({size:,} bytes or more): a file of the casebook may "
        f"have {MAX_SOURCE_BYTES:,} bytes at most"
    )


def _with_hash(
    document: Document, loc: Loc, raw: Any, found: list[Problem], book_root: Path
) -> list[Problem]:
    """A source's problems, where the one asking for its `sha256` gives the value to add."""
    found = [
        attrs.evolve(p, code="source-hash-missing") if p.message.endswith(SHA256_MISSING) else p
        for p in found
    ]
    file = raw.get("file") if isinstance(raw, dict) else None
    if not isinstance(file, str) or not any(p.code == "source-hash-missing" for p in found):
        return found
    try:
        digest = hashlib.sha256(_source_bytes(file, document.path, book_root)).hexdigest()
    except _SourceFileError as error:
        code = _SOURCE_CODES[error.reason]
        return [*found, document.problem((*loc, "file"), str(error), code=code)]
    message = f"{SHA256_MISSING}: `sha256: {digest}`"
    located = document.problem((*loc, "file"), message, code="source-hash-missing")
    return [located if p.code == "source-hash-missing" else p for p in found]


def _read_source(
    source: Source, origin: Origin, book_root: Path, problems: list[Problem]
) -> tuple[str, SourceText] | None:
    if source.file is None:
        return None
    document = origin.document
    try:
        data = _source_bytes(source.file, document.path, book_root)
    except _SourceFileError as error:
        code = _SOURCE_CODES[error.reason]
        problems.append(document.problem((*origin.loc, "file"), str(error), code=code))
        return None
    digest = hashlib.sha256(data).hexdigest()
    if source.sha256 is not None and digest != source.sha256:
        problems.append(
            document.problem(
                (*origin.loc, "sha256"),
                f"the text of source file {source.file!r} has changed since its quotes were "
                f"verified (its SHA-256 is not the one registered): check every quote from it "
                f"against the new text, then update the hash to `sha256: {digest}`",
                code="source-hash-mismatch",
            )
        )
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column, byte = undecodable(data, error)
        problems.append(
            document.problem(
                (*origin.loc, "file"),
                f"source file {source.file!r} is not UTF-8 text: byte 0x{byte} at line "
                f"{line}, column {column}",
                code="source-not-utf8",
            )
        )
        return None
    # Lines are kept apart so that an excluded passage without an end stops at its line's end.
    lines = [normalise(line) for line in raw.splitlines()]
    with_breaks = "\n".join(lines)
    spans, missing = _spans(with_breaks, source.excluded)
    message = "excluded passage not found in the source text: `start` and `end` must be verbatim"
    problems.extend(
        document.problem((*origin.loc, "excluded", i), message, code="excluded-passage-not-found")
        for i in missing
    )
    flat = with_breaks.replace("\n", " ")
    return raw, SourceText(flat, tuple(spans))


def load(path: str | os.PathLike[str] | None = None, *, strict: bool = False) -> Casebook:
    """Load a folder of cases and registries, checking every reference and every quote.

    Besides errors, loading finds warnings: a claim whose quote holds a status marker
    ("reportedly", "analysts", "could"…) that does not fit the claim's epistemic status, with
    no `status_reason` to say why. Warnings are kept in
    [`Casebook.warnings`][casebook.Casebook.warnings]; with `strict`, they are errors.

    Args:
        path: A folder laid out like `cases/`: case files (`*.yaml`) at the top and registry
            files under `registry/`. None loads the cases that ship with casebook.
        strict: Raise on warnings as on errors.

    Returns:
        The cross-checked casebook.

    Raises:
        CasebookError: Anything is wrong; it lists every problem with file, line and column.
    """
    book, errors, warnings = check_folder(path)
    if book is None or (strict and warnings):
        raise CasebookError([*errors, *(warnings if strict else ())])
    return book


def check_folder(
    path: str | os.PathLike[str] | None = None,
) -> tuple[Casebook | None, tuple[Problem, ...], tuple[Problem, ...]]:
    """Check a folder of cases as `load` does, and say what was found rather than raise.

    Args:
        path: The folder, as for `load`; None checks the cases that ship with casebook.

    Returns:
        The casebook, or None when it has errors; the errors; and the warnings. Errors and
        warnings are each sorted by file, line and column, without repeats. Warnings are
        found even when there are errors, for every record that is valid.
    """
    root = bundled_cases() if path is None else Path(os.fspath(path))
    folder = _Folder(root, str(root) if path is None else os.fspath(path))
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        message = f"{what}: expected a folder of cases"
        return None, (Problem(folder.shown_root, 1, 1, message, code="no-folder"),), ()
    problems: list[Problem] = []
    # The casebook's folder, which holds cases/ and seeds/: no source text is read outside it.
    book_root = Path(os.path.realpath(root)).parent
    registries = _read_registries(folder, problems, book_root)
    cases = _read_cases(folder, problems)
    sources = registries["sources"]
    raw_texts: dict[str, str] = {}
    matchable: dict[str, SourceText] = {}
    for source_id, source in sources.records.items():
        read = _read_source(source, sources.origins[source_id], book_root, problems)
        if read is not None:
            raw_texts[source_id], matchable[source_id] = read
    warnings: list[Problem] = []
    origins = _cross_check(registries, cases, matchable, problems, warnings)
    warned = tuple(sorted(set(warnings)))
    if problems:
        return None, tuple(sorted(set(problems))), warned
    book = Casebook(
        root=root,
        cases=MappingProxyType(cases.records),
        sources=MappingProxyType(registries["sources"].records),
        parties=MappingProxyType(registries["parties"].records),
        places=MappingProxyType(registries["places"].records),
        commodities=MappingProxyType(registries["commodities"].records),
        precedents=MappingProxyType(registries["precedents"].records),
        codebook=MappingProxyType(registries["codes"].records),
        categories=MappingProxyType(registries["categories"].records),
        status_markers=MappingProxyType(registries["status_markers"].records),
        texts=MappingProxyType(raw_texts),
        origins=MappingProxyType(origins),
        warnings=warned,
    )
    return book, (), warned


class _Folder:
    """The folder being loaded, and how to name its files in problems."""

    def __init__(self, root: Path, shown_root: str) -> None:
        self.root = root
        self.shown_root = shown_root

    def read(self, file: Path) -> Document | Problem:
        """Read a YAML file of the folder: a regular file of bounded size, inside the folder."""
        shown = str(Path(self.shown_root) / file.relative_to(self.root))
        real = Path(os.path.realpath(file))
        if not real.is_relative_to(Path(os.path.realpath(self.root))):
            message = "the file leads outside the folder of cases (a symbolic link): it is not read"
            return Problem(shown, 1, 1, message, code="file-outside-folder")
        try:
            data = _regular_file_bytes(real, "the file")
        except _SourceFileError as error:
            return Problem(shown, 1, 1, str(error), code=_FILE_CODES[error.reason])
        return read_document(file, shown, data=data)


def _read_registries(
    folder: _Folder, problems: list[Problem], book_root: Path
) -> dict[str, _Registry]:
    registries = {name: _Registry(_NAMES[name]) for name in _REGISTRIES}
    registry_dir = folder.root / "registry"
    if not registry_dir.is_dir():
        return registries
    for file in sorted(p for p in registry_dir.rglob("*") if p.suffix in {".yaml", ".yml"}):
        document = folder.read(file)
        if isinstance(document, Problem):
            problems.append(document)
            continue
        for name, index, record in _registry_records(document, problems, book_root):
            if isinstance(record, str):
                registries[name].invalid.add(record)
            else:
                registries[name].add(record, Origin(document, (name, index)), problems)
    return registries


def _read_cases(folder: _Folder, problems: list[Problem]) -> _Registry:
    cases = _Registry("case")
    case_paths = _yaml_files(folder.root)
    if not case_paths:
        message = "found no case files (*.yaml) in the folder"
        problems.append(Problem(folder.shown_root, 1, 1, message, code="no-cases"))
    for file in case_paths:
        document = folder.read(file)
        if isinstance(document, Problem):
            problems.append(document)
            continue
        case = validate_document(document, Case)
        if isinstance(case, list):
            problems.extend(case)
            continue
        if case.id != file.stem:
            message = f"case id {case.id!r} must match the file name {file.stem!r}"
            problems.append(document.problem(("id",), message, code="case-id-mismatch"))
        cases.add(case, Origin(document, ()), problems)
    return cases


def _claim_origins(
    registries: dict[str, _Registry], cases: _Registry, problems: list[Problem]
) -> tuple[dict[str, Origin], frozenset[str]]:
    """Where every claim is defined, reporting duplicates; and the ids of precedents' claims."""
    claims: dict[str, Origin] = {}
    precedent_claims: set[str] = set()
    for registry in (cases, registries["precedents"]):
        for record_id, record in registry.records.items():
            origin = registry.origins[record_id]
            for index, claim in enumerate(record.claims):
                loc = (*origin.loc, "claims", index, "id")
                if claim.id in claims:
                    first = claims[claim.id]
                    at = first.document.problem(first.loc, "", code="duplicate-id")
                    message = (
                        f"duplicate claim id {claim.id!r}: first defined at "
                        f"{at.file}:{at.line}:{at.column}"
                    )
                    problems.append(origin.document.problem(loc, message, code="duplicate-id"))
                    continue
                claims[claim.id] = Origin(origin.document, loc)
                if registry is not cases:
                    precedent_claims.add(claim.id)
    return claims, frozenset(precedent_claims)


def _provenance(sources: _Registry, checker: Checker) -> dict[str, frozenset[str]]:
    """Check what each source derives from, and work out every source's origins."""
    derived = {source_id: source.derived_from for source_id, source in sources.records.items()}
    for source_id, source in sources.records.items():
        origin = sources.origins[source_id]
        checker.refs(origin, ("derived_from",), source.derived_from, "source")
    origins, cycles = resolve_origins(derived)
    for cycle in cycles:
        path = " → ".join(repr(x) for x in (*cycle, cycle[0]))
        first = cycle[0]
        index = sources.records[first].derived_from.index(cycle[1 % len(cycle)])
        checker.report(
            sources.origins[first],
            ("derived_from", index),
            f"sources derive from each other in a cycle: {path}; a source cannot relay "
            "itself, even through others",
            code="provenance-cycle",
        )
    return origins


def _registry_refs(registries: dict[str, _Registry], checker: Checker) -> None:
    """Check the references between records of the parties, places and codes."""
    for party_id, party in registries["parties"].records.items():
        origin = registries["parties"].origins[party_id]
        checker.refs(origin, ("member_of",), party.member_of, "party")
    for place_id, place in registries["places"].records.items():
        origin = registries["places"].origins[place_id]
        checker.ref(origin, ("within",), place.within, "place")
        if place.location is not None:
            checker.ref(origin, ("location", "source"), place.location.source, "source")
    for code_id, code in registries["codes"].records.items():
        origin = registries["codes"].origins[code_id]
        checker.ref(origin, ("category",), code.category, "code category")
        checker.ref(origin, ("parent",), code.parent, "code")


def _cross_check(
    registries: dict[str, _Registry],
    cases: _Registry,
    texts: dict[str, SourceText],
    problems: list[Problem],
    warnings: list[Problem],
) -> dict[str, frozenset[str]]:
    """Check every reference, quote and source chain; return each source's origins."""
    sources = registries["sources"]
    claims, precedent_claims = _claim_origins(registries, cases, problems)
    checker = Checker(
        sources=sources.ids(),
        parties=registries["parties"].ids(),
        places=registries["places"].ids(),
        commodities=registries["commodities"].ids(),
        precedents=registries["precedents"].ids(),
        codes=registries["codes"].ids(),
        categories=registries["categories"].ids(),
        claims=claims,
        texts=texts,
        markers=tuple(registries["status_markers"].records.values()),
    )
    origins = _provenance(sources, checker)
    _registry_refs(registries, checker)
    for source_id, source in sources.records.items():
        if source.date_inference is not None:
            checker.refs(
                sources.origins[source_id],
                ("date_inference", "clues"),
                source.date_inference.clues,
                "claim",
            )
    for precedent_id, precedent in registries["precedents"].records.items():
        checker.precedent(registries["precedents"].origins[precedent_id], precedent)
    studied: dict[str, str] = {}
    for case_id, case in cases.records.items():
        checker.case(cases.origins[case_id], case, precedent_claims)
        if case.precedent is None:
            continue
        if case.precedent in studied:
            checker.report(
                cases.origins[case_id],
                ("precedent",),
                f"precedent {case.precedent!r} is already studied as case "
                f"{studied[case.precedent]!r}; a precedent is one case at most",
                code="precedent-studied-twice",
            )
        studied.setdefault(case.precedent, case_id)
    problems.extend(checker.problems)
    warnings.extend(checker.warnings)
    return origins
