"""`reader batch`: the tables hold what the single-document commands print, runs resume,
failures are recorded, archives and corpora are read, and Dask runs it locally."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from reader import cli
from reader.batch import (
    BatchError,
    actor_cooccurrence,
    document_id,
    load_batch,
    outlets_over_time,
    run_batch,
    top_speakers,
)
from reader.batch.plan import line_ranges, make_plan
from reader.batch.tables import document_json
from reader.framing import compare_outlets

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"
SAMPLE_PAGE = TEXTS / "arab-weekly-maliki-russia.txt"
SAMPLE_CORPUS = TEXTS / "sample-corpus.jsonl"
SIDECARS = [
    TEXTS / "arab-weekly-maliki-russia.meta.json",
    TEXTS / "arab-weekly-maliki-russia.actors.csv",
]


def command(*argv: str) -> dict:
    """What `reader ARGV` prints, as JSON (run in this process, as the tests of cli do)."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli.main(list(argv)) == 0
    return json.loads(printed.getvalue())


def corpus_pages(articles: list[dict]) -> str:
    """A page of several articles, headline over body, as a text layer gives it."""
    return "\n\n".join(f"{a['title']}\n\n{a['text']}" for a in articles) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample page with its metadata and actor list, a made page, and the sample corpus."""
    folder = tmp_path_factory.mktemp("corpus")
    pages = folder / "pages"
    (pages / "sub").mkdir(parents=True)
    for path in [SAMPLE_PAGE, *SIDECARS]:
        shutil.copy(path, pages / path.name)
    articles = [json.loads(line) for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines()]
    (pages / "sub" / "ledger.txt").write_text(corpus_pages(articles[:3]), encoding="utf-8")
    shutil.copy(SAMPLE_CORPUS, folder / "sample-corpus.jsonl")
    return folder


@pytest.fixture(scope="module")
def synchronous_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("runs") / "out"
    inputs = [str(corpus / "pages"), str(corpus / "sample-corpus.jsonl")]
    run_batch(inputs, out, scheduler="synchronous", batch_size=3)
    return out


def tables_equal(first: Path, second: Path) -> None:
    """Two batch outputs hold the same tables, row for row."""
    one, two = load_batch(first), load_batch(second)
    assert one.keys() == two.keys()
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)


def single_document_json(row, scratch: Path) -> dict:
    """What the three commands print for one document of the batch (a JSONL article as a page)."""
    if row.format == "jsonl":
        corpus, line = row.source.rsplit(":", 1)
        lines = Path(corpus).read_text(encoding="utf-8").splitlines()
        page = scratch / f"line-{line}.txt"
        page.write_text(json.loads(lines[int(line) - 1])["text"], encoding="utf-8")
    else:
        page = Path(row.source)
    return {name: command(name, str(page), "--json") for name in ("clean", "actors", "quotes")}


# --------------------------------------------------------------------------- what the tables hold


def test_every_document_holds_what_the_single_document_commands_print(synchronous_run, tmp_path):
    tables = load_batch(synchronous_run)
    documents = tables["documents"]
    assert list(documents["status"]) == ["ok"] * 11
    for row in documents.itertuples():
        assert document_json(tables, row.id) == single_document_json(row, tmp_path), row.source


def test_offsets_point_into_the_clean_text(synchronous_run):
    tables = load_batch(synchronous_run)
    texts = dict(zip(tables["documents"]["id"], tables["documents"]["text"]))
    for name in ("paragraphs", "mentions", "quotes"):
        for row in tables[name].itertuples():
            assert texts[row.id][row.start : row.end] == row.text, (name, row)
    claims = tables["claim_suggestions"]
    assert all(texts[r.id][r.start : r.end] == r.sentence for r in claims.itertuples())


def test_documents_say_where_each_came_from_and_its_outlet(synchronous_run, corpus):
    documents = load_batch(synchronous_run)["documents"].set_index("source")
    page = documents.loc[str((corpus / "pages" / SAMPLE_PAGE.name).resolve())]
    assert (page["outlet"], page["format"]) == ("The Arab Weekly", "text")
    assert page["title"].startswith("Maliki calls for Russia")
    assert page["id"] == document_id(f"pages/{SAMPLE_PAGE.name}")
    made = documents.loc[str((corpus / "pages" / "sub" / "ledger.txt").resolve())]
    assert made["outlet"] == "ledger"  # no metadata: the file's name, as `reader frames` has it
    article = documents.loc[f"{(corpus / 'sample-corpus.jsonl').resolve()}:4"]
    assert (article["outlet"], article["date"], article["event"]) == (
        "The Norhaven Ledger",
        "2026-07-18",
        "heat",
    )
    assert article["id"] == document_id("sample-corpus.jsonl:4")


def test_the_page_actor_list_beside_a_page_is_used(synchronous_run):
    """`reader actors` reads texts/NAME.actors.csv; so does the batch (Maliki's listed type)."""
    tables = load_batch(synchronous_run)
    page = tables["documents"].query("format == 'text' and outlet == 'The Arab Weekly'")["id"]
    mentions = tables["mentions"][tables["mentions"]["id"].isin(page)]
    assert "Nuri al-Maliki" in set(mentions["actor"])


def test_frames_of_the_batch_output_are_the_frames_of_the_corpus(synchronous_run, corpus, tmp_path):
    out = tmp_path / "jsonl-only"
    run_batch([str(corpus / "sample-corpus.jsonl")], out, scheduler="synchronous", batch_size=4)
    assert command("frames", str(out), "--json") == command(
        "frames", str(corpus / "sample-corpus.jsonl"), "--json"
    )
    without = compare_outlets(out, speakers=False, actors=False)
    assert (
        without.to_json()
        == compare_outlets(corpus / "sample-corpus.jsonl", speakers=False, actors=False).to_json()
    )
    assert without.speakers.empty and without.actors.empty
    pages = tmp_path / "pages-only"
    flat = tmp_path / "flat"
    shutil.copytree(corpus / "pages", flat, ignore=shutil.ignore_patterns("sub"))
    shutil.copy(corpus / "pages" / "sub" / "ledger.txt", flat / "ledger.txt")
    run_batch([str(flat)], pages, scheduler="synchronous")
    assert command("frames", str(pages), "--json") == command("frames", str(flat), "--json")


# --------------------------------------------------------------------------- resuming


def test_a_rerun_does_only_the_batches_not_finished(synchronous_run, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(synchronous_run, out)
    done = sorted((out / "done").iterdir())
    assert len(done) == 4  # 3 documents a batch: the 2 pages, then the corpus's 9 lines
    for lost in done[1:3]:  # as if killed after writing some parts of these two
        lost.unlink()
        (out / "quotes" / f"{lost.stem}.parquet").unlink()
    (out / "documents" / ".00003-x.parquet.1234.tmp").write_bytes(b"half")
    kept = {path.name: path.stat().st_mtime_ns for path in (out / "done").iterdir()}
    inputs = [str(corpus / "pages"), str(corpus / "sample-corpus.jsonl")]
    summary = run_batch(inputs, out, scheduler="synchronous", batch_size=3)
    assert (summary.batches, summary.batches_before) == (4, 2)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [b["run"] for b in manifest["batches"]] == [1, 2, 2, 1]
    assert [r["batches_done"] for r in manifest["runs"]] == [2, 2]  # what stands of run 1
    assert {
        p.name: p.stat().st_mtime_ns for p in (out / "done").iterdir() if p.name in kept
    } == kept
    assert not list((out / "documents").glob(".*.tmp"))
    tables_equal(out, synchronous_run)


def test_a_changed_page_is_done_again_and_only_its_batch(corpus, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(corpus / "pages", pages)
    out = tmp_path / "out"
    run_batch([str(pages)], out, stages="clean", scheduler="synchronous", batch_size=1)
    before = sorted(p.name for p in (out / "done").iterdir())
    ledger = pages / "sub" / "ledger.txt"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    summary = run_batch([str(pages)], out, stages="clean", scheduler="synchronous", batch_size=1)
    after = sorted(p.name for p in (out / "done").iterdir())
    assert summary.batches_before == 1 and len(before) == len(after) == 2
    assert before[0] == after[0] and before[1] != after[1]
    text = load_batch(out)["documents"].set_index("source").loc[str(ledger.resolve()), "text"]
    assert text.endswith("A new closing line.")


def test_a_killed_run_finishes_with_the_tables_of_an_uninterrupted_one(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(6):
        shutil.copy(SAMPLE_PAGE, corpus / f"page{number}.txt")
    shutil.copy(SAMPLE_CORPUS, corpus / "corpus.jsonl")
    argv = [sys.executable, "-m", "reader.cli", "batch", str(corpus), "--batch-size", "1"]
    argv += ["--scheduler", "synchronous"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = tmp_path / "killed"
    process = subprocess.Popen([*argv, "-o", str(killed)], env=environment, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list((killed / "done").glob("*.json"))) < 2 and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before it could be killed"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_first = {p.name: p.stat().st_mtime_ns for p in (killed / "done").iterdir()}
    assert 2 <= len(finished_first) < 15
    again = subprocess.run(
        [*argv, "-o", str(killed)], env=environment, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert f"{len(finished_first)} batches finished before, not redone" in again.stdout
    whole = tmp_path / "whole"
    subprocess.run([*argv, "-o", str(whole)], env=environment, check=True, capture_output=True)
    tables_equal(killed, whole)
    runs = json.loads((killed / "manifest.json").read_text())["runs"]
    assert runs[0]["interrupted"] and runs[0]["batches_done"] == len(finished_first)
    assert runs[1]["batches_done"] == 15 - len(finished_first)
    assert {p: m for p, m in finished_first.items()} == {
        p.name: p.stat().st_mtime_ns
        for p in (killed / "done").iterdir()
        if p.name in finished_first
    }


# --------------------------------------------------------------------------- failures


def test_bad_documents_are_recorded_and_the_run_goes_on(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE_PAGE, corpus / "good.txt")
    (corpus / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog\x00\xff\xfe trailer")
    (corpus / "notes.md").write_text("# notes\n", encoding="utf-8")
    (corpus / "broken.tar.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    lines = [
        '{"outlet": "Daily A", "text": "The council voted on Tuesday."}',
        '{"outlet": "Daily A", "text": ',
        '{"text": "No outlet here."}',
        "",
        '{"outlet": "Daily B", "text": "1234 5678"}',
        '{"outlet": "Daily C", "text": "A lone \\ud800 surrogate."}',
    ]
    (corpus / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(corpus)], out, scheduler="synchronous")
    documents = load_batch(out)["documents"]
    by_source = documents.set_index("source")
    status = by_source["status"].to_dict()
    error = by_source["error"].to_dict()

    def at(name: str) -> str:
        return str((corpus / name).resolve())

    assert status[at("good.txt")] == "ok"
    assert status[at("binary.txt")] == "failed"
    assert "looks like a binary file" in error[at("binary.txt")]
    assert error[at("empty.txt")] == f"clean: {at('empty.txt')} is empty: there is no text to read"
    assert status[at("broken.pdf")] == "failed"  # no PDF reader yet: its one-line error
    assert status[at("notes.md")] == "skipped"
    assert error[at("broken.tar.gz")].startswith("read: not a readable archive")
    jsonl = at("articles.jsonl")
    assert status[f"{jsonl}:1"] == "ok"
    assert error[f"{jsonl}:2"].startswith("read: line 2: not valid JSON")
    assert error[f"{jsonl}:3"] == "read: line 3: missing field 'outlet'"
    assert f"{jsonl}:4" not in status  # a blank line is no article
    # no words to clean, but `reader frames` would read it: its passage is kept
    assert status[f"{jsonl}:5"] == "partial" and "has no words in it" in error[f"{jsonl}:5"]
    assert error[f"{jsonl}:6"] == "read: line 6: the text holds a lone surrogate (not Unicode text)"
    assert len(documents) == 11 and summary.statuses["ok"] == 2
    assert all("\n" not in message for message in documents["error"].dropna())


def test_a_document_over_the_time_limit_is_stopped_and_recorded(tmp_path, monkeypatch):
    import reader.claims

    real = reader.claims.suggest_claims

    def endless(document, *args, **kwargs):
        while len(document.text) > 100:  # a corpus article (not the workers' warm-up)
            time.sleep(0.01)
        return real(document, *args, **kwargs)

    monkeypatch.setattr(reader.claims, "suggest_claims", endless)
    shutil.copy(SAMPLE_CORPUS, tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    started = time.monotonic()
    run_batch([str(tmp_path / "corpus.jsonl")], out, scheduler="synchronous", time_limit=0.2)
    assert time.monotonic() - started < 30
    tables = load_batch(out)
    assert set(tables["documents"]["error"]) == {"claims: stopped after 0.2 s (time limit)"}
    assert set(tables["documents"]["status"]) == {"partial"}
    assert len(tables["quotes"]) > 0 and len(tables["claim_suggestions"]) == 0


# --------------------------------------------------------------------------- archives


def archive_of_pages(tmp_path: Path, kind: str) -> Path:
    files = [SAMPLE_PAGE, *SIDECARS]
    if kind == "zip":
        path = tmp_path / "pages.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for file in files:
                archive.write(file, f"issue1/{file.name}")
            archive.writestr("issue1/README.md", "not a page")
        return path
    path = tmp_path / ("pages.tar" if kind == "tar" else "pages.tar.gz")
    with tarfile.open(path, "w" if kind == "tar" else "w:gz") as archive:
        for file in files:
            archive.add(file, f"issue1/{file.name}")
    return path


@pytest.mark.parametrize("kind", ["tar", "tar.gz", "zip"])
def test_archive_members_are_read_as_the_pages_they_hold(kind, tmp_path):
    archive = archive_of_pages(tmp_path, kind)
    out = tmp_path / "out"
    run_batch([str(archive)], out, stages="clean,actors,quotes", scheduler="synchronous")
    tables = load_batch(out)
    documents = tables["documents"].set_index("source")
    member = f"{archive.resolve()}!issue1/{SAMPLE_PAGE.name}"
    page = documents.loc[member]
    assert page["status"] == "ok" and page["outlet"] == "The Arab Weekly"  # its meta.json
    assert page["id"] == document_id(f"{archive.name}!issue1/{SAMPLE_PAGE.name}")
    expected = {
        name: command(name, str(SAMPLE_PAGE), "--json") for name in ("clean", "actors", "quotes")
    }
    assert document_json(tables, page["id"]) == expected  # its actor list was read too
    if kind == "zip":
        assert documents.loc[f"{archive.resolve()}!issue1/README.md", "status"] == "skipped"


# --------------------------------------------------------------------------- planning


def test_jsonl_ranges_cover_every_line_once(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b"a\nbb\n\nccc\nd")  # the last line has no line end
    ranges = list(line_ranges(corpus, 2))
    assert [(start, end, line, lines) for start, end, line, lines, _ in ranges] == [
        (0, 5, 1, 2),
        (5, 10, 3, 2),
        (10, 11, 5, 1),
    ]


def test_the_same_inputs_plan_the_same_batches(corpus, tmp_path):
    inputs = [str(corpus / "pages"), str(corpus / "sample-corpus.jsonl")]
    first = make_plan(inputs, tmp_path / "a", batch_size=2)
    second = make_plan(list(reversed(inputs))[::-1], tmp_path / "b", batch_size=2)
    assert [b.name for b in first.batches] == [b.name for b in second.batches]
    assert first.documents == 11 and len(first.batches) == 1 + 5
    assert (tmp_path / "a" / "plan" / "pages.jsonl").read_bytes() == (
        tmp_path / "b" / "plan" / "pages.jsonl"
    ).read_bytes()


def test_a_folder_given_twice_or_an_output_inside_an_input_is_read_once(corpus, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(corpus / "pages", pages)
    out = pages / "out"
    plan = make_plan([str(pages), str(pages / SAMPLE_PAGE.name)], out, batch_size=10)
    assert plan.documents == 2
    run_batch([str(pages)], out, stages="clean", scheduler="synchronous")
    again = make_plan([str(pages)], out, batch_size=10)
    assert again.documents == 2  # the tables written under pages/out are no input


# --------------------------------------------------------------------------- the command


def test_bad_command_lines_get_one_line_and_status_2(tmp_path, capsys):
    assert cli.main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"reader batch: no such file or folder: {tmp_path / 'missing'}"
    )
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["batch", str(SAMPLE_CORPUS), "-o", str(busy)]) == 2
    assert "not empty and holds no batch output" in capsys.readouterr().err
    assert (busy / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (
        cli.main(
            ["batch", str(SAMPLE_CORPUS), "-o", str(tmp_path / "o"), "--stages", "clean,vibes"]
        )
        == 2
    )
    assert "unknown stage 'vibes'" in capsys.readouterr().err


def test_another_run_into_the_same_folder_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    run_batch([str(SAMPLE_CORPUS)], out, stages="clean", scheduler="synchronous")
    with pytest.raises(BatchError, match="holds the tables of other inputs"):
        run_batch([str(SAMPLE_PAGE)], out, stages="clean", scheduler="synchronous")
    with pytest.raises(BatchError, match="holds a run of the stages clean"):
        run_batch([str(SAMPLE_CORPUS)], out, stages="clean,quotes", scheduler="synchronous")
    run_batch([str(SAMPLE_PAGE)], out, stages="clean", scheduler="synchronous", overwrite=True)
    assert len(load_batch(out)["documents"]) == 1


def test_the_command_prints_a_summary(tmp_path, capsys):
    code = cli.main(
        ["batch", str(SAMPLE_CORPUS), "-o", str(tmp_path / "o"), "--scheduler", "synchronous"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(f"9 documents (9 ok) in 1 batches under {tmp_path / 'o'}")
    assert "0 batches finished before, not redone" in out


# --------------------------------------------------------------------------- corpus views


def test_corpus_views_over_the_tables(synchronous_run):
    tables = load_batch(synchronous_run)
    speakers = top_speakers(tables, n=2)
    assert speakers.groupby("outlet").size().max() <= 2
    printed_by = dict(zip(tables["documents"]["id"], tables["documents"]["outlet"]))
    quotes = tables["quotes"].assign(outlet=tables["quotes"]["id"].map(printed_by))
    first = speakers.iloc[0]
    counted = quotes[
        (quotes["outlet"] == first["outlet"]) & (quotes["speaker"] == first["speaker"])
    ]
    assert first["quotes"] == len(counted[counted["kind"] == "statement"])
    pairs = actor_cooccurrence(tables)
    assert list(pairs.columns) == ["actor_a", "actor_b", "sentences", "documents"]
    assert (pairs["actor_a"] < pairs["actor_b"]).all() and pairs[
        "sentences"
    ].is_monotonic_decreasing
    over_time = outlets_over_time(tables)
    ledger = over_time[over_time["outlet"] == "The Norhaven Ledger"]
    assert list(ledger["period"]) == ["2026-03", "2026-07", "2026-10"]
    assert list(ledger["documents"]) == [1, 1, 1]


# --------------------------------------------------------------------------- Dask


def test_a_local_cluster_of_two_processes_writes_the_same_tables(synchronous_run, corpus, tmp_path):
    out = tmp_path / "out"
    inputs = [str(corpus / "pages"), str(corpus / "sample-corpus.jsonl")]
    summary = run_batch(inputs, out, workers=2, batch_size=3)
    assert summary.batches == 4 and not summary.batches_failed
    workers = {json.loads(p.read_text())["pid"] for p in (out / "done").iterdir()}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2
    tables_equal(out, synchronous_run)
