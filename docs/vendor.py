"""Fetch the site's third-party scripts and map data, so that the site works without a CDN.

Mermaid draws the deal diagrams; d3-array, d3-geo, topojson-client and world-atlas (Natural
Earth's countries at 1:110 million, as TopoJSON) draw the world map. Each package comes from
the npm registry at a pinned version and is checked against the registry's SHA-512 integrity
hash before anything is written; each file is written with its package's licence beside it.
Run by `make`; safe to run again: a package whose files are all present is not fetched.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass(frozen=True)
class Package:
    """An npm package at a pinned version, and the files taken from its tarball."""

    name: str
    version: str
    integrity: str
    """The registry's `dist.integrity`: `sha512-` and the base64 SHA-512 of the tarball."""
    members: dict[str, str]
    """Path in the tarball → path under `docs/assets/`."""

    @property
    def tarball(self) -> str:
        """The tarball's address on the npm registry."""
        base = self.name.rpartition("/")[2]
        return f"https://registry.npmjs.org/{self.name}/-/{base}-{self.version}.tgz"


PACKAGES = (
    # The tiny build: every diagram but mindmaps and architecture diagrams, without KaTeX or
    # lazy loading, a megabyte lighter than the full one; the deal diagrams are flowcharts.
    Package(
        "@mermaid-js/tiny",
        "11.17.2",
        "sha512-"
        "PmFr1c5cSfNf5AngLLR98DrbvR4U5KeD7I+hQkGqG5w5Veu3QT4dG0qu9f99cpn/sKj2XxRBK0q7EL6hr9NY/A==",
        {
            "package/dist/mermaid.tiny.js": "javascripts/mermaid.tiny.js",
            "package/LICENSE": "javascripts/mermaid.LICENSE",
        },
    ),
    # d3-geo's browser build needs d3-array's functions on the same `d3` global: the map's
    # script loads d3-array first.
    Package(
        "d3-array",
        "3.2.5",
        "sha512-"
        "Th8qGXoBalmWsstpkuhmBuTsBQIFqYOJtjlBvNVvBfJ8E3uYusBUwUR8HU20U0qKKQkgCvKyR1YjiozWadk5QA==",
        {
            "package/dist/d3-array.min.js": "javascripts/vendor/d3-array.min.js",
            "package/LICENSE": "javascripts/vendor/d3-array.LICENSE",
        },
    ),
    Package(
        "d3-geo",
        "3.1.2",
        "sha512-"
        "5R8ZgDQorIxmauv7R6gpE/ndz+Z0qAZssigq0aXFdvPHdY41RqtW02jrRUQAL724NdPABYXo1+gQEGBBr7uKNg==",
        {
            "package/dist/d3-geo.min.js": "javascripts/vendor/d3-geo.min.js",
            "package/LICENSE": "javascripts/vendor/d3-geo.LICENSE",
        },
    ),
    Package(
        "topojson-client",
        "3.1.0",
        "sha512-"
        "605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==",
        {
            "package/dist/topojson-client.min.js": "javascripts/vendor/topojson-client.min.js",
            "package/LICENSE": "javascripts/vendor/topojson-client.LICENSE",
        },
    ),
    Package(
        "world-atlas",
        "2.0.2",
        "sha512-"
        "IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        {
            "package/countries-110m.json": "javascripts/vendor/countries-110m.json",
            "package/LICENSE": "javascripts/vendor/world-atlas.LICENSE",
        },
    ),
)
"""Every package fetched, in the order the map's script loads them."""


def fetch(package: Package) -> str | None:
    """Download a package's tarball, check its hash, and unpack its files; or say what failed."""
    with urllib.request.urlopen(package.tarball, timeout=120) as response:  # noqa: S310 - a fixed https address
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    label = f"{package.name} {package.version}"
    if digest != package.integrity:
        return f"{label}: integrity {digest} does not match {package.integrity}"
    files: dict[Path, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in package.members.items():
            extracted = archive.extractfile(member)
            if extracted is None:
                return f"{label}: {member} is missing from the tarball"
            files[ASSETS / name] = extracted.read()
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return None


def main() -> int:
    """Fetch every package whose files are not all present; 1 if any fails its check."""
    for package in PACKAGES:
        if all((ASSETS / name).exists() for name in package.members.values()):
            continue
        problem = fetch(package)
        if problem is not None:
            sys.stderr.write(problem + "\n")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
