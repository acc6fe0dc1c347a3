"""Assemble a finished docs folder, generated pages included, for builders without gen-files.

Zensical reads `mkdocs.yml` but runs neither mkdocs-gen-files nor mkdocs-literate-nav. This
script copies `docs/`, writes the pages generated from the cases into the copy (the same
`casebook.site.pages` that gen-files runs), and writes a config pointing at it:

    python docs/prebuild.py build/zensical
    zensical build --strict -f build/zensical/mkdocs.yml

Set `CASEBOOK_CASES` to build from another folder of cases.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

import casebook
from casebook.site import fill_page, write_pages
from casebook.site._brief import colophon

ROOT = Path(__file__).resolve().parents[1]


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking its `!!python/name:` tags as the names they are."""


_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda _loader, suffix, _node: suffix
)


def environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable set, or default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = loader.construct_sequence(node)  # type: ignore[arg-type]
        if not names:
            names, default = [default], None
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_Loader.add_constructor("!ENV", environment)


def resolve_environment(config: str) -> str:
    """The config with each `key: !ENV …` line replaced by its value, or left out if unset.

    Without a repository there is no `edit_uri` either, as MkDocs is told by `docs/hooks.py`.
    """
    lines = []
    values: dict[str, Any] = {}
    for line in config.splitlines(keepends=True):
        match = re.match(r"^(\w+): !ENV ", line)
        if match is None:
            lines.append(line)
            continue
        key = match.group(1)
        values[key] = yaml.load(line, Loader=_Loader)[key]  # noqa: S506 - the SafeLoader above
        if values[key] is not None and (key != "edit_uri" or values.get("repo_url")):
            lines.append(yaml.safe_dump({key: values[key]}, width=2**16))
    return "".join(lines)


def site_options(config: str) -> dict[str, Any]:
    """The options of `casebook.site.pages` in mkdocs.yml: `site_url` and `extra: casebook:`."""
    data = yaml.load(config, Loader=_Loader)  # noqa: S506 - a SafeLoader that reads names as text
    settings = (data.get("extra") or {}).get("casebook") or {}
    options: dict[str, Any] = {"nearest": settings["nearest"]} if "nearest" in settings else {}
    if data.get("site_url"):
        options["site_url"] = data["site_url"]
    return options


def with_footer(config: str, book: casebook.Casebook) -> str:
    """The config with the casebook version and the data's date added to its `copyright`."""
    data = yaml.load(config, Loader=_Loader)  # noqa: S506 - a SafeLoader that reads names as text
    footer = " · ".join(filter(None, [data.get("copyright"), colophon(book)]))
    config = re.sub(r"^copyright:.*\n", "", config, flags=re.MULTILINE)
    return yaml.safe_dump({"copyright": footer}, allow_unicode=True, width=2**16) + config


def prebuild(target: Path) -> Path:
    """Write the docs folder and its config under `target`; return the config's path."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    book = casebook.load(os.environ.get("CASEBOOK_CASES") or None)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    write_pages(book, docs, **site_options(config))
    for method_page in [
        docs / "index.md",
        *sorted((docs / "method").glob("*.md")),
        *sorted((docs / "guide").glob("*.md")),
    ]:
        page_path = method_page.relative_to(docs).as_posix()
        cited = fill_page(book, page_path, method_page.read_text(encoding="utf-8"))
        method_page.write_text(cited, encoding="utf-8")
    config = config.replace("paths: [src]", f"paths: [{ROOT / 'src'}]")
    settings = "docs_dir: docs\nsite_dir: site\n"
    path = target / "mkdocs.yml"
    path.write_text(settings + with_footer(resolve_environment(config), book), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:  # noqa: PLR2004 - the script and its one argument
        sys.exit("usage: python docs/prebuild.py TARGET")
    print(prebuild(Path(sys.argv[1]).resolve()))  # noqa: T201 - the config's path, for the builder
