"""The ``reader`` command: each sub-command runs one stage of the pipeline on a page.

Every command takes a page path (or ``-`` for standard input) and, on bad input,
exits with status 2 and one line on standard error, never a traceback.
Offsets in the JSON outputs refer to the clean text that ``reader clean PAGE`` prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.pagefile import PageError, read_page

# Pages bigger than this are cleaned piece by piece, in bounded memory.
STREAMING_THRESHOLD = 4 * 2**20


class CommandError(Exception):
    """A problem the user can fix; printed as one line."""


def _print_json(data: dict) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _load_document(page: str):
    from reader.layout import clean_page

    return clean_page(read_page(page), source=None if page == "-" else page).document


def cmd_clean(args: argparse.Namespace) -> None:
    from reader.layout import clean_page, clean_page_file_streaming

    if args.page != "-" and Path(args.page).is_file() and not args.explain:
        if Path(args.page).stat().st_size > STREAMING_THRESHOLD:
            clean_page_file_streaming(args.page, sys.stdout, as_json=args.json)
            return
    result = clean_page(read_page(args.page), source=args.page)
    if args.explain:
        for decision in result.decisions:
            print(decision.describe(), file=sys.stderr if args.json else sys.stdout)
        if not args.json:
            print()
    if args.json:
        _print_json(result.document.to_json())
    else:
        sys.stdout.write(result.document.text + "\n")


def cmd_actors(args: argparse.Namespace) -> None:
    from reader.actors import actors_json

    _print_json(actors_json(_load_document(args.page), page_path=args.page))


def cmd_quotes(args: argparse.Namespace) -> None:
    from reader.quotes import quotes_json

    _print_json(quotes_json(_load_document(args.page)))


def cmd_frames(args: argparse.Namespace) -> None:
    from reader.framing import frames_json

    _print_json(frames_json(args.source))


def cmd_export(args: argparse.Namespace) -> None:
    from reader.export import export_page

    written = export_page(args.page, args.output, annotations=args.annotations)
    print(f"wrote {written}")


def cmd_demo(args: argparse.Namespace) -> None:
    """The main job on the sample page: clean it, save its JSON, export the annotated HTML."""
    from reader import SAMPLE_PAGE
    from reader.layout import clean_page

    if not SAMPLE_PAGE.is_file():
        raise CommandError(f"the sample page is missing: {SAMPLE_PAGE} (run from a checkout)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    document = clean_page(read_page(SAMPLE_PAGE), source=str(SAMPLE_PAGE)).document
    sys.stdout.write(document.text + "\n\n")
    json_path = out / f"{SAMPLE_PAGE.stem}.json"
    json_path.write_text(
        json.dumps(document.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {json_path}")
    try:
        from reader.export import write_demo
    except ImportError:
        return
    for line in write_demo(out):
        print(line)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="Clean news pages, find actors and quotes, compare outlets, export HTML.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean a page into articles and paragraphs")
    clean.add_argument("page", help="page file (.txt) or - for standard input")
    clean.add_argument("--json", action="store_true", help="print the articles as JSON")
    clean.add_argument("--explain", action="store_true", help="list every join and split decision")
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

    export = commands.add_parser("export", help="write the annotated page as standalone HTML")
    export.add_argument("page")
    export.add_argument("-o", "--output", required=True, help="the .html file to write")
    export.add_argument("--annotations", help="an annotation file or a folder of them")
    export.set_defaults(run=cmd_export)

    demo = commands.add_parser("demo", help="export the sample page's annotated HTML")
    demo.add_argument("--out", default="out", help="folder to write into (default: out)")
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except (PageError, CommandError, ValueError, OSError) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        print(f"reader {args.command}: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
