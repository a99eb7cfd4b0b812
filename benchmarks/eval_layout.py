"""Score the page cleaner (`reader.clean.clean_page`) on pages with a known true layout.

Sets (all read from ../shared, or the folder READER_SHARED names):
  typeset  data/dev-pages/typeset  (20 pages made from polnear-dev: the tuning pages)
  ocr      data/dev-pages/ocr      (2 pages read back by Tesseract)
  seed     seed/arab-weekly-maliki-russia.txt against gold/seed_layout.json
  polnear  fresh pages from tools/make_pages.py, polnear-dev articles
  basil    fresh pages from make_pages.py, BASIL articles (another corpus: held out)
  pages    benchmarks/pages: a few made pages kept in the repo (OCR ones: Tesseract is slow)
  polnear-hard, basil-hard  (with --hard) kinds the dev pages lack
  polnear-ocr, basil-ocr    (with --ocr) fresh made pages rendered and read back by Tesseract

For each set it prints the mean word_error_rate, paragraph_f1 and caption_leak of
../shared/tools/score_layout.py, how many pages got the article count right and
the headlines right, the kinds of word errors (hyphen kept or lost, a word left
split, words run together, caption or headline text in the body, missing text),
and the worst pages.  Made pages are drawn with --seed: change the seed to judge
the cleaner on pages nobody has looked at.

usage:
  python benchmarks/eval_layout.py                      # all sets, seed 1, 20 pages each
  python benchmarks/eval_layout.py --seed 4711 --count 40 --sets basil
  python benchmarks/eval_layout.py --show-diff typeset/page03
  python benchmarks/eval_layout.py --show-diff basil-1-007    # a made page (same --seed)
  python benchmarks/eval_layout.py --show-diff path/to/page.txt   # NAME.gold.json beside it
  python benchmarks/eval_layout.py --write-made DIR     # also save the made pages
  python benchmarks/eval_layout.py --examples 5         # examples of each kind of error
  python benchmarks/eval_layout.py --cleaner naive      # a trivial stand-in, to test the harness
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import os
import signal
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))

ALL_SETS = ["typeset", "ocr", "seed", "pages", "polnear", "basil"]
OCR_COUNT = 4  # fresh OCR pages per source with --ocr (each takes ~10 s of Tesseract)


def load_scorer():
    path = SHARED / "tools" / "score_layout.py"
    spec = importlib.util.spec_from_file_location("score_layout", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- cleaners
def naive_clean(text: str, source: str | None = None) -> list[dict]:
    """Stand-in for testing the harness only: blank lines split paragraphs, '-\\n' joins."""
    import re

    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        joined = lines[0]
        for ln in lines[1:]:
            if joined.endswith("-") and ln[:1].islower():
                joined = joined[:-1] + ln
            else:
                joined += " " + ln
        paragraphs.append(joined)
    return [{"headline": None, "byline": None, "paragraphs": paragraphs, "captions": []}]


def document_articles(document) -> list[dict]:
    if hasattr(document, "to_json"):
        data = document.to_json()
        return data["articles"] if isinstance(data, dict) else data
    return [a.to_json() for a in document.articles()]


def get_cleaner(name: str):
    if name == "naive":
        return naive_clean
    try:
        from reader.clean import clean_page
    except ImportError as err:
        raise SystemExit(
            f"eval_layout: cannot import reader.clean.clean_page ({err}); "
            "try --cleaner naive to test the harness"
        ) from err

    def real(text: str, source: str | None = None) -> list[dict]:
        return document_articles(clean_page(text, source=source).document)

    return real


# --------------------------------------------------------------------------- sets
def gold_articles(gold) -> list[dict]:
    return gold["articles"] if isinstance(gold, dict) else gold


def folder_pages(folder: Path, prefix: str):
    pages = []
    for txt in sorted(folder.glob("*.txt")):
        gold = txt.with_name(txt.stem + ".gold.json")
        if gold.exists():
            pages.append(
                (
                    f"{prefix}/{txt.stem}",
                    txt.read_text(encoding="utf-8"),
                    json.loads(gold.read_text(encoding="utf-8")),
                )
            )
    return pages


def load_set(name: str, count: int, seed: int) -> list[tuple[str, str, dict]]:
    if name == "typeset":
        return folder_pages(SHARED / "data" / "dev-pages" / "typeset", "typeset")
    if name == "ocr":
        return folder_pages(SHARED / "data" / "dev-pages" / "ocr", "ocr")
    if name == "seed":
        txt = SHARED / "seed" / "arab-weekly-maliki-russia.txt"
        gold = SHARED / "gold" / "seed_layout.json"
        if not (txt.exists() and gold.exists()):
            return []
        return [("seed", txt.read_text(encoding="utf-8"), json.loads(gold.read_text()))]
    if name == "pages":
        return folder_pages(HERE / "pages", "pages")
    from tools import make_pages

    source, _, kind = name.partition("-")
    if kind == "ocr":
        return make_pages.make_ocr_set(source, min(count, OCR_COUNT), seed)
    return make_pages.make_set(source, count, seed, hard=kind == "hard")


# --------------------------------------------------------------------------- diffing
def body_tokens(arts):
    toks, starts = [], []
    for a in arts:
        for p in a.get("paragraphs", []):
            w = p.split()
            if w:
                starts.append(len(toks))
                toks.extend(w)
    return toks, starts


def classify(g: list[str], p: list[str], display_text: str) -> str:
    gj, pj = "".join(g), "".join(p)
    if g and p and gj == pj:
        return "word left split" if len(p) > len(g) else "words run together"
    if g and p and gj.replace("-", "") == pj.replace("-", "") and gj != pj:
        if gj.count("-") > pj.count("-"):
            return "real hyphen lost"
        return "line-end hyphen kept"
    if not g:
        if " ".join(p) in display_text:
            return "caption/headline in body"
        return "extra text in body"
    if not p:
        return "missing from body"
    if pj.replace("-", "").lower() == gj.replace("-", "").lower():
        return "case changed"
    return "other"


def word_errors(gold_arts, pred_arts):
    """Word-level differences: list of (category, gold words, pred words, context before)."""
    g, _ = body_tokens(gold_arts)
    p, _ = body_tokens(pred_arts)
    display = " ".join(
        x
        for a in gold_arts
        for x in [a.get("headline") or "", a.get("byline") or ""] + list(a.get("captions", []))
    )
    sm = difflib.SequenceMatcher(None, g, p, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        out.append(
            (
                classify(g[i1:i2], p[j1:j2], display),
                g[i1:i2],
                p[j1:j2],
                " ".join(g[max(0, i1 - 6) : i1]),
                " ".join(g[i2 : i2 + 4]),
            )
        )
    return out, sm, g, p


def paragraph_errors(gold_arts, pred_arts, sm, g, p):
    _, gs = body_tokens(gold_arts)
    _, ps = body_tokens(pred_arts)
    p2g = {}
    for op, i1, i2, j1, _j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                p2g[j1 + k] = i1 + k
    mapped = {p2g[s] for s in ps if s in p2g}
    missed = [s for s in gs if s not in mapped]
    spurious = [s for s in ps if s not in p2g or p2g[s] not in set(gs)]
    return missed, spurious, p2g


def show_diff(name: str, text: str, gold, pred_arts, out=sys.stdout) -> None:
    gold_arts = gold_articles(gold)
    errs, sm, g, p = word_errors(gold_arts, pred_arts)
    w = out.write
    w(f"== {name}: {len(g)} gold body words, {len(p)} predicted\n")
    w(f"articles: gold {len(gold_arts)}, predicted {len(pred_arts)}\n")
    for i in range(max(len(gold_arts), len(pred_arts))):
        ga = gold_arts[i] if i < len(gold_arts) else {}
        pa = pred_arts[i] if i < len(pred_arts) else {}
        w(
            f"-- article {i}: paragraphs gold {len(ga.get('paragraphs', []))} / "
            f"pred {len(pa.get('paragraphs', []))}\n"
        )
        for key in ("headline", "byline"):
            if ga.get(key) != pa.get(key):
                w(f"   {key}: gold {ga.get(key)!r}\n   {' ' * len(key)}  pred {pa.get(key)!r}\n")
        if ga.get("captions", []) != pa.get("captions", []):
            w(
                f"   captions: gold {ga.get('captions', [])!r}\n"
                f"             pred {pa.get('captions', [])!r}\n"
            )
    w(f"-- word differences ({len(errs)}):\n")

    def short(words):
        if len(words) <= 30:
            return " ".join(words)
        return f"{' '.join(words[:12])} …({len(words) - 24} words)… {' '.join(words[-12:])}"

    for cat, gw, pw, before, after in errs:
        w(f"   [{cat}] …{before} [-{short(gw)}-]{{+{short(pw)}+}} {after}…\n")
    missed, spurious, p2g = paragraph_errors(gold_arts, pred_arts, sm, g, p)
    w(f"-- paragraph starts missed ({len(missed)}): (gold paragraph merged into the one before)\n")
    for s in missed:
        w(f"   …{' '.join(g[max(0, s - 8) : s])} ¶ {' '.join(g[s : s + 6])}…\n")
    w(f"-- spurious paragraph starts ({len(spurious)}): (a paragraph split where gold has none)\n")
    for s in spurious:
        w(f"   …{' '.join(p[max(0, s - 8) : s])} ¶ {' '.join(p[s : s + 6])}…\n")


# --------------------------------------------------------------------------- main
def run_set(name, pages, cleaner, scorer, worst, verbose, examples=0):
    rows = []
    cats: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    t0 = time.perf_counter()
    for page, text, gold in pages:
        gold_arts = gold_articles(gold)
        try:
            pred = cleaner(text, page)
            error = None
        except Exception as exc:  # a crash scores as a page with every word wrong
            pred, error = [], f"{type(exc).__name__}: {exc}"
            if verbose:
                traceback.print_exc()
        s = scorer.score(gold_arts, pred)
        errs, sm, g, p = word_errors(gold_arts, pred)
        if error:
            errs = []
        for cat, gw, pw, before, after in errs:
            cats[cat] += max(len(gw), len(pw))
            shown.setdefault(cat, []).append(
                f"{page}: …{before} [-{' '.join(gw)[:120]}-]{{+{' '.join(pw)[:120]}+}} {after}…"
            )
        if examples and not error:
            missed, spurious, _ = paragraph_errors(gold_arts, pred, sm, g, p)
            for key, toks, starts in (("¶ missed", g, missed), ("¶ spurious", p, spurious)):
                for st in starts:
                    shown.setdefault(key, []).append(
                        f"{page}: …{' '.join(toks[max(0, st - 8) : st])} ¶ "
                        f"{' '.join(toks[st : st + 6])}…"
                    )
            for i, (ga, pa) in enumerate(zip(gold_arts, pred)):
                for key in ("headline", "captions"):
                    if (ga.get(key) or None) != (pa.get(key) or None):
                        shown.setdefault(key, []).append(
                            f"{page} article {i}: gold {ga.get(key)!r}  pred {pa.get(key)!r}"
                        )
        heads_ok = sum(
            1
            for ga, pa in zip(gold_arts, pred)
            if (ga.get("headline") or None) == (pa.get("headline") or None)
        )
        rows.append(
            {
                "page": page,
                **s,
                "error": error,
                "articles_ok": len(gold_arts) == len(pred),
                "headlines_ok": heads_ok == len(gold_arts) and len(gold_arts) == len(pred),
            }
        )
    seconds = time.perf_counter() - t0
    if not rows:
        print(f"\n[{name}] no pages (missing data?)")
        return None
    mean = {
        k: statistics.mean(r[k] for r in rows)
        for k in ("word_error_rate", "paragraph_f1", "caption_leak")
    }
    print(f"\n[{name}] {len(rows)} pages, {seconds:.1f}s")
    print(
        f"  mean word_error_rate {mean['word_error_rate']:.4f}   "
        f"paragraph_f1 {mean['paragraph_f1']:.4f}   caption_leak {mean['caption_leak']:.4f}"
    )
    print(
        f"  pages with the right article count {sum(r['articles_ok'] for r in rows)}/{len(rows)}"
        f", all headlines right {sum(r['headlines_ok'] for r in rows)}/{len(rows)}"
        f", pages with caption leak {sum(r['caption_leak'] > 0 for r in rows)}"
        f", crashes {sum(bool(r['error']) for r in rows)}"
    )
    if cats:
        print("  word errors by kind: " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))
    by_wer = sorted(rows, key=lambda r: (-r["word_error_rate"], r["paragraph_f1"]))[:worst]
    by_f1 = sorted(rows, key=lambda r: (r["paragraph_f1"], -r["word_error_rate"]))[:worst]
    leaks = [r for r in rows if r["caption_leak"] > 0 or r["error"] or not r["articles_ok"]]
    bad = list(dict.fromkeys(r["page"] for r in by_wer + by_f1 + leaks[:worst]))
    bad = sorted(
        (r for r in rows if r["page"] in bad),
        key=lambda r: (
            bool(r["error"]),
            r["word_error_rate"]
            + (1 - r["paragraph_f1"]) / 10
            + r["caption_leak"]
            + 0.01 * (not r["articles_ok"]),
        ),
        reverse=True,
    )
    print("  worst pages (by word error rate, by paragraph F1, wrong article count or leak):")
    for r in bad:
        extra = f"  CRASH {r['error']}" if r["error"] else ""
        print(
            f"    {r['page']:<26} wer {r['word_error_rate']:.4f}  f1 {r['paragraph_f1']:.4f}"
            f"  leak {r['caption_leak']:.2f}  articles {r['articles'][0]}->{r['articles'][1]}"
            f"{extra}"
        )
    if examples:
        print(f"  examples (up to {examples} of each kind):")
        for key, items in shown.items():
            print(f"   {key} ({len(items)}):")
            for item in items[:examples]:
                print(f"     {item}")
    return {
        "set": name,
        "pages": len(rows),
        **{k: round(v, 4) for k, v in mean.items()},
        "rows": rows,
        "error_kinds": dict(cats),
    }


def find_page(spec: str, count: int, seed: int):
    path = Path(spec)
    if path.suffix == ".txt" and path.exists():
        gold = path.with_name(path.stem + ".gold.json")
        if not gold.exists():
            raise SystemExit(f"no {gold.name} beside {path}")
        return spec, path.read_text(encoding="utf-8"), json.loads(gold.read_text())
    sets = ["typeset", "ocr", "seed", "pages"]
    bare = spec.removeprefix("ocr-")
    if bare.startswith(("polnear", "basil")):
        parts = bare.split("-")
        kind = "-ocr" if spec.startswith("ocr-") else "-hard" if spec.endswith("-hard") else ""
        sets = [parts[0] + kind]
        if len(parts) >= 3 and parts[1].isdigit():
            seed = int(parts[1])
            count = max(count, int(parts[2]) + 1)
    for name in sets:
        for page in load_set(name, count, seed):
            if page[0] == spec or page[0].split("/")[-1] == spec:
                return page
    raise SystemExit(f"no page named {spec!r} (try typeset/page03, seed, basil-1-004)")


def main(argv=None) -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--sets",
        default=",".join(ALL_SETS),
        help="comma-separated, from "
        f"{ALL_SETS + ['polnear-hard', 'basil-hard', 'polnear-ocr', 'basil-ocr']}",
    )
    ap.add_argument("--hard", action="store_true", help="add the polnear-hard and basil-hard sets")
    ap.add_argument(
        "--ocr",
        action="store_true",
        help=f"add polnear-ocr and basil-ocr: {OCR_COUNT} fresh pages each, rendered "
        "and read back by tesseract (slow)",
    )
    ap.add_argument("--count", type=int, default=20, help="made pages per made set (default 20)")
    ap.add_argument("--seed", type=int, default=1, help="seed for the made pages (default 1)")
    ap.add_argument("--worst", type=int, default=5, help="how many worst pages to list")
    ap.add_argument(
        "--examples",
        type=int,
        default=0,
        metavar="N",
        help="print up to N examples of each kind of error per set (words, ¶, headlines)",
    )
    ap.add_argument("--show-diff", metavar="PAGE", help="print the word-level diff of one page")
    ap.add_argument(
        "--cleaner",
        choices=["real", "naive"],
        default="real",
        help="naive: a trivial stand-in to test this harness",
    )
    ap.add_argument("--json", metavar="FILE", help="write every page's scores to FILE")
    ap.add_argument("--write-made", metavar="DIR", help="also write the made pages to DIR")
    ap.add_argument("--verbose", action="store_true", help="print tracebacks of crashes")
    args = ap.parse_args(argv)

    if not (SHARED / "tools" / "score_layout.py").exists():
        print(f"eval_layout: {SHARED} (or its tools/score_layout.py) is absent; nothing to score.")
        return 0
    scorer = load_scorer()
    cleaner = get_cleaner(args.cleaner)

    if args.show_diff:
        name, text, gold = find_page(args.show_diff, args.count, args.seed)
        pred = cleaner(text, name)
        print(json.dumps(scorer.score(gold_articles(gold), pred)))
        show_diff(name, text, gold, pred)
        return 0

    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if args.hard:
        sets += ["polnear-hard", "basil-hard"]
    if args.ocr:
        sets += ["polnear-ocr", "basil-ocr"]
    print(f"cleaner: {args.cleaner}; made pages: {args.count} per set, seed {args.seed}")
    results = []
    for name in sets:
        pages = load_set(name, args.count, args.seed)
        if args.write_made and name.startswith(("polnear", "basil")):
            out = Path(args.write_made)
            out.mkdir(parents=True, exist_ok=True)
            for page, text, gold in pages:
                (out / f"{page}.txt").write_text(text, encoding="utf-8")
                (out / f"{page}.gold.json").write_text(json.dumps(gold, ensure_ascii=False))
        res = run_set(name, pages, cleaner, scorer, args.worst, args.verbose, args.examples)
        if res:
            results.append(res)
    print("\nsummary:")
    print(f"  {'set':<14}{'pages':>6}{'wer':>9}{'par_f1':>9}{'cap_leak':>10}")
    for r in results:
        print(
            f"  {r['set']:<14}{r['pages']:>6}{r['word_error_rate']:>9.4f}"
            f"{r['paragraph_f1']:>9.4f}{r['caption_leak']:>10.4f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
