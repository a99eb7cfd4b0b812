"""The `reader clean` command: the JSON contract, --explain, and bad input of every kind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252", for mojibake)
import pytest

from reader import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_clean_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "clean", str(SAMPLE), "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["articles"]) == 2
    for article in data["articles"]:
        assert set(article) == {"headline", "byline", "paragraphs", "captions"}
    assert data["articles"][1]["headline"] == "Iran and Russia cooperate amid suspicion"


def test_clean_text_is_the_text_offsets_refer_to(capsys):
    _, out, _ = run(capsys, "clean", str(SAMPLE))
    from reader import load_document

    assert out == load_document(SAMPLE).text + "\n"


def test_explain_shows_why_a_hyphen_stayed(capsys):
    code, out, _ = run(capsys, "clean", str(SAMPLE), "--explain")
    assert code == 0
    kept = [line for line in out.splitlines() if "keep-hyphen" in line and "Russian-made" in line]
    assert kept and "the page writes 'Russian-made'" in kept[0]
    assert any("drop-capital" in line for line in out.splitlines())


def test_standard_input_is_read_with_a_dash(capsys, monkeypatch):
    import io

    data = b"The council met on Mon-\nday to vote.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(capsys, "clean", "-")
    assert (code, out) == (0, "The council met on Monday to vote.\n")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("cp1252", errors="replace"),
        lambda t: t.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "windows-1252", "mojibake"],
)
def test_encodings_give_the_same_clean_text(tmp_path, capsys, encode):
    page = "“Russia’s visible pres-\nence,” Maliki said.\n\nLavrov said so.\n"
    path = tmp_path / "page.txt"
    path.write_bytes(encode(page))
    code, out, err = run(capsys, "clean", str(path))
    assert code == 0, err
    assert out == "“Russia’s visible presence,” Maliki said.\n\nLavrov said so.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n  \n", "is empty"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary"),
        (b"1234 5678 -- 42\n+++\n", "no words"),
    ],
    ids=["empty", "blank", "binary", "no-words"],
)
def test_bad_input_gets_one_line_error_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "clean", str(path))
    assert code == 2
    assert out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_and_folder_get_one_line_errors(tmp_path, capsys):
    code, _, err = run(capsys, "clean", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "clean", str(tmp_path))
    assert code == 2 and "folder" in err


def test_large_input_is_cleaned_piece_by_piece(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    path = tmp_path / "big.txt"
    path.write_text(SAMPLE_TEXT * 12, encoding="utf-8")
    code, out, _ = run(capsys, "clean", str(path), "--json")
    assert code == 0
    articles = json.loads(out)["articles"]
    paragraphs = [p for a in articles for p in a["paragraphs"]]
    assert len(paragraphs) == 12 * 35
    assert sum("Maliki" in p for p in paragraphs) > 100
    code, out, _ = run(capsys, "clean", str(path))
    assert out.count("We sincerely thank you") == 12


@pytest.mark.parametrize("encoding", ["cp1252", "mojibake"])
def test_large_windows_1252_or_mojibake_input_is_read_right_piece_by_piece(
    tmp_path, capsys, monkeypatch, encoding
):
    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    text = SAMPLE_TEXT * 12
    if encoding == "cp1252":
        data = text.encode("cp1252", errors="replace")
    else:  # UTF-8 bytes once read as Windows-1252 and saved again as UTF-8
        data = text.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    code, out, _ = run(capsys, "clean", str(path))
    assert code == 0
    assert out.count("We sincerely thank you,” Maliki told Putin. “Were") == 12
    assert "\ufffd" not in out and "â€" not in out


def test_long_work_reports_progress_to_a_terminal_and_nothing_to_a_pipe(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    monkeypatch.setattr(cli, "LONG_WORK_BYTES", 50_000)
    path = tmp_path / "big.txt"
    path.write_text(SAMPLE_TEXT * 12, encoding="utf-8")
    _, _, err = run(capsys, "clean", str(path))
    assert err == "", "a pipe or a log gets no progress lines"

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _, out, err = run(capsys, "clean", str(path))
    assert "reader: cleaned 0.1 of 0.1 MB" in err and "done" in err
    assert "reader:" not in out
    code, out, err = run(capsys, "actors", str(path), "--json")
    assert code == 0 and json.loads(out)["actors"]
    assert err.splitlines() == ["reader: cleaning 0.1 MB of text…", "reader: finding actors…"]


def test_console_script_is_installed():
    result = subprocess.run(
        [str(Path(sys.executable).parent / "reader"), "clean", str(SAMPLE), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"][0]["paragraphs"][0].startswith("Iraqi")


def test_new_page_adds_page_metadata_and_empty_actor_list(tmp_path, capsys):
    source = tmp_path / "My Page (OCR).txt"
    source.write_text("The council met on Mon-\nday.\n", encoding="utf-8")
    texts = tmp_path / "texts"
    argv = ["new-page", str(source), "--texts", str(texts), "--publication", "The Daily"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert (texts / "my-page-ocr.txt").read_text(encoding="utf-8").startswith("The council")
    meta = json.loads((texts / "my-page-ocr.meta.json").read_text(encoding="utf-8"))
    assert meta["publication"] == "The Daily" and meta["title"] == ""
    header = (texts / "my-page-ocr.actors.csv").read_text(encoding="utf-8")
    assert header == "name,type,aliases,colour,description\n"
    code, _, err = run(capsys, *argv)
    assert code == 2 and "exists already" in err


def test_new_page_refuses_a_broken_scan_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "scan.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, "new-page", str(source), "--texts", str(tmp_path / "texts"))
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "texts").exists()


def test_lab_opens_jupyterlab_on_the_notebooks(capsys):
    code, out, _ = run(capsys, "lab", "--notebooks", str(ROOT / "notebooks"), "--print")
    assert code == 0
    command = out.split()
    assert command[1:3] == ["-m", "jupyterlab"]
    assert command[-1] == str(ROOT / "notebooks")


def test_a_stray_byte_is_one_warning_line_and_a_decoding_decision(tmp_path, capsys):
    lines = SAMPLE_TEXT.encode("utf-8").split(b"\n")
    lines[11] = b"\xff" + lines[11]
    path = tmp_path / "page.txt"
    path.write_bytes(b"\n".join(lines))
    code, out, err = run(capsys, "clean", str(path))
    assert code == 0
    assert err == f"reader clean: {path}: 1 byte at line 12 was not UTF-8; read as Windows-1252\n"
    assert "\ufffd" not in out and out.count("“") == SAMPLE_TEXT.count("“")
    code, out, err = run(capsys, "clean", str(path), "--explain")
    assert (
        out.splitlines()[0] == "line 12: decode: '0xff' -> 'ÿ'  (not UTF-8: read as Windows-1252)"
    )
    assert err.count("\n") == 1


def test_a_big_windows_1252_file_ascii_at_its_start_is_read_as_windows_1252(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    ascii_start = "The council met on Monday to vote on the budget.\n\n" * 1500  # 75 KB
    quoted = "“We sincerely thank you,” Maliki told Putin. “Were it not for you…”\n\n" * 500
    path = tmp_path / "big.txt"
    path.write_bytes((ascii_start + quoted).encode("cp1252"))
    assert path.stat().st_size > cli.STREAMING_THRESHOLD
    code, out, err = run(capsys, "clean", str(path))
    assert code == 0
    assert "\ufffd" not in out
    assert out.count("“We sincerely thank you,” Maliki told Putin.") == 500
    not_ascii = sum(not ch.isascii() for ch in quoted)
    assert err == (
        f"reader clean: {path}: not UTF-8, read as Windows-1252: {not_ascii:,} bytes on 500 lines"
        " (lines 3,001, 3,003, 3,005, …) were not UTF-8\n"
    )


def streamed_and_whole_json(capsys, path: Path) -> tuple[dict, dict]:
    from reader.clean import clean_page
    from reader.clean.pagefile import read_page

    code, out, err = run(capsys, "clean", str(path), "--json")
    assert code == 0, err
    return json.loads(out), clean_page(read_page(path)).document.to_json()


def test_streamed_json_is_the_json_of_the_page_cleaned_whole(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    monkeypatch.setattr(cli, "STREAMING_CHUNK_CHARS", 15_000)  # an article goes over each cut
    path = tmp_path / "big.txt"
    path.write_text(SAMPLE_TEXT * 12, encoding="utf-8")
    streamed, whole = streamed_and_whole_json(capsys, path)
    assert len(streamed["articles"]) == len(whole["articles"]) == 13
    assert streamed == whole


def test_a_page_over_4_mb_streamed_gives_the_json_of_the_page_cleaned_whole(tmp_path, capsys):
    path = tmp_path / "big.txt"
    path.write_text(SAMPLE_TEXT * 420, encoding="utf-8")
    assert path.stat().st_size > cli.STREAMING_THRESHOLD
    streamed, whole = streamed_and_whole_json(capsys, path)
    assert len(streamed["articles"]) == len(whole["articles"]) == 421
    assert streamed == whole


def test_explain_on_a_big_page_lists_decisions_piece_by_piece(tmp_path, capsys, monkeypatch):
    from reader.clean import streaming

    monkeypatch.setattr(cli, "STREAMING_THRESHOLD", 50_000)
    monkeypatch.setattr(cli, "STREAMING_CHUNK_CHARS", 15_000)
    cleaned_sizes = []

    def clean_page(text, *args, **kwargs):
        cleaned_sizes.append(len(text))
        return real_clean_page(text, *args, **kwargs)

    real_clean_page = streaming.clean_page
    monkeypatch.setattr(streaming, "clean_page", clean_page)
    page = SAMPLE_TEXT * 12
    path = tmp_path / "big.txt"
    path.write_text(page, encoding="utf-8")
    code, out, _ = run(capsys, "clean", str(path), "--explain")
    assert code == 0 and max(cleaned_sizes) < len(page) / 2, "the page is cleaned in pieces"
    decisions, text = out.split("\n\n", 1)
    _, plain, _ = run(capsys, "clean", str(path))
    assert text == plain
    lines = page.split("\n")
    drop_capitals = [line for line in decisions.splitlines() if ": join-drop-capital: " in line]
    assert len(drop_capitals) == 24
    for decision in drop_capitals:  # each names the line the capital stands on in the page
        number = int(decision.split(":")[0].removeprefix("line "))
        assert lines[number - 1].strip() == "I"


def run_command(*argv: str, before=None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``reader`` in a fresh process (``before`` runs in it first, to close a stream)."""
    import os
    import resource

    import reader

    def start() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))  # the old code filled memory
        if before is not None:
            before()

    env = {**os.environ, "PYTHONPATH": str(Path(reader.__file__).resolve().parent.parent)}
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=start,
        env=env,
        check=False,
    )


def test_a_device_that_never_ends_is_refused_at_once():
    result = run_command("clean", "/dev/zero", timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "reader clean: /dev/zero: this looks like a binary file, not a text page"
        " (save the page as .txt)\n"
    )


@pytest.mark.parametrize(
    ("stream", "argv", "message"),
    [
        (1, ("clean", str(SAMPLE)), "reader clean: standard output is closed\n"),
        (
            0,
            ("clean", "-"),
            "reader clean: standard input is closed: give a page file, or pipe a page in\n",
        ),
    ],
    ids=["stdout", "stdin"],
)
def test_a_closed_standard_stream_is_one_line_and_exit_2(stream, argv, message):
    import os

    result = run_command(*argv, before=lambda: os.close(stream))
    assert (result.returncode, result.stderr) == (2, message)


def test_a_closed_standard_error_keeps_the_error_off_standard_output(tmp_path):
    import os

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_command("clean", str(empty), before=lambda: os.close(2))
    assert (result.returncode, result.stdout) == (2, "")


def test_a_reader_that_stops_early_gets_a_quiet_exit(tmp_path):
    import os

    import reader

    path = tmp_path / "big.txt"
    path.write_text(SAMPLE_TEXT * 500, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(reader.__file__).resolve().parent.parent)}
    for argv in (["clean", str(path), "--json"], ["clean", str(path), "--explain"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "reader.cli", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""
        process.stderr.close()
