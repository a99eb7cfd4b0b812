"""Annotation files: save and load 1,000 annotations over 50 pages; re-anchor after re-cleaning.

Fifty pages (the sample page under fifty names), twenty claims each on real
sentences, one file per page and annotator.  Three figures, each the median of
several runs: saving all fifty files (atomic writes, each fsynced), loading and
validating them all, and re-anchoring the 1,000 claims on the page cleaned again with
other options.  Target: save + load under 1 s.

    .venv/bin/python benchmarks/annotations_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from reader import SAMPLE_PAGE, load_document, read_page
from reader.annotations import (
    AnnotationFile,
    annotate,
    annotation_path,
    load_annotations,
    reanchor,
    save_annotations,
)
from reader.claims import suggest_claims
from reader.clean import clean_page

PAGES, PER_PAGE = 50, 20


def make_files() -> list[AnnotationFile]:
    """Fifty files of twenty claims each, on the sample page's most check-worthy sentences."""
    document = load_document(SAMPLE_PAGE)
    sentences = suggest_claims(document, min_score=0)[:PER_PAGE]
    files = []
    for page in range(PAGES):
        claims = [
            annotate(document, s.start, s.end, "check-worthy", annotator="ana", note=f"page {page}")
            for s in sentences
        ]
        files.append(AnnotationFile(f"page-{page:02d}", "ana", claims))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = make_files()
    saves, loads, anchors = [], [], []
    other = clean_page(read_page(SAMPLE_PAGE), join_lost_hyphens=False, find_captions=False)
    every = [a for f in files for a in f.annotations]
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            paths = [annotation_path(folder, f.document, f.annotator) for f in files]
            started = time.perf_counter()
            for path, data in zip(paths, files):
                save_annotations(path, data)
            saves.append(time.perf_counter() - started)
            started = time.perf_counter()
            loaded = [load_annotations(path) for path in paths]
            loads.append(time.perf_counter() - started)
            assert sum(len(f.annotations) for f in loaded) == PAGES * PER_PAGE
        started = time.perf_counter()
        result = reanchor(every, other.document.text)
        anchors.append(time.perf_counter() - started)
        assert not result.orphans
    save, load = statistics.median(saves), statistics.median(loads)
    print(f"{PAGES * PER_PAGE} annotations in {PAGES} files, median of {args.runs} runs:")
    print(f"  save (atomic, fsync)   {save:.3f} s")
    print(f"  load (and validate)    {load:.3f} s")
    print(f"  save + load            {save + load:.3f} s   (target < 1 s)")
    print(f"  re-anchor after re-cleaning {statistics.median(anchors):.3f} s, 0 orphans")


if __name__ == "__main__":
    main()
