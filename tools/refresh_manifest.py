"""Rewrite a data manifest's ``bytes`` and ``hash`` after its CSV was edited by hand.

    python tools/refresh_manifest.py data/peers.csv [data/cloud_market.csv ...]

Only those two keys change; every other key of the manifest is kept as written. The loaders'
tests fail on a stale size or checksum, so run this after any edit of a hand-curated file
(the files built by an import tool get theirs from the tool).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def refresh(csv_path: Path) -> dict:
    manifest_path = csv_path.with_name(csv_path.name.removesuffix(".csv") + ".resource.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    raw = csv_path.read_bytes()
    manifest["bytes"] = len(raw)
    manifest["hash"] = "sha256:" + hashlib.sha256(raw).hexdigest()
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        m = refresh(Path(arg))
        print(f"{arg}: {m['bytes']:,} bytes, {m['hash']}")
