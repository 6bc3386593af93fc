"""Every fact that an extraction change changes: the facts natokg reads from a set of letters at
another commit, against the facts this checkout reads, letter by letter.

    python -m kg.tools.compare_facts REF [--generated 3000] [--shared ../shared] [--only-changed]

The letters: the shared corpus and its real letters (when ../shared is there), every letter
among the test fixtures, and N letters made by bench/generate.py (seeded, so the same at both
commits). REF is checked out with `git archive` into a temporary folder; each side extracts in a
process of its own, with its own code on the path. Spans are left out (a shifted offset is not a
different fact); every other field of every fact is compared. The summary at the end goes in the
commit body of an extraction change (DEVELOPERS.md).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LETTER_SUFFIXES = {".txt", ".html", ".htm", ".pdf"}

# Runs inside each side's process, with that side's `kg` first on the path: one JSON line a letter.
DUMP = r"""
import dataclasses, json, sys
from datetime import date
from decimal import Decimal
from kg.extract import extract
from kg.text import read_letter

def plain(value):
    if dataclasses.is_dataclass(value):
        return {k: plain(v) for k, v in dataclasses.asdict(value).items() if k not in ("span", "kamerstuk_span")}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k not in ("span", "kamerstuk_span")}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value

for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        facts = plain(extract(read_letter(path)))
    except Exception as error:
        facts = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps({"path": path, "facts": facts}, ensure_ascii=False, sort_keys=True), flush=True)
"""


def letters(shared: Path | None, generated: Path | None) -> list[Path]:
    found = [p for p in sorted((ROOT / "tests" / "fixtures").rglob("*")) if p.suffix.lower() in LETTER_SUFFIXES]
    if shared is not None and (shared / "corpus").is_dir():
        found += [p for p in sorted((shared / "corpus").rglob("*")) if p.suffix.lower() in LETTER_SUFFIXES]
    if generated is not None:
        found += sorted(generated.glob("*.txt"))
    return found


def checkout(ref: str, into: Path) -> Path:
    """REF's tree (only what is committed) in a folder of its own."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def extracted(code: Path, paths: list[Path]) -> dict[str, dict]:
    environment = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-c", DUMP], input="\n".join(map(str, paths)) + "\n", text=True,
                          capture_output=True, env=environment, cwd=code)
    if done.returncode != 0:
        raise SystemExit(f"compare-facts: extraction at {code} failed: {done.stderr.strip()[-500:]}")
    rows = (json.loads(line) for line in done.stdout.splitlines() if line.strip())
    return {row["path"]: row["facts"] for row in rows}


def _common(old, new):
    """A fact that gained a field (a new attribute of the dataclass) is compared on the fields both
    sides have: the new field is reported once, as new, not as a change of every fact."""
    if isinstance(old, dict) and isinstance(new, dict):
        pairs = {k: _common(old[k], new[k]) for k in set(old) & set(new)}
        return {k: pair[0] for k, pair in pairs.items()}, {k: pair[1] for k, pair in pairs.items()}
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        pairs = [_common(a, b) for a, b in zip(old, new)]
        return [a for a, _ in pairs], [b for _, b in pairs]
    return old, new


def _added_fields(old, new, prefix: str = "") -> set[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        found = {prefix + k for k in set(new) - set(old)}
        for k in set(old) & set(new):
            found |= _added_fields(old[k], new[k], prefix + k + ".")
        return found
    if isinstance(old, list) and isinstance(new, list) and old and new:
        return _added_fields(old[0], new[0], prefix)
    return set()


def differences(before: dict, after: dict) -> list[tuple[str, list[str], list[str]]]:
    """(field, facts only before, facts only after) for each field of one letter that differs."""
    found = []
    for field in sorted(set(before) | set(after)):
        old, new = _common(before.get(field), after.get(field))
        if old == new:
            continue
        if isinstance(old, list) and isinstance(new, list):
            olds = [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in old]
            news = [json.dumps(x, ensure_ascii=False, sort_keys=True) for x in new]
            found.append((field, [x for x in olds if x not in news], [x for x in news if x not in olds]))
        else:
            found.append((field, [json.dumps(old, ensure_ascii=False, sort_keys=True)],
                          [json.dumps(new, ensure_ascii=False, sort_keys=True)]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", help="the commit to compare with (e.g. HEAD~1, main, a2d237d)")
    parser.add_argument("--generated", type=int, default=3000, help="letters made by bench/generate.py")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder, if any")
    parser.add_argument("--limit", type=int, default=40, help="letters whose differences are printed in full")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="natokg-compare-") as tmp:
        tmp = Path(tmp)
        generated = None
        if args.generated:
            sys.path.insert(0, str(ROOT / "bench"))
            import generate  # the generator of this checkout, so both sides read the same letters
            generated = tmp / "generated"
            generate.write(generated, args.generated, seed=args.seed)
        shared = Path(args.shared)
        paths = letters(shared if shared.is_dir() else None, generated)
        print(f"extracting {len(paths)} letters at {args.ref} and in this checkout ...", file=sys.stderr)
        before = extracted(checkout(args.ref, tmp / "ref"), paths)
        after = extracted(ROOT, paths)
        changed = Counter()
        added = set()
        for path in map(str, paths):
            added |= _added_fields(before.get(path, {}), after.get(path, {}))
        shown = 0
        for path in map(str, paths):
            found = differences(before.get(path, {}), after.get(path, {}))
            if not found:
                continue
            for field, _, _ in found:
                changed[field] += 1
            shown += 1
            if shown <= args.limit:
                name = os.path.relpath(path, tmp) if path.startswith(str(tmp)) else os.path.relpath(path, ROOT)
                print(name)
                for field, old, new in found:
                    for fact in old:
                        print(f"  - {field}: {fact}")
                    for fact in new:
                        print(f"  + {field}: {fact}")
        letters_changed = shown
        total = len(paths)
        fields = ", ".join(f"{field} {count}" for field, count in changed.most_common()) or "none"
        if added:
            print(f"\nfields this checkout adds (not compared): {', '.join(sorted(added))}")
        print(f"\n{letters_changed} of {total} letters read differently from {args.ref} "
              f"({len([p for p in paths if generated and str(p).startswith(str(generated))])} generated); "
              f"letters changed by field: {fields}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
