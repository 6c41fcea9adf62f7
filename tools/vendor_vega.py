"""Vendor the Vega runtime that draws the book's charts: pinned npm files, committed with their hashes.

The static book draws charts that were compiled from Vega-Lite to Vega at build time
(``amazon_case/kit/display.py``), so the browser needs Vega and vega-embed but not the
Vega-Lite compiler. This script fetches the two packages from the npm registry with
``npm pack`` (the registry's ordinary client), checks each tarball against the
integrity the registry publishes, and writes into ``vendor/vega/``:

- ``vega.min.js`` and ``vega-embed.min.js``: the packages' own ``build/*.min.js`` files,
  byte for byte. vega-embed's build bundles vega-interpreter (Vega's CSP-safe expression
  interpreter, used with ``ast: true``), vega-tooltip and vega-themes;
- ``vega-embed.css``: the two stylesheets that vega-embed and vega-tooltip would otherwise
  inject into the page as ``<style>`` elements (which the site's Content-Security-Policy
  forbids), copied verbatim from their builds;
- each package's licence, and ``MANIFEST.json``: package, version, tarball, integrity,
  and each file's origin and sha256.

``_ext/vega_offline.py`` copies these files into the site and refuses to build if a file's
sha256 differs from the manifest. To upgrade: change the versions below, run
``python tools/vendor_vega.py``, rebuild, run the site tests, commit ``vendor/vega``.

    python tools/vendor_vega.py            # fetch and write vendor/vega
    python tools/vendor_vega.py --check    # verify the committed files against MANIFEST.json
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vendor" / "vega"

# vega matches the Vega that vl-convert compiles for (vl_convert.get_vega_version()) and the
# node_modules copy the formula parity test runs; vega-tooltip is the exact version vega-embed pins.
PACKAGES = {"vega": "6.2.0", "vega-embed": "7.3.0", "vega-tooltip": "1.1.0", "vega-interpreter": "2.3.2"}
# file written -> (package, path inside the package)
FILES = {
    "vega.min.js": ("vega", "build/vega.min.js"),
    "vega-embed.min.js": ("vega-embed", "build/vega-embed.min.js"),
    "LICENSE-vega.txt": ("vega", "LICENSE"),
    "LICENSE-vega-embed.txt": ("vega-embed", "LICENSE"),
    "LICENSE-vega-tooltip.txt": ("vega-tooltip", "LICENSE"),
    "LICENSE-vega-interpreter.txt": ("vega-interpreter", "LICENSE"),
}
BUNDLED = {
    "vega.min.js": "Vega's own modules and their dependencies (d3-*, topojson-client, delaunator, ...), as vega's build bundles them",
    "vega-embed.min.js": "vega-interpreter ^2.3.2, vega-tooltip 1.1.0, vega-themes 3.0.0, vega-schema-url-parser, "
                         "fast-json-patch, json-stringify-pretty-compact, semver, tslib (vega and vega-lite stay external)",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack(name: str, version: str, dest: Path) -> tuple[dict, tarfile.TarFile]:
    """``npm pack name@version`` into dest; check the tarball against the registry's integrity."""
    out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(dest)],
                         check=True, capture_output=True, text=True).stdout
    info = json.loads(out)[0]
    tarball = dest / info["filename"]
    algorithm, digest = info["integrity"].split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != digest:
        raise SystemExit(f"{name}@{version}: tarball does not match the registry's integrity {info['integrity']}")
    registry = json.loads(subprocess.run(["npm", "view", f"{name}@{version}", "dist", "license", "--json"],
                                         check=True, capture_output=True, text=True).stdout)
    meta = {"name": name, "version": version, "license": registry["license"],
            "tarball": registry["dist"]["tarball"], "integrity": info["integrity"]}
    return meta, tarfile.open(tarball)


def read(archive: tarfile.TarFile, path: str) -> bytes:
    member = archive.extractfile(f"package/{path}")
    if member is None:
        raise SystemExit(f"{archive.name}: no {path}")
    return member.read()


def template_literal(source: str, name: str) -> str:
    """The text of ``var <name> = `...`;`` in a build file (a CSS string with no ${} in it)."""
    match = re.search(r"var %s = `(.*?)`;" % re.escape(name), source, re.S)
    if not match or "${" in match.group(1):
        raise SystemExit(f"no plain template literal named {name}")
    return match.group(1)


def vendor() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    manifest = {"about": "Written by tools/vendor_vega.py; checked by _ext/vega_offline.py at every build.",
                "packages": [], "files": []}
    with tempfile.TemporaryDirectory() as tmp:
        archives = {}
        for name, version in PACKAGES.items():
            meta, archives[name] = pack(name, version, Path(tmp))
            manifest["packages"].append(meta)
        for filename, (package, inner) in FILES.items():
            data = read(archives[package], inner)
            (VENDOR / filename).write_bytes(data)
            entry = {"path": filename, "package": f"{package}@{PACKAGES[package]}", "from": inner, "sha256": sha256(data)}
            if filename in BUNDLED:
                entry["bundles"] = BUNDLED[filename]
            manifest["files"].append(entry)
        # The default styles, as a file: the page may not inject <style> elements.
        embed_css = template_literal(read(archives["vega-embed"], "build/embed.js").decode(), "embedStyle")
        tooltip_css = template_literal(read(archives["vega-tooltip"], "build/index.js").decode(), "defaultStyle")
        css = ("/* vega-embed %s: the embedStyle of build/embed.js (the actions menu), verbatim. */\n%s\n"
               "/* vega-tooltip %s: the defaultStyle of build/index.js (the tooltip), verbatim. */\n%s"
               % (PACKAGES["vega-embed"], embed_css.strip(), PACKAGES["vega-tooltip"], tooltip_css.strip() + "\n"))
        (VENDOR / "vega-embed.css").write_text(css)
        manifest["files"].append({
            "path": "vega-embed.css", "package": f"vega-embed@{PACKAGES['vega-embed']} + vega-tooltip@{PACKAGES['vega-tooltip']}",
            "from": "the embedStyle string of vega-embed's build/embed.js and the defaultStyle string of vega-tooltip's build/index.js",
            "sha256": sha256(css.encode())})
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {len(manifest['files'])} files and MANIFEST.json to {VENDOR.relative_to(ROOT)}")


def check() -> int:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    bad = [f["path"] for f in manifest["files"] if sha256((VENDOR / f["path"]).read_bytes()) != f["sha256"]]
    for path in bad:
        print(f"{path}: sha256 differs from MANIFEST.json")
    if not bad:
        print(f"{len(manifest['files'])} files match MANIFEST.json")
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files instead of fetching")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    vendor()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
