"""Fetch Mermaid, which draws the deal diagrams, so that the site works without a CDN.

The file comes from the npm registry at a pinned version and is checked against the registry's
SHA-512 integrity hash before it is written. Run by `make`; safe to run again.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "11.17.2"
TARBALL = f"https://registry.npmjs.org/mermaid/-/mermaid-{VERSION}.tgz"
INTEGRITY = (
    "sha512-"
    "V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
)
MEMBERS = {
    "package/dist/mermaid.min.js": "javascripts/mermaid.min.js",
    "package/LICENSE": "javascripts/mermaid.LICENSE",
}
ASSETS = Path(__file__).resolve().parent / "assets"


def main() -> int:
    """Download the tarball, check its hash, and unpack Mermaid's bundle and licence."""
    target = ASSETS / MEMBERS["package/dist/mermaid.min.js"]
    if target.exists():
        return 0
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.stderr.write(f"mermaid {VERSION}: integrity {digest} does not match {INTEGRITY}\n")
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in MEMBERS.items():
            extracted = archive.extractfile(member)
            if extracted is None:
                sys.stderr.write(f"mermaid {VERSION}: {member} is missing from the tarball\n")
                return 1
            path = ASSETS / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(extracted.read())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
