"""`reader new-page`: never through a symbolic link, whole files or none, names in any script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def a_page(folder: Path, name: str = "mine.txt", text: str = "The council met on Monday.\n"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_link_where_the_page_goes_is_refused_even_with_force(tmp_path, capsys):
    source = a_page(tmp_path)
    texts = tmp_path / "texts"
    texts.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n", encoding="utf-8")
    (texts / "mine.txt").symlink_to(victim)
    code, _, err = run(capsys, "new-page", str(source), "--texts", str(texts), "--force")
    assert code == 2
    assert err.startswith("reader new-page: ") and "symbolic link" in err
    assert len(err.strip().splitlines()) == 1
    assert victim.read_text(encoding="utf-8") == "someone else's file\n"
    assert (texts / "mine.txt").is_symlink()


def test_a_dangling_link_is_refused_and_its_target_not_created(tmp_path, capsys):
    source = a_page(tmp_path)
    texts = tmp_path / "texts"
    texts.mkdir()
    target = tmp_path / "elsewhere" / "made.json"
    target.parent.mkdir()
    (texts / "mine.meta.json").symlink_to(target)
    code, _, err = run(capsys, "new-page", str(source), "--texts", str(texts))
    assert code == 2 and "mine.meta.json is a symbolic link" in err
    assert not target.exists() and not (texts / "mine.txt").exists()


def test_a_full_disk_leaves_the_old_page_whole(tmp_path):
    resource = pytest.importorskip("resource")
    import signal

    texts = tmp_path / "texts"
    texts.mkdir()
    old = "the page as it was\n"
    (texts / "mine.txt").write_text(old, encoding="utf-8")
    big = a_page(tmp_path, "big.txt", "The council met on Monday and again on Tuesday.\n" * 2000)

    def a_disk_with_16_kb_free() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))

    argv = ["new-page", str(big), "--name", "mine", "--texts", str(texts), "--force"]
    done = subprocess.run(
        [sys.executable, "-m", "reader.cli", *argv],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        preexec_fn=a_disk_with_16_kb_free,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("reader new-page: ") and len(done.stderr.splitlines()) == 1
    assert (texts / "mine.txt").read_text(encoding="utf-8") == old
    assert sorted(p.name for p in texts.iterdir()) == ["mine.txt"]  # no temporary files left


@pytest.mark.parametrize(
    ("file_name", "slug"),
    [
        ("правда.txt", "правда"),
        ("الشرق الأوسط.txt", "الشرق-الأوسط"),
        ("Καθημερινή σελ. 3.txt", "καθημερινή-σελ-3"),
        ("人民日报.txt", "人民日报"),
        ("हिन्दी समाचार.txt", "हिन्दी-समाचार"),
        ("Le Monde – été.txt", "le-monde-été"),
    ],
)
def test_a_page_keeps_a_name_in_its_own_script(tmp_path, capsys, file_name, slug):
    source = a_page(tmp_path, file_name)
    texts = tmp_path / "texts"
    code, out, err = run(capsys, "new-page", str(source), "--texts", str(texts))
    assert code == 0, err
    assert (texts / f"{slug}.txt").read_text(encoding="utf-8") == source.read_text("utf-8")
    assert (texts / f"{slug}.meta.json").is_file() and (texts / f"{slug}.actors.csv").is_file()
    assert f"{slug}.txt" in out


@pytest.mark.parametrize(
    "name", ["../../outside", ".hidden", "a/b\\c", "..", "\u202egnp.exe", "x" * 400, "ab" * 200]
)
def test_a_name_never_leaves_the_folder_nor_hides(tmp_path, capsys, name):
    source = a_page(tmp_path)
    texts = tmp_path / "texts"
    code, _, err = run(capsys, "new-page", str(source), "--texts", str(texts), "--name", name)
    assert code == 0, err
    made = sorted(p.name for p in texts.iterdir())
    assert len(made) == 3 and all(not p.startswith((".", "-")) for p in made)
    assert all(len(p.encode("utf-8")) < 200 for p in made)
    assert sorted(tmp_path.iterdir()) == [tmp_path / "mine.txt", texts]


def test_slugs_of_latin_names_are_as_before():
    assert cli.page_slug("Arab Weekly: Maliki & Russia (p. 3)") == "arab-weekly-maliki-russia-p-3"
    assert cli.page_slug("My Page (OCR)") == "my-page-ocr"
    assert cli.page_slug("!!!") == "page"
