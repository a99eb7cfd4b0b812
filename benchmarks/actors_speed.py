"""Actor finding speed: MB/s of clean text with a 10,000-alias gazetteer.

The gazetteer is the base list plus made-up people (a name and two aliases each) up
to 10,000 aliases; the text is the sample page repeated to about 1 MB.  Two figures,
each the median of several runs: the alias matching alone (one compiled trie regex
over the text, whatever the number of aliases), and the whole of `find_actors`
(list matching, discovery of unlisted names, grouping, tables).  Building the compiled
matcher happens once per list and is reported apart.

A page repeated says the same names again and again, which flatters any work done
once per distinct word.  When ../shared is there (or the folder READER_SHARED names),
`find_actors` is also timed on different real articles one after the other (the
polnear-dev texts and BASIL bodies, up to the same size), as a check on that, and once
per polnear-dev article, as the kit calls it (each call pays the per-call work, such as
checking the 10,000-alias list for changes).

    .venv/bin/python benchmarks/actors_speed.py [--runs 5] [--megabytes 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import string
import time
from pathlib import Path

from reader import SAMPLE_PAGE, Document, load_document
from reader.actors import Gazetteer, GazetteerEntry, base_gazetteer, find_actors

ALIASES = 10_000
SHARED = Path(
    os.environ.get("READER_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")
)


def made_up_word(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(
        rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))
    )


def big_gazetteer(size: int = ALIASES, seed: int = 0) -> Gazetteer:
    """The base list plus made-up people until the lists hold ``size`` names and aliases."""
    rng = random.Random(seed)
    entries = list(base_gazetteer())
    count = sum(len(e.surface_forms()) for e in entries)
    while count < size:
        first, last = made_up_word(rng), made_up_word(rng)
        entries.append(
            GazetteerEntry(
                f"{first} {last}", "person", [last, f"{made_up_word(rng)} {first} {last}"]
            )
        )
        count += 3
    return Gazetteer(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()

    gazetteer = big_gazetteer()
    aliases = sum(len(e.surface_forms()) for e in gazetteer)
    started = time.perf_counter()
    gazetteer.matcher()
    compile_seconds = time.perf_counter() - started

    page = load_document(SAMPLE_PAGE).text
    copies = max(1, int(args.megabytes * 1_000_000 / len(page.encode("utf-8"))))
    document = Document.from_text("\n\n".join([page] * copies))
    size_mb = len(document.text.encode("utf-8")) / 1_000_000

    matcher = gazetteer.matcher()
    matching = median_seconds(lambda: matcher.find(document.text), args.runs)
    whole = median_seconds(
        lambda: find_actors(document, gazetteer=gazetteer, use_base=False), args.runs
    )
    mentions = len(find_actors(document, gazetteer=gazetteer, use_base=False).mentions)
    print(f"aliases: {aliases}  text: {size_mb:.2f} MB  mentions: {mentions}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (CPU times below)")
    print(f"matcher built once in {compile_seconds:.2f} s")
    print(
        f"alias matching (one trie regex): median {matching:.3f} s = {size_mb / matching:.2f} MB/s"
    )
    print(
        f"whole find_actors (lists, discovery, grouping): median {whole:.3f} s = {size_mb / whole:.2f} MB/s"
    )
    polnear, basil = real_articles()
    texts = polnear + basil
    if texts:
        text = "\n\n".join(texts)[: int(args.megabytes * 1_000_000)]
        articles = Document.from_text(text)
        varied_mb = len(text.encode("utf-8")) / 1_000_000
        varied = median_seconds(
            lambda: find_actors(articles, gazetteer=gazetteer, use_base=False), args.runs
        )
        print(
            f"whole find_actors on {varied_mb:.2f} MB of different articles: "
            f"median {varied:.3f} s = {varied_mb / varied:.2f} MB/s"
        )
        # as the kit is used: one call per article, each paying the per-call work
        pages = [Document.from_text(t) for t in polnear or basil]
        pages_mb = sum(len(d.text.encode("utf-8")) for d in pages) / 1_000_000
        each = median_seconds(
            lambda: [find_actors(d, gazetteer=gazetteer, use_base=False) for d in pages],
            args.runs,
        )
        print(
            f"one find_actors call per article, {len(pages)} articles ({pages_mb:.2f} MB): "
            f"median {each:.3f} s = {pages_mb / each:.2f} MB/s"
        )


def real_articles() -> tuple[list[str], list[str]]:
    """The polnear-dev texts and the BASIL bodies (empty without ../shared)."""
    data = SHARED / "data"
    polnear = [p.read_text("utf-8") for p in sorted(data.glob("polnear-dev/text/*.txt"))]
    basil = []
    for path in sorted(data.glob("basil/articles/*/*.json")):
        body = json.loads(path.read_text("utf-8")).get("body") or ""
        basil.append("\n\n".join(body) if isinstance(body, list) else body)
    return [t.strip() for t in polnear if t.strip()], [t.strip() for t in basil if t.strip()]


def median_seconds(work, runs: int) -> float:
    """The median CPU time (``time.process_time``) of ``runs`` calls of ``work``.

    CPU time, not wall-clock time: the machine may be shared, and other processes'
    load should not count against the actors stage.
    """
    timings = []
    for _ in range(runs):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return statistics.median(timings)


if __name__ == "__main__":
    main()
