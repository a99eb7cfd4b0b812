"""Export speed: the sample page with its ten example claims as standalone HTML.

Two figures, each the median of several runs: the whole `export_page` (clean the page,
find actors and quotes, load and re-anchor the claims, render, write atomically), and
the rendering alone (`export_html` on what the stages computed).  Target: under 1 s.

    .venv/bin/python benchmarks/export_speed.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from reader import SAMPLE_PAGE, load_document
from reader.actors import find_actors
from reader.annotations import load_annotations
from reader.export import demo_annotations_path, export_html, export_page
from reader.quotes import find_quotes


def median_seconds(job, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    claims = demo_annotations_path()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "page.html"
        export_page(SAMPLE_PAGE, out, claims)  # warm: imports, templates, lists
        whole = median_seconds(lambda: export_page(SAMPLE_PAGE, out, claims), args.runs)
        size = out.stat().st_size
    document = load_document(SAMPLE_PAGE)
    result = find_actors(document, page_path=SAMPLE_PAGE)
    quotes = find_quotes(document)
    annotations = load_annotations(claims).annotations

    def render() -> str:
        return export_html(
            document, annotations, mentions=result.mentions, actors=result.actors, quotes=quotes
        )

    alone = median_seconds(render, args.runs)
    print(f"sample page, {len(annotations)} claims, {len(result.mentions)} actor mentions, "
          f"{len(quotes)} quotes; {size:,} bytes of HTML; median of {args.runs} runs:")  # fmt: skip
    print(f"  export_page (clean + actors + quotes + claims + render + write) {whole:.3f} s")
    print(f"  export_html (render only)                                      {alone:.3f} s")


if __name__ == "__main__":
    main()
