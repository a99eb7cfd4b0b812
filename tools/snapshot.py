"""Snapshot the cleaner's output over many pages, to prove a refactor changes nothing.

For each input page this runs ``reader clean PAGE``, ``reader clean PAGE --json`` and
``reader clean PAGE --explain`` in-process (the command line the user runs, so it
works on any checkout of the kit: put the one to snapshot first on PYTHONPATH) and
writes what they print into a folder, one file per input and output.  ``--compare``
reads a folder written before and says which inputs now print something else.

The text and the JSON must stay identical.  The decisions of ``--explain`` are
compared too, but apart from their names (a repair may be renamed) and without the
page-kind decision, and a difference there is only reported.

usage:
  PYTHONPATH=/tmp/base python tools/snapshot.py --out /tmp/snap-before INPUT...
  PYTHONPATH=$PWD python tools/snapshot.py --compare /tmp/snap-before INPUT...

An INPUT is a page file, a folder (its .txt files, at any depth) or a glob.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import hashlib
import io
import re
import sys
import warnings
from pathlib import Path

OUTPUTS = {"text": [], "json": ["--json"], "explain": ["--explain"]}
# "line 12: drop-capital: ..." -> "line 12: ..." (the decision without its name)
_ACTION = re.compile(r"^(line \d+): [^:]+: ", re.MULTILINE)
_PAGE_KIND = re.compile(r"^line \d+: page-kind: .*\n", re.MULTILINE)


def input_pages(specs: list[str]) -> list[Path]:
    """The page files the specs name, sorted, each once."""
    pages: set[Path] = set()
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            pages.update(p for p in path.rglob("*.txt") if p.is_file())
        elif path.is_file():
            pages.add(path)
        else:
            pages.update(Path(p) for p in glob.glob(spec) if Path(p).is_file())
    return sorted(p.resolve() for p in pages)


def key_of(page: Path) -> str:
    """A file name for a page's outputs: its path, with a hash to keep names apart."""
    tail = "_".join(page.parts[-3:]).replace(".txt", "")
    return f"{tail}-{hashlib.sha1(str(page).encode()).hexdigest()[:8]}"


def run_clean(page: Path, options: list[str]) -> str:
    """What ``reader clean PAGE OPTIONS`` prints (standard output, then its status)."""
    from reader import cli

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        status = cli.main(["clean", str(page), *options])
    return out.getvalue() + f"\n[exit {status}]\n"


def without_names(explain: str) -> str:
    """The decisions of ``--explain`` without their names and without the page kind."""
    return _ACTION.sub(r"\1: ", _PAGE_KIND.sub("", explain))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="+", help="page files, folders or globs")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--out", type=Path, help="write the snapshot into this folder")
    action.add_argument("--compare", type=Path, help="compare with the snapshot in this folder")
    parser.add_argument("--show", type=int, default=5, help="differing inputs to name")
    args = parser.parse_args(argv)
    pages = input_pages(args.inputs)
    if not pages:
        parser.error("no page files in the inputs")
    folder = args.out or args.compare
    folder.mkdir(parents=True, exist_ok=True) if args.out else None
    differ: dict[str, list[Path]] = {name: [] for name in OUTPUTS}
    missing = 0
    for page in pages:
        key = key_of(page)
        for name, options in OUTPUTS.items():
            printed = run_clean(page, options)
            file = folder / f"{key}.{name}"
            if args.out:
                file.write_text(printed, encoding="utf-8")
                continue
            if not file.exists():
                missing += 1
                continue
            before = file.read_text(encoding="utf-8")
            same = (
                without_names(before) == without_names(printed)
                if name == "explain"
                else before == printed
            )
            if not same:
                differ[name].append(page)
    if args.out:
        print(f"wrote the outputs of {len(pages)} pages into {folder}")
        return 0
    for name, pages_differing in differ.items():
        note = " (decisions apart from their names)" if name == "explain" else ""
        print(f"{name}{note}: {len(pages) - len(pages_differing)} of {len(pages)} identical")
        for page in pages_differing[: args.show]:
            print(f"  differs: {page}")
    if missing:
        print(f"{missing} outputs were not in the snapshot")
    return 1 if differ["text"] or differ["json"] or missing else 0


if __name__ == "__main__":
    sys.exit(main())
