"""The ``reader`` command: each sub-command runs one stage of the pipeline on a page.

Every command takes a page path (or ``-`` for standard input) and, on bad input,
exits with status 2 and one line on standard error, never a traceback.
Offsets in the JSON outputs refer to the clean text that ``reader clean PAGE`` prints.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import warnings
from pathlib import Path

from reader.clean.pagefile import PageError, PageWarning, load_page, read_page
from reader.sources import file_kind

# Pages bigger than this are cleaned piece by piece, in bounded memory, in
# pieces of about this many characters.
STREAMING_THRESHOLD = 4 * 2**20
STREAMING_CHUNK_CHARS = 1_000_000
# Work on inputs bigger than this takes seconds: say what is happening.
LONG_WORK_BYTES = 2**20


class CommandError(Exception):
    """A problem the user can fix; printed as one line."""


def _print_json(data: dict) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def tell(message: str, end: str = "\n") -> None:
    """Progress on standard error, only when a person watches it (a terminal, not a pipe)."""
    if sys.stderr.isatty():
        print(f"reader: {message}", end=end, file=sys.stderr, flush=True)


def _load_document(page: str, next_step: str = ""):
    return _clean_file(page, next_step=next_step).document


def _clean_file(page: str, skip=(), next_step: str = ""):
    """Clean a page of any kind, saying on standard error what takes long (big text, many pages)."""
    from reader.clean.files import clean_file

    is_file = page != "-" and Path(page).is_file()
    long_work = is_file and Path(page).stat().st_size > LONG_WORK_BYTES
    if long_work and file_kind(page) == "text":
        tell(f"cleaning {Path(page).stat().st_size / 1e6:.1f} MB of text…")

    def progress(done: int, total: int) -> None:
        tell(f"read page {done} of {total}", end="\r" if done < total else "\n")

    result = clean_file(page, skip=skip, progress=progress)
    if long_work and next_step:
        tell(f"{next_step}…")
    return result


def _streams(page: str) -> bool:
    """Whether a page is text too big to clean whole: it is cleaned piece by piece."""
    if page == "-" or not Path(page).is_file():
        return False
    return Path(page).stat().st_size > STREAMING_THRESHOLD and file_kind(page) == "text"


def cmd_clean(args: argparse.Namespace) -> None:
    from reader.clean.repairs import repairs_to_skip
    from reader.clean.streaming import decoding_decisions

    if args.repairs:
        _list_repairs()
        return
    if args.page is None:
        raise CommandError("give a page file (or - for standard input), or --repairs")
    args.skip = repairs_to_skip(filter(None, (args.skip or "").split(",")))
    explain_to = sys.stderr if args.json else sys.stdout
    if _streams(args.page):
        _clean_streaming(args, Path(args.page).stat().st_size)
        return
    from reader.clean.files import clean_text_page

    if file_kind(args.page) == "text":
        page = load_page(args.page)
        decisions = decoding_decisions(page.decoding)
        result = clean_text_page(page.text, source=args.page, skip=args.skip)
    else:
        decisions = []
        result = _clean_file(args.page, skip=args.skip)
    if args.explain:
        for decision in decisions + result.decisions:
            print(decision.describe(), file=explain_to)
        if not args.json:
            print()
    if args.json:
        data = result.document.to_json()
        if result.meta.to_json():
            data["meta"] = result.meta.to_json()
        _print_json(data)
    else:
        sys.stdout.write(result.document.text + "\n")


def _list_repairs() -> None:
    """``reader clean --repairs``: every repair, in order, and how often it acts on the sample page."""
    from reader import SAMPLE_PAGE
    from reader.clean.cleaner import clean_page
    from reader.clean.repairs import REPAIRS, RULES, repair_counts, rule_counts

    counts: dict[str, int] = {}
    if SAMPLE_PAGE.is_file():
        decisions = clean_page(read_page(SAMPLE_PAGE)).decisions
        counts = repair_counts(decisions) | rule_counts(decisions)
    rules = [(rule, decision) for decision, listed in RULES.items() for rule in listed]
    width = max(len(name) for name in [r.name for r in REPAIRS] + [r.name for r, _ in rules])
    print(f"{'repair':<{width}}  sample  pages            fixes")
    for repair in REPAIRS:
        count = counts.get(repair.name, "-")
        print(f"{repair.name:<{width}}  {count:>6}  {repair.pages:<15}  {repair.fixes}")
    print(f"\n{'rule':<{width}}  sample  decides            what it tells (the first that answers)")
    for rule, decision in rules:
        count = counts.get(rule.name, "-")
        print(f"{rule.name:<{width}}  {count:>6}  {decision:<17}  {rule.tells}")
    where = SAMPLE_PAGE.name if counts else "the sample page (missing)"
    print(f"\nsample: how often each acted on {where}; switch one off with --skip NAME[,NAME]")


def _clean_streaming(args: argparse.Namespace, size: int) -> None:
    """Clean a big page piece by piece; ``--explain`` lists the decisions as they are made."""
    import shutil
    import tempfile

    from reader.clean.streaming import clean_page_file_streaming

    def progress(done: int) -> None:
        tell(f"cleaned {done / 1e6:.1f} of {size / 1e6:.1f} MB", end="\r")

    def clean(out, explain=None) -> None:
        clean_page_file_streaming(
            args.page,
            out,
            as_json=args.json,
            progress=progress,
            explain=explain,
            chunk_chars=STREAMING_CHUNK_CHARS,
            skip=args.skip,
        )

    if not args.explain:
        clean(sys.stdout)
    elif args.json:
        clean(sys.stdout, explain=sys.stderr)
    else:
        # As for a small page: the decisions, a blank line, the text; the text waits on disk.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as text:
            clean(text, explain=sys.stdout)
            print()
            text.seek(0)
            shutil.copyfileobj(text, sys.stdout)
    tell("done" + " " * 30)


def cmd_actors(args: argparse.Namespace) -> None:
    from reader.actors import actors_json

    if _streams(args.page):
        _actors_streaming(args.page, Path(args.page).stat().st_size)
        return
    document = _load_document(args.page, "finding actors")
    _print_json(actors_json(document, page_path=args.page))


def _actors_streaming(page: str, size: int) -> None:
    """The actors of a big page in bounded memory: the page is cleaned piece by piece
    into a temporary file (the text ``reader clean PAGE`` prints), whose actors are then
    found a piece at a time; offsets are offsets into that whole clean text."""
    import tempfile

    from reader.actors import write_actors_json_in_pieces
    from reader.clean.streaming import clean_page_file_streaming

    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as clean_text:
        tell(f"cleaning {size / 1e6:.1f} MB of text…")
        clean_page_file_streaming(page, clean_text)
        clean_text.seek(0)
        tell("finding actors…")
        write_actors_json_in_pieces(clean_text, sys.stdout, page_path=page)


def cmd_quotes(args: argparse.Namespace) -> None:
    from reader.quotes import quotes_json

    _print_json(quotes_json(_load_document(args.page, "finding quotations")))


def cmd_frames(args: argparse.Namespace) -> None:
    from reader.framing import frames_json

    _print_json(frames_json(args.source))


def _refuse_to_write_over_inputs(page: str, output: str, annotations: str | None) -> None:
    """Stop ``export`` before it writes HTML over the page or an annotation file it reads."""
    from reader.annotations import annotation_files

    target = Path(output)
    if not target.is_file():
        return  # a new file (or a folder, refused when writing) cannot be an input
    inputs: list[tuple[Path, str]] = [] if page == "-" else [(Path(page), "the page")]
    if annotations:
        source = Path(annotations)
        files = annotation_files(source, Path(page).stem) if source.is_dir() else [source]
        inputs += [(path, "an annotation file") for path in files]
    for path, what in inputs:
        if path.is_file() and os.path.samefile(path, target):
            raise CommandError(f"-o {output} is {what} it reads; give another file name")


def cmd_batch(args: argparse.Namespace) -> None:
    """Every document of the inputs through the stages, on Dask, into Parquet under OUT/."""
    from reader.batch import run_batch

    shown = [""]

    def progress(state) -> None:
        shown[0] = state.describe()
        tell(shown[0] + " " * 8, end="\r")

    try:
        summary = run_batch(
            args.inputs,
            args.output,
            stages=args.stages,
            workers=args.workers,
            scheduler=args.scheduler,
            batch_size=args.batch_size,
            time_limit=args.time_limit or None,
            overwrite=args.overwrite,
            progress=progress,
        )
    except KeyboardInterrupt:
        tell(shown[0])
        print(
            f"reader batch: interrupted; finished batches are kept in {args.output}: "
            "run the same command again to do the rest",
            file=sys.stderr,
        )
        raise SystemExit(130) from None
    tell(shown[0])  # the last progress line stays, on a line of its own
    for line in summary.lines():
        print(line)
    if summary.batches_failed:
        print(
            f"reader batch: {len(summary.batches_failed)} batches failed; "
            "run the same command again to retry them",
            file=sys.stderr,
        )
        raise SystemExit(1)


def cmd_export(args: argparse.Namespace) -> None:
    from reader.export import export_page

    _refuse_to_write_over_inputs(args.page, args.output, args.annotations)
    written = export_page(args.page, args.output, annotations=args.annotations)
    print(f"wrote {written}")


def cmd_demo(args: argparse.Namespace) -> None:
    """The main job on the sample page: clean it, save its JSON, export the annotated HTML."""
    from reader import SAMPLE_PAGE
    from reader.annotations import write_atomically
    from reader.clean import clean_page
    from reader.export import write_demo

    if not SAMPLE_PAGE.is_file():
        raise CommandError(f"the sample page is missing: {SAMPLE_PAGE} (run from a checkout)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    document = clean_page(read_page(SAMPLE_PAGE), source=str(SAMPLE_PAGE)).document
    sys.stdout.write(document.text + "\n\n")
    json_path = out / f"{SAMPLE_PAGE.stem}.json"
    json_text = json.dumps(document.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomically(json_path, json_text.encode("utf-8"))
    print(f"wrote {json_path}")
    for line in write_demo(out):
        print(line)


def page_slug(name: str) -> str:
    """A file name for a page: lower case, words joined by hyphens, in any script.

    >>> page_slug("Arab Weekly: Maliki & Russia (p. 3)"), page_slug("Правда")
    ('arab-weekly-maliki-russia-p-3', 'правда')
    >>> page_slug("...")
    'page'
    """
    from reader.filenames import file_name_part

    return file_name_part(name, lower=True, keep="") or "page"


def _refuse_links(paths: list[Path]) -> None:
    """A page is never written through a symbolic link (``--force`` would replace what
    the link points to, anywhere on the disk): refuse, and say which link."""
    for path in paths:
        if path.is_symlink():
            raise CommandError(
                f"{path} is a symbolic link; reader does not write through links "
                "(remove it or choose --name)"
            )


def cmd_new_page(args: argparse.Namespace) -> None:
    """Add a page of one's own to texts/: the page, its metadata, an empty actor list.

    A page that is not plain text (a PDF, a scan, ALTO XML, a saved web page) is
    cleaned first: its clean text is the page, the original is kept beside it under
    the same name, and what the source says of itself (outlet, title, date, author,
    URL) fills the metadata where the options leave it empty.  Each file is written
    whole or not at all (a temporary file, then a rename), so a full disk leaves the
    old page, not an empty one.
    """
    from reader.annotations import write_atomically

    kind = file_kind(args.file)
    if kind == "text":
        text, said = read_page(args.file), {}  # refuses empty, binary and unreadable files
    else:
        result = _clean_file(args.file)
        text, said = result.document.text + "\n", result.meta.to_json()
    folder = Path(args.texts)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if kind == "text" else _original_suffix(args.file, kind)
    name = Path(args.file).name
    slug = page_slug(args.name or (name[: -len(suffix)] if suffix else Path(name).stem))
    page = folder / f"{slug}.txt"
    meta = folder / f"{slug}.meta.json"
    actors = folder / f"{slug}.actors.csv"
    original = folder / f"{slug}{suffix}" if suffix else None
    written = [p for p in (page, meta, actors, original) if p is not None]
    _refuse_links(written)
    existing = [p for p in written if p.exists()]
    if existing and not args.force:
        raise CommandError(f"{existing[0]} exists already; choose --name or add --force")
    metadata = {
        "title": args.title or said.get("title", ""),
        "publication": args.publication or said.get("outlet", ""),
        "language": args.language,
        "date": args.date or said.get("date", ""),
        "author": said.get("author", ""),
        "url": said.get("url", ""),
        "source": str(args.file),
    }
    if original is not None:
        write_atomically(original, Path(args.file).read_bytes())
    write_atomically(page, text.encode("utf-8"))
    write_atomically(meta, (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode())
    if not actors.exists():
        write_atomically(actors, b"name,type,aliases,colour,description\n")
    kept = f", the original {original.name}" if original is not None else ""
    print(f"added {page}{kept}, {meta.name} and {actors.name}")
    print(f"try: reader clean {page}")


def _original_suffix(path: str, kind: str) -> str:
    """The suffix an original keeps beside its clean text (``.alto.xml`` stays whole).

    >>> _original_suffix("scans/page03.alto.xml", "alto"), _original_suffix("a.PDF", "pdf")
    ('.alto.xml', '.pdf')
    """
    suffixes = [suffix.lower() for suffix in Path(path).suffixes[-2:]]
    if len(suffixes) == 2 and suffixes[0] in (".alto", ".hocr"):
        return "".join(suffixes)
    return suffixes[-1] if suffixes else f".{kind}"


def lab_command(notebooks: Path, jupyter_options: list[str]) -> list[str]:
    """The JupyterLab command line that `reader lab` runs.

    JupyterLab asks on every notebook whether to fetch its news feed; a classroom may be
    offline, and students should not be asked. The kit ships a settings override
    (``reader/data/lab/overrides.json``) that answers "no", and the command points
    JupyterLab's application settings at it. Options of its own come last, so a person
    can still override anything (``--port 9000``, ``--allow-root``).

    >>> lab_command(Path("notebooks"), ["--allow-root"])[-2:]
    ['notebooks', '--allow-root']
    """
    settings = Path(__file__).resolve().parent / "data" / "lab"
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        "--LabApp.news_url=None",
        f"--LabApp.app_settings_dir={settings}",
        str(notebooks),
        *jupyter_options,
    ]


def cmd_lab(args: argparse.Namespace) -> None:
    """Open JupyterLab on the notebooks (or print the command with --print)."""
    import shlex
    import subprocess

    notebooks = Path(args.notebooks)
    if not notebooks.is_dir():
        raise CommandError(f"no notebooks folder at {notebooks} (run from the checkout)")
    command = lab_command(notebooks, args.jupyter_options)
    if args.print:
        print(shlex.join(command))
        return
    subprocess.run(command, check=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Clean news pages, find actors and quotes, compare outlets, export HTML.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean a page into articles and paragraphs")
    clean.add_argument("page", nargs="?", help="page file (.txt) or - for standard input")
    clean.add_argument("--json", action="store_true", help="print the articles as JSON")
    clean.add_argument("--explain", action="store_true", help="list every join and split decision")
    clean.add_argument(
        "--repairs", action="store_true", help="list the repairs the cleaner makes, and stop"
    )
    clean.add_argument(
        "--skip", metavar="NAME[,NAME]", help="switch these repairs off (see --repairs)"
    )
    clean.set_defaults(run=cmd_clean)

    actors = commands.add_parser("actors", help="people, states, organisations and outlets")
    actors.add_argument("page")
    actors.add_argument("--json", action="store_true", help="print JSON (the default)")
    actors.set_defaults(run=cmd_actors)

    quotes = commands.add_parser("quotes", help="who said what, through which outlet")
    quotes.add_argument("page")
    quotes.add_argument("--json", action="store_true", help="print JSON (the default)")
    quotes.set_defaults(run=cmd_quotes)

    frames = commands.add_parser("frames", help="compare how outlets frame the story")
    frames.add_argument("source", help="a page, a folder of pages, or a JSONL corpus")
    frames.add_argument("--json", action="store_true", help="print JSON (the default)")
    frames.set_defaults(run=cmd_frames)

    batch = commands.add_parser(
        "batch",
        help="run every document of folders, JSONL corpora or archives into Parquet tables",
        description="Run every document of the inputs through the stages on Dask, into "
        "Parquet tables under OUT/ (documents, articles, paragraphs, mentions, quotes, "
        "claim_suggestions, frame_passages). Run again, it does only what is not finished.",
    )
    batch.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a folder (read recursively), a glob pattern, a .jsonl corpus, a .tar/.zip "
        "archive of pages, or a page",
    )
    batch.add_argument("-o", "--output", required=True, metavar="OUT", help="folder for the tables")
    batch.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="an existing dask.distributed scheduler (tcp://HOST:8786), whose workers see the "
        "inputs and OUT at the same paths; 'synchronous' runs all in this process",
    )
    batch.add_argument(
        "--stages",
        default="clean,actors,quotes,claims,frames",
        help="stages to run, comma-separated (default: all: clean,actors,quotes,claims,frames)",
    )
    batch.add_argument("--batch-size", type=int, help="documents per task (default: 20 to 250)")
    batch.add_argument(
        "--time-limit",
        type=float,
        default=600.0,
        metavar="SECONDS",
        help="stop a document that takes longer and record it (default: 600; 0: no limit)",
    )
    batch.add_argument(
        "--overwrite", action="store_true", help="start again in an OUT of another run"
    )
    batch.set_defaults(run=cmd_batch)

    export = commands.add_parser("export", help="write the annotated page as standalone HTML")
    export.add_argument("page")
    export.add_argument("-o", "--output", required=True, help="the .html file to write")
    export.add_argument("--annotations", help="an annotation file or a folder of them")
    export.set_defaults(run=cmd_export)

    demo = commands.add_parser("demo", help="export the sample page's annotated HTML")
    demo.add_argument("--out", default="out", help="folder to write into (default: out)")
    demo.set_defaults(run=cmd_demo)

    new_page = commands.add_parser("new-page", help="add a page of your own to texts/")
    new_page.add_argument(
        "file",
        help="the page file: text from OCR or pdftotext, a PDF, a scan, ALTO XML or a saved web page",
    )
    new_page.add_argument("--name", help="short name for the page (default: the file's name)")
    new_page.add_argument("--title", help="the article's title")
    new_page.add_argument("--publication", help="the newspaper or site")
    new_page.add_argument("--date", help="publication date, e.g. 2018-01-19")
    new_page.add_argument("--language", default="en", help="language code (default: en)")
    new_page.add_argument("--texts", default="texts", help="the pages folder (default: texts)")
    new_page.add_argument("--force", action="store_true", help="replace a page of that name")
    new_page.set_defaults(run=cmd_new_page)

    lab = commands.add_parser(
        "lab",
        help="open JupyterLab on the notebooks",
        usage="reader lab [--notebooks FOLDER] [--print] [JUPYTER OPTIONS...]",
        description="Open JupyterLab on the notebooks. Any option the kit does not know is "
        "passed on to JupyterLab as it is, e.g. `reader lab --allow-root --port=9000` "
        "(see `jupyter lab --help-all`).",
    )
    lab.add_argument("--notebooks", default="notebooks", help="folder (default: notebooks)")
    lab.add_argument("--print", action="store_true", help="only print the command")
    lab.set_defaults(passes_options_on=True)
    lab.set_defaults(run=cmd_lab)
    return parser


def main(argv: list[str] | None = None) -> int:
    if sys.stderr is None:  # started with standard error closed: errors go nowhere, the status says
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "passes_options_on", False):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.jupyter_options = unknown
    if sys.stdout is None:  # started with standard output closed (`reader clean PAGE >&-`)
        print(f"reader {args.command}: standard output is closed", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PageWarning)
        status = _run(args)
    for warning in caught:
        if issubclass(warning.category, PageWarning):
            print(f"reader {args.command}: {warning.message}", file=sys.stderr)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return status


def _run(args: argparse.Namespace) -> int:
    try:
        args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of our output went away (`reader actors PAGE | head`): not an error.
        _stdout_to_devnull()
        return 0
    except (PageError, CommandError, ValueError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        if isinstance(error, OSError) and error.errno == errno.EBADF:
            # `reader clean - 0>FILE`, `reader clean PAGE 1<FILE`: a stream open the wrong way.
            message = f"standard input or output is not open for this ({error.strerror})"
            _stdout_to_devnull()  # nothing more can be written to it, not even at exit
        print(f"reader {args.command}: {message}", file=sys.stderr)
        return 2
    return 0


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit has somewhere to go."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
