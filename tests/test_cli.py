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
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
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


def test_new_page_refuses_a_binary_file(tmp_path, capsys):
    source = tmp_path / "scan.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = run(capsys, "new-page", str(source), "--texts", str(tmp_path / "texts"))
    assert code == 2 and "binary" in err
    assert not (tmp_path / "texts" / "scan.txt").exists()


def test_lab_opens_jupyterlab_on_the_notebooks(capsys):
    code, out, _ = run(capsys, "lab", "--notebooks", str(ROOT / "notebooks"), "--print")
    assert code == 0
    command = out.split()
    assert command[1:3] == ["-m", "jupyterlab"]
    assert command[-1] == str(ROOT / "notebooks")
