"""The `casebook` command: validate, list, show and compare cases; QCA; export; site pages.

Data goes to standard output, problems and messages to standard error. Every command that reads
cases takes the folder as `--cases PATH` (the bundled cases by default).

Exit status: 0 when all is well, 1 when the data has problems or an output cannot be written,
2 for a usage error (a bad option, an unknown case, a folder that does not exist).

The library is imported only when a command needs it, so that `casebook --help` is quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from casebook._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.console import Console

    from casebook._library import Casebook

__all__ = ["main", "run"]

OK, INVALID, USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _OutputError(Exception):
    pass


_CASES_HELP = "folder of cases laid out like cases/ (default: the bundled cases)"

_PRESENCE = ("observed", "questioned", "assessed", "alleged", "predicted")
"""The kinds of presence, strongest first, as `casebook._presence.Presence` names them."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casebook",
        description="Study resource deals in conflict settings by comparing cases on the evidence.",
        epilog="Data goes to standard output, problems to standard error. Exit status: 0 ok, "
        "1 problems in the data or an output that cannot be written, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"casebook {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a folder of cases: references, quotes, types",
        description="Check every file, reference and quote; print one line per problem, or "
        "with --format json one report of every error and warning on standard output.",
    )
    validate.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
    validate.add_argument("path", nargs="?", help=argparse.SUPPRESS)  # the older spelling
    validate.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings too (quotes whose wording does not fit the claim's status)",
    )
    validate.add_argument("--format", choices=("text", "json"), default="text")

    for name, helptext in (
        ("list", "list the cases"),
        ("show", "show one case, section by section"),
    ):
        command = commands.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        if name == "show":
            command.add_argument("case", help="case id, e.g. drc-us-minerals-for-security")
        command.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
        command.add_argument("--format", choices=("text", "json"), default="text")

    compare = commands.add_parser(
        "compare",
        help="compare two cases side by side, with the evidence",
        description="Compare two cases: the same questions answered side by side, the codes "
        "they share and those only one has, with the claims and quotes behind each.",
    )
    compare.add_argument("a", help="first case id")
    compare.add_argument("b", help="second case id")
    patterns = commands.add_parser(
        "patterns",
        help="codes and categories shared by several cases",
        description="Codes and code categories present in at least K cases, with their "
        "evidence. Observed, assessed, alleged and predicted patterns are kept apart.",
    )
    patterns.add_argument(
        "--min-support",
        type=_support,
        default=2,
        metavar="K",
        help="how many cases must show a pattern (default 2)",
    )
    for command in (compare, patterns):
        command.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
        command.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    qca = commands.add_parser(
        "qca",
        help="crisp-set QCA of the cases: truth table and solutions",
        description="Crisp-set qualitative comparative analysis of the cases over chosen codes: "
        "the truth table of their configurations, then its complex and parsimonious solutions "
        "with their consistency and coverage. A code is present in a case when the case holds "
        "observed evidence for it (see --present-from). With --format csv, one row per case "
        "instead: its id, then 1 or 0 for each condition and for the outcome, in columns named "
        "by the codes in upper case with underscores (armed-insurgency: ARMED_INSURGENCY), as "
        "R's QCA package and pandas read it.",
    )
    qca.add_argument(
        "conditions", nargs="+", metavar="CONDITION", help="a code, e.g. armed-insurgency"
    )
    qca.add_argument("--outcome", required=True, metavar="CODE", help="the outcome's code")
    qca.add_argument(
        "--negated",
        action="store_true",
        help="analyse the outcome's absence (the CSV holds its presence all the same)",
    )
    qca.add_argument(
        "--cutoff",
        type=_cutoff,
        default=1.0,
        metavar="X",
        help="the consistency a row needs for the outcome, above 0 and at most 1 (default 1: "
        "a contradictory row counts as without it)",
    )
    qca.add_argument(
        "--present-from",
        choices=_PRESENCE,
        default=_PRESENCE[0],
        help="the weakest evidence that makes a code present, strongest first (default "
        "observed: facts, reports and official statements)",
    )
    qca.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
    qca.add_argument("--format", choices=("text", "markdown", "json", "csv"), default="text")

    site = commands.add_parser(
        "site-pages",
        help="write the site's pages generated from the cases into a folder",
        description="Write the pages generated from the cases (one per case, source, precedent "
        "and party with a part in a case, one per pair of nearest cases, briefs, the codebook, "
        "patterns, timeline, map) and the downloads into a docs folder, for a site builder run "
        "without mkdocs-gen-files.",
    )
    site.add_argument("output", metavar="DIR", help="docs folder to write the pages into")
    site.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
    site.add_argument(
        "--nearest",
        type=int,
        metavar="K",
        help="compare each case with its K most similar cases, a page for each pair; pairs a "
        "precedent ties have a page too (default 3)",
    )

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a case file",
        description="Print the JSON Schema of a case file (or of a registry file).",
    )
    schema.add_argument("kind", nargs="?", choices=("case", "registry"), default="case")
    schema.add_argument("--output", metavar="FILE", help="write to FILE instead of printing")

    export = commands.add_parser(
        "export",
        help="write the cases out as open data: a Data Package, JSON Lines, annotations…",
        description="Write the cases into a folder as open data: `datapackage` (CSV tables "
        "and datapackage.json, a Frictionless Data Package), `jsonl` (JSON Lines, a file per "
        "table), `parquet` (needs pyarrow), `annotations` (W3C Web Annotations of every "
        "quote) or `claimreview` (schema.org ClaimReview of every editors' verdict). Repeat "
        "--format for several, or give `all` (every format but parquet). A casebook with "
        "problems exports nothing.",
    )
    export.add_argument("output", metavar="DIR", help="folder to write into (created if needed)")
    export.add_argument(
        "--format",
        action="append",
        choices=("datapackage", "jsonl", "parquet", "annotations", "claimreview", "all"),
        help="what to write (default datapackage; may be repeated)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (files of the same name are replaced)",
    )
    export.add_argument(
        "--site-url",
        metavar="URL",
        help="address of the published site, for annotations and claim reviews to link each "
        "claim's page (e.g. https://casebook.readthedocs.io/)",
    )
    export.add_argument("--cases", metavar="PATH", help=_CASES_HELP)
    return parser


def _support(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of cases, 1 or more; got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _cutoff(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 1:  # NaN fails too
        msg = f"expected a consistency above 0 and at most 1; got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _console(out: TextIO) -> Console:
    from rich.console import Console  # noqa: PLC0415 - rich loads only for terminal output

    width = None if out.isatty() else 120
    return Console(file=out, width=width, highlight=False, soft_wrap=False)


def _compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json  # noqa: PLC0415 - loads on demand, like the library

    from casebook._render_compare import (  # noqa: PLC0415 - comparison loads on demand
        comparison_data,
        comparison_markdown,
        comparison_rich,
        patterns_data,
        patterns_markdown,
        patterns_rich,
        print_rich,
    )
    from casebook._text import inert_json  # noqa: PLC0415

    book = _load(args.cases, err)
    if book is None:
        return INVALID
    if args.command == "compare":
        comparison = book.compare(_find_case(book, args.a), _find_case(book, args.b))
        if args.format == "json":
            data = comparison_data(comparison, book)
            print(inert_json(json.dumps(data, indent=2, ensure_ascii=False)), file=out)
        elif args.format == "markdown":
            out.write(comparison_markdown(comparison, book))
        else:
            print_rich(comparison_rich(comparison, book), _console(out))
        return OK
    found = book.patterns(args.min_support)
    if args.format == "json":
        text = json.dumps(patterns_data(found, book), indent=2, ensure_ascii=False)
        print(inert_json(text), file=out)
    elif args.format == "markdown":
        out.write(patterns_markdown(found, book))
    else:
        print_rich(patterns_rich(found, book), _console(out))
    return OK


def _qca(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json  # noqa: PLC0415 - loads on demand, like the library

    from casebook._presence import Presence, PresencePolicy  # noqa: PLC0415
    from casebook._text import inert_json  # noqa: PLC0415
    from casebook.qca import (  # noqa: PLC0415 - the analysis loads on demand
        analyse,
        analysis_data,
        analysis_markdown,
        analysis_text,
        column_names,
        table_csv,
        truth_table,
    )

    book = _load(args.cases, err)
    if book is None:
        return INVALID
    present_from = Presence(args.present_from)
    policy = PresencePolicy(present_from=present_from)
    chosen = (book, args.conditions, args.outcome)
    try:  # the library refuses unknown or repeated codes, naming the closest known code
        if args.format == "csv":
            table = truth_table(*chosen, negated=args.negated, cutoff=args.cutoff, policy=policy)
        else:
            analysis = analyse(*chosen, negated=args.negated, cutoff=args.cutoff, policy=policy)
            table = analysis.table
        column_names(table)
    except ValueError as error:
        raise _UsageError(str(error)) from None
    if args.format == "csv":
        if args.negated:
            name = column_names(table)[table.outcome]
            print(
                f"casebook: the CSV holds the presence of {table.outcome}; for its absence, "
                f'give R outcome = "~{name}"',
                file=err,
            )
        out.write(table_csv(table))
    elif args.format == "json":
        data = analysis_data(analysis, book, present_from=present_from)
        print(inert_json(json.dumps(data, indent=2, ensure_ascii=False)), file=out)
    elif args.format == "markdown":
        out.write(analysis_markdown(analysis, book, present_from=present_from))
    else:
        out.write(analysis_text(analysis, book, present_from=present_from))
    return OK


def _load(path: str | None, err: TextIO, *, strict: bool = False) -> Casebook | None:
    """The casebook at `path`, or None after printing its problems to `err`.

    Raises:
        _UsageError: `path` names no folder.
    """
    from casebook._errors import CasebookError  # noqa: PLC0415 - the library loads on demand
    from casebook._loading import load  # noqa: PLC0415

    if path is not None and not Path(path).is_dir():
        msg = f"no folder {path!r}" if not Path(path).exists() else f"{path!r} is not a folder"
        raise _UsageError(msg)
    try:
        return load(path, strict=strict)
    except CasebookError as error:
        for problem in error.problems:
            print(problem, file=err)
        return None


def _checked(book: Casebook) -> dict[str, int]:
    """What validation checked: cases, claims, verifiable quotes, sources and their texts."""
    claims = sum(len(case.claims) for case in book.cases.values()) + sum(
        len(precedent.claims) for precedent in book.precedents.values()
    )
    quotes = sum(
        1
        for _, claim in book.claims()
        for evidence in claim.evidence
        if book.sources[evidence.source].verifiable
    )
    return {
        "cases": len(book.cases),
        "claims": claims,
        "quotes": quotes,
        "sources": len(book.sources),
        "source_texts": len(book.texts),
    }


def _validate_json(path: str | None, out: TextIO, *, strict: bool) -> int:
    """Print the validation report as JSON; its exit status is that of the text format."""
    from casebook._errors import report_json  # noqa: PLC0415 - the library loads on demand
    from casebook._loading import check_folder  # noqa: PLC0415

    if path is not None and not Path(path).is_dir():
        msg = f"no folder {path!r}" if not Path(path).exists() else f"{path!r} is not a folder"
        raise _UsageError(msg)
    book, errors, warnings = check_folder(path)
    counts = None if book is None else _checked(book)
    print(report_json(errors, warnings, strict=strict, counts=counts), file=out)
    return INVALID if errors or (strict and warnings) else OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.path is not None and args.cases is not None and args.path != args.cases:
        msg = "give the folder once, as --cases PATH"
        raise _UsageError(msg)
    if args.format == "json":
        return _validate_json(args.cases or args.path, out, strict=args.strict)
    book = _load(args.cases or args.path, err, strict=args.strict)
    if book is None:
        print("casebook: the data has problems (one per line above)", file=err)
        return INVALID
    for warning in book.warnings:
        print(warning, file=err)
    counts = _checked(book)
    print(
        f"ok: {counts['cases']} cases, {counts['claims']} claims, {counts['quotes']} quotes "
        f"verified against {counts['source_texts']} source texts"
        + (
            f"; {len(book.warnings)} warning{'s' if len(book.warnings) > 1 else ''} "
            "(one per line on standard error)"
            if book.warnings
            else ""
        ),
        file=out,
    )
    return OK


def _find_case(book: Casebook, case_id: str) -> str:
    import difflib  # noqa: PLC0415 - loads on demand

    if case_id in book.cases:
        return case_id
    close = difflib.get_close_matches(case_id, list(book.cases), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(book.cases)}"
    msg = f"no case {case_id!r}{hint}"
    raise _UsageError(msg)


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json  # noqa: PLC0415 - loads on demand

    from casebook._render_text import case_text, list_text  # noqa: PLC0415
    from casebook._text import inert_json  # noqa: PLC0415
    from casebook.export import dump_json  # noqa: PLC0415

    book = _load(args.cases, err)
    if book is None:
        return INVALID
    if args.command == "list":
        if args.format == "json":
            listing = [
                {
                    "id": case.id,
                    "title": case.title,
                    "as_of": case.as_of,
                    "deal": case.deal.kind.value,
                    "status": case.deal.status[-1].status.value,
                    "claims": len(case.claims),
                }
                for case in book.cases.values()
            ]
            print(inert_json(json.dumps(listing, indent=2, ensure_ascii=False)), file=out)
        else:
            out.write(list_text(book))
        return OK
    case = book.cases[_find_case(book, args.case)]
    out.write(
        inert_json(dump_json(case)) + "\n" if args.format == "json" else case_text(book, case)
    )
    return OK


def _site_pages(args: argparse.Namespace, err: TextIO) -> int:
    from casebook.site import write_pages  # noqa: PLC0415 - the site generator loads on demand

    if args.nearest is not None and args.nearest < 0:
        print(f"casebook: --nearest must be 0 or more, not {args.nearest}", file=err)
        return USAGE
    book = _load(args.cases, err)
    if book is None:
        return INVALID
    target = Path(args.output)
    if target.exists() and not target.is_dir():
        print(f"casebook: {args.output} is not a folder", file=err)
        return USAGE
    try:
        options = {} if args.nearest is None else {"nearest": args.nearest}
        written = write_pages(book, target, **options)
    except OSError as error:
        raise _OutputError(_cannot_write(args.output, error)) from None
    print(f"wrote {len(written)} pages under {args.output}", file=err)
    return OK


def _cannot_write(path: str, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    where = f" ({error.filename})" if error.filename and str(error.filename) != path else ""
    return f"cannot write {path}{where}: {reason}"


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from casebook.export._records import json_schema  # noqa: PLC0415 - the models load on demand

    text = json_schema(args.kind)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise _OutputError(_cannot_write(args.output, error)) from None
    else:
        out.write(text)
    return OK


def _export(args: argparse.Namespace, err: TextIO) -> int:
    from casebook.export import FORMATS, ExportError, Format, export  # noqa: PLC0415

    book = _load(args.cases, err)
    if book is None:
        print("casebook: nothing exported: the casebook has problems", file=err)
        return INVALID
    asked: list[str] = args.format or ["datapackage"]
    chosen: list[Format] = [
        name for name in FORMATS if name in asked or ("all" in asked and name != "parquet")
    ]
    try:
        written = export(book, args.output, chosen, force=args.force, site_url=args.site_url)
    except ExportError as error:
        raise _OutputError(str(error)) from None
    print(f"wrote {len(written)} files ({', '.join(chosen)}) to {args.output}", file=err)
    return OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO, TextIO], int]] = {
    "validate": _validate,
    "schema": lambda args, out, _: _schema(args, out),
    "export": lambda args, _, err: _export(args, err),
    "site-pages": lambda args, _, err: _site_pages(args, err),
    "compare": _compare,
    "patterns": _compare,
    "qca": _qca,
    "list": _show,
    "show": _show,
}
"""What runs each command."""


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    return _COMMANDS[args.command](args, out, err)


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line and return its exit status.

    Args:
        argv: Arguments without the program name; None reads `sys.argv`.
        out: Where output goes (default standard output).
        err: Where messages go (default standard error).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else USAGE
    try:
        return _dispatch(args, out, err)
    except _UsageError as error:
        print(f"casebook: {error}", file=err)
        return USAGE
    except _OutputError as error:
        print(f"casebook: {error}", file=err)
        return INVALID


def run() -> None:
    """Entry point of the `casebook` console script.

    A reader that stops reading (`casebook patterns --format json | head -1`) ends the command
    quietly, as other command-line tools do.
    """
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes standard output at exit.
        import os  # noqa: PLC0415

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = INVALID
    sys.exit(status)
