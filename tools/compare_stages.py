"""Compare the actors, quotes, frames and claim suggestions of two checkouts of the kit.

Runs ``reader actors --json``, ``reader quotes --json`` and ``reader frames --json``
(through ``reader.cli.main``, so the output is the command's) and
``reader.claims.suggest_claims`` over the same inputs, once with each checkout first
on ``PYTHONPATH``, and prints the inputs whose output differs, with what differs.

Inputs: the sample page, the articles of ``texts/sample-corpus.jsonl`` (each as a page,
and the file as a corpus), every polnear-dev text (each as a page, and the folder as a
corpus), a sample of BASIL bodies (each as a page) and all of BASIL as a JSONL corpus.
The ``../shared`` data are skipped when absent.

    python tools/compare_stages.py /tmp/base-text .          # before, after
    python tools/compare_stages.py /tmp/base-text . --basil 60
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
SHARED = HERE.parent / "shared" / "data"
OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def basil_records(folder: Path) -> list[dict]:
    """BASIL's articles as corpus records, in file-name order (as benchmarks/frames_basil.py)."""
    records = []
    for path in sorted((folder / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(sentences) for sentences in article.get("body-paragraphs", [])]
        source = str(article.get("source", "")).lower()
        records.append(
            {
                "name": path.stem,
                "outlet": OUTLETS.get(source, source),
                "text": "\n\n".join(p for p in paragraphs if p.strip()),
                "title": article.get("title"),
                "date": article.get("date"),
                "event": article.get("main-event"),
            }
        )
    return records


def write_inputs(folder: Path, basil_sample: int) -> tuple[list[Path], list[Path]]:
    """The pages and the corpora to compare, written under ``folder`` where needed."""
    pages = [HERE / "texts" / "arab-weekly-maliki-russia.txt"]
    corpora = [HERE / "texts" / "sample-corpus.jsonl"]
    corpus_pages = folder / "sample-corpus"
    corpus_pages.mkdir()
    for number, line in enumerate(corpora[0].read_text(encoding="utf-8").splitlines()):
        page = corpus_pages / f"article-{number:02d}.txt"
        page.write_text(json.loads(line)["text"], encoding="utf-8")
        pages.append(page)
    polnear = SHARED / "polnear-dev" / "text"
    if polnear.is_dir():
        pages += sorted(polnear.glob("*.txt"))
        corpora.append(polnear)
    basil = SHARED / "basil"
    if (basil / "articles").is_dir():
        records = basil_records(basil)
        basil_pages = folder / "basil"
        basil_pages.mkdir()
        step = max(1, len(records) // max(1, basil_sample))
        for record in records[::step][:basil_sample]:
            page = basil_pages / f"{record['name']}.txt"
            page.write_text(record["text"], encoding="utf-8")
            pages.append(page)
        corpus = folder / "basil.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for record in records:
                record = {k: v for k, v in record.items() if k != "name"}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        corpora.append(corpus)
    return pages, corpora


def command_output(argv: list[str]) -> object:
    """What ``reader ARGV`` prints, parsed (or the error text and status)."""
    from reader import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    if status:
        return {"status": status, "stderr": err.getvalue()}
    return json.loads(out.getvalue())


def suggestions(page: str) -> list[dict]:
    """``suggest_claims`` on the page, as plain records."""
    from dataclasses import asdict

    from reader import load_document
    from reader.claims import suggest_claims

    return [asdict(s) for s in suggest_claims(load_document(page))]


def run_stages(inputs: Path, output: Path) -> None:
    """Every output for every input, as one JSON file (run in the checkout under test)."""
    listed = json.loads(inputs.read_text(encoding="utf-8"))
    results: dict[str, object] = {}
    for page in listed["pages"]:
        results[f"actors {page}"] = command_output(["actors", page, "--json"])
        results[f"quotes {page}"] = command_output(["quotes", page, "--json"])
        results[f"claims {page}"] = suggestions(page)
    for source in listed["pages"][:1] + listed["corpora"]:
        results[f"frames {source}"] = command_output(["frames", source, "--json"])
    output.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")


def run_checkout(tree: Path, inputs: Path, output: Path) -> dict:
    """`run_stages` in a fresh Python with ``tree`` first on the path."""
    env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
    command = [sys.executable, __file__, "--run", str(inputs), str(output)]
    subprocess.run(command, env=env, check=True, cwd=tree)
    return json.loads(output.read_text(encoding="utf-8"))


def short_keys(results: dict, folder: Path) -> dict:
    """The results with input paths written without the temporary folder and data root."""

    def short(key: str) -> str:
        return key.replace(str(folder) + "/", "").replace(str(SHARED) + "/", "")

    return {short(key): value for key, value in results.items()}


def describe(key: str, before: object, after: object) -> list[str]:
    """The differences between two outputs of one command, a line each."""
    kind = key.split(" ", 1)[0]
    if kind == "actors":
        old = {(a["name"], m["start"], m["end"]) for a in before["actors"] for m in a["mentions"]}
        new = {(a["name"], m["start"], m["end"]) for a in after["actors"] for m in a["mentions"]}
        lines = [f"  - mention {m}" for m in sorted(old - new, key=lambda m: m[1])]
        lines += [f"  + mention {m}" for m in sorted(new - old, key=lambda m: m[1])]
        types_old = {a["name"]: a["type"] for a in before["actors"]}
        types_new = {a["name"]: a["type"] for a in after["actors"]}
        lines += [
            f"  ~ type {name}: {types_old[name]} -> {types_new[name]}"
            for name in sorted(types_old.keys() & types_new.keys())
            if types_old[name] != types_new[name]
        ]
        return lines or ["  (order or fields only)"]
    if kind in ("quotes", "claims"):
        rows_old = before["quotes"] if kind == "quotes" else before
        rows_new = after["quotes"] if kind == "quotes" else after
        old = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows_old]
        new = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows_new]
        lines = [f"  - {r}" for r in old if r not in new]
        lines += [f"  + {r}" for r in new if r not in old]
        return lines or ["  (order only)"]
    lines = []
    outlets_old = {o["outlet"]: o for o in before.get("outlets", [])}
    outlets_new = {o["outlet"]: o for o in after.get("outlets", [])}
    for outlet in sorted(outlets_old.keys() | outlets_new.keys()):
        a, b = outlets_old.get(outlet, {}), outlets_new.get(outlet, {})
        for field in sorted(a.keys() | b.keys()):
            if a.get(field) != b.get(field):
                lines.append(f"  ~ {outlet} {field}: {a.get(field)} -> {b.get(field)}")
    for field in sorted(before.keys() | after.keys()):
        if field != "outlets" and before.get(field) != after.get(field):
            lines.append(f"  ~ {field} differs")
    return lines or ["  (order only)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", nargs="?", help="checkout before the change")
    parser.add_argument("after", nargs="?", default=".", help="checkout after (default: .)")
    parser.add_argument("--basil", type=int, default=60, help="BASIL bodies run as pages")
    parser.add_argument(
        "--cache", help="keep the before checkout's output in this file and reuse it"
    )
    parser.add_argument("--run", nargs=2, metavar=("INPUTS", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_stages(Path(args.run[0]), Path(args.run[1]))
        return 0
    if not args.before:
        parser.error("give the checkout to compare with")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        pages, corpora = write_inputs(folder, args.basil)
        inputs = folder / "inputs.json"
        listed = {"pages": [str(p) for p in pages], "corpora": [str(c) for c in corpora]}
        inputs.write_text(json.dumps(listed), encoding="utf-8")
        cache = Path(args.cache) if args.cache else None
        if cache is not None and cache.is_file():
            before = json.loads(cache.read_text(encoding="utf-8"))
        else:
            before = short_keys(run_checkout(Path(args.before), inputs, folder / "b.json"), folder)
            if cache is not None:
                cache.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
        after = short_keys(run_checkout(Path(args.after), inputs, folder / "a.json"), folder)
        changed = [key for key in before if before[key] != after.get(key)]
        for key in changed:
            print(key)
            print("\n".join(describe(key, before[key], after[key])))
        counts: dict[str, list[int]] = {}
        for key in before:
            kind = key.split(" ", 1)[0]
            counts.setdefault(kind, [0, 0])[0] += 1
            counts[kind][1] += key in changed
        print("compared:", ", ".join(f"{k} {n} ({d} differ)" for k, (n, d) in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
