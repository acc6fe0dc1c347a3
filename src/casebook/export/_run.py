"""Writing an export into a folder: all of it, or nothing."""

from __future__ import annotations

import functools
import importlib
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, get_args

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable

    from casebook._library import Casebook

__all__ = ["FORMATS", "ExportError", "Format", "export"]

Format = Literal["datapackage", "jsonl", "parquet", "annotations", "claimreview"]
"""An export format: the name of its module in `casebook.export`."""

FORMATS: Final[tuple[Format, ...]] = get_args(Format)
"""Every export format."""


class ExportError(Exception):
    """An export could not be written; the message is one line saying where and why."""


_LINKED: Final = frozenset({"annotations", "claimreview"})
"""The formats whose records can point at the claims' pages on a published site."""


def _writer(name: Format, site_url: str | None) -> Callable[[Casebook, Path], tuple[Path, ...]]:
    module = importlib.import_module(f"casebook.export.{name}")
    writer: Callable[..., tuple[Path, ...]] = module.write
    if name in _LINKED and site_url is not None:
        return functools.partial(writer, site_url=site_url)
    return writer


def _check_folder(folder: Path, *, force: bool) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        msg = f"{folder}: expected a folder to write the export into, found a file"
        raise ExportError(msg)
    if folder.is_dir() and not force and any(folder.iterdir()):
        msg = (
            f"{folder}: the folder is not empty; add --force to write into it "
            "(files of the same name are replaced, others left alone)"
        )
        raise ExportError(msg)


def export(
    book: Casebook,
    folder: str | os.PathLike[str],
    formats: Format | Iterable[Format] = "datapackage",
    *,
    force: bool = False,
    site_url: str | None = None,
) -> tuple[Path, ...]:
    """Write the casebook into `folder` in one or more formats; all the files, or none.

    The files are written into a new folder beside `folder` first and moved in when every one
    is written, so that a failure leaves `folder` as it was.

    Args:
        book: The casebook.
        folder: Where to write. Created if it does not exist; if it holds files, `force`
            must be given, and files of the same name are replaced.
        formats: `datapackage`, `jsonl`, `parquet`, `annotations` or `claimreview`, or
            several of them.
        force: Write into a folder that is not empty.
        site_url: The address of the published casebook site (e.g.
            `https://casebook.readthedocs.io/`): annotations and claim reviews then point at
            each claim on its page; without it they name claims by `urn:casebook:claim:<id>`.

    Returns:
        The files written, in `folder`.

    Raises:
        ExportError: The folder is not empty (without `force`), is a file, or cannot be
            written; or a format needs a package that is missing (Parquet needs pyarrow).
        ValueError: An unknown format.
    """
    chosen = (formats,) if isinstance(formats, str) else tuple(dict.fromkeys(formats))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown or not chosen:
        msg = f"unknown export format {unknown[0] if unknown else ''!r}; expected one of " + (
            ", ".join(FORMATS)
        )
        raise ValueError(msg)
    target = Path(folder)
    _check_folder(target, force=force)
    try:
        writers = [_writer(name, site_url) for name in chosen]
    except ImportError as error:  # pragma: no cover - every bundled format imports
        raise ExportError(str(error)) from error
    target = target.absolute()
    blocker = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        msg = f"{folder}: cannot write here: {blocker} is a file, not a folder"
        raise ExportError(msg)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".casebook-export-", dir=target.parent))
    except OSError as error:
        msg = f"{folder}: cannot write here: {error.strerror or error}"
        raise ExportError(msg) from error
    try:
        written: list[Path] = []
        for writer in writers:
            written.extend(writer(book, staging))
        target.mkdir(exist_ok=True)
        moved = []
        for path in written:
            destination = target / path.relative_to(staging)
            path.replace(destination)
            moved.append(destination)
        return tuple(moved)
    except ImportError as error:
        raise ExportError(str(error)) from error
    except OSError as error:
        msg = f"{folder}: cannot write the export: {error.strerror or error}"
        raise ExportError(msg) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
