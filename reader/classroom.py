"""The teacher's side: gather a class's annotation files, compare them, hand out a page.

Students save their claims with the ClaimAnnotator (one W3C annotation file per
document and student, ``NAME.STUDENT.annotations.json``).  The teacher copies the
files into one folder; `gather` reads them (a broken file, whether not JSON,
nested too deep or with a field of the wrong type, is reported in one line and
skipped, never changed, and the others are gathered), `class_agreement` gives
Cohen's kappa and Krippendorff's alpha over sentences, `disagreements` lists the
sentences the class split on, `class_summary` and `label_summary` are the tables
for the lesson, and `export_class_html` writes one standalone page with the claims
most of the class marked.

>>> import tempfile, reader
>>> folder = Path(tempfile.mkdtemp())
>>> _ = make_demo_class(folder)
>>> room = gather(folder, reader.SAMPLE_PAGE)
>>> room.annotators
['demo-ana', 'demo-ben', 'demo-chloe']
>>> class_agreement(room).alpha < 1
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from reader.annotations import (
    Agreement,
    Annotation,
    AnnotationFile,
    agreement,
    annotate,
    annotation_path,
    load_folder,
    merge_annotators,
    reanchor,
    save_annotations,
    write_atomically,
)
from reader.document import Document

NO_LABEL = "none"
DEMO_PREFIX = "demo-"


@dataclass
class Classroom:
    """A class's annotation files for one document, placed on its clean text."""

    document: Document
    files: list[AnnotationFile]
    problems: list[str] = field(default_factory=list)  # files that did not load
    orphans: dict[str, int] = field(default_factory=dict)  # annotator -> claims not placed

    @property
    def annotators(self) -> list[str]:
        """The students' names, as their files give them."""
        return [f.annotator for f in self.files]

    def annotations_df(self) -> pd.DataFrame:
        """Every student's claims in one table, sorted by position."""
        return merge_annotators(self.files)


def gather(folder: str | Path, page: str | Path, document: Document | None = None) -> Classroom:
    """Read every annotation file for ``page`` in ``folder`` and place it on the page's text.

    Claims whose words changed since they were marked are re-anchored; those that
    cannot be placed are counted in ``orphans`` and left out.  Two files from the
    same annotator are merged into one.
    """
    from reader import load_document

    document = document or load_document(page)
    loaded, problems = load_folder(folder, Path(page).stem)
    by_name: dict[str, AnnotationFile] = {}
    orphans: dict[str, int] = {}
    for file in loaded:
        name = file.annotator or "anonymous"
        anchoring = reanchor(file.annotations, document.text)
        orphans[name] = orphans.get(name, 0) + len(anchoring.orphans)
        placed = [replace(a, annotator=name) for a in anchoring.placed]
        if name in by_name:
            by_name[name].annotations.extend(placed)
        else:
            by_name[name] = AnnotationFile(file.document, name, placed)
    files = sorted(by_name.values(), key=lambda f: f.annotator)
    return Classroom(document, files, problems, orphans)


def class_agreement(classroom: Classroom) -> Agreement:
    """Kappa and alpha over sentences (`reader.annotations.agreement`); needs two students."""
    return agreement(classroom.files, classroom.document.text)


def disagreements(result: Agreement, annotators: list[str] | None = None) -> pd.DataFrame:
    """The sentences the class split on, the most divided first.

    Columns: ``sentence`` (number), ``text``, ``majority`` (the most frequent label),
    ``agreeing`` (share of students who gave it), ``labels`` ("opinion: 2, none: 1"),
    ``differ`` (the students who did not give the majority label).
    """
    names = annotators or [
        c for c in result.labels.columns if c not in {"sentence", "start", "end", "text"}
    ]
    rows = []
    for _, row in result.disagreements.iterrows():
        counts = Counter(row[n] for n in names)
        majority, top = counts.most_common(1)[0]
        rows.append(
            {
                "sentence": row["sentence"],
                "text": row["text"],
                "majority": majority,
                "agreeing": round(top / len(names), 3),
                "labels": ", ".join(f"{label}: {n}" for label, n in counts.most_common()),
                "differ": ", ".join(n for n in names if row[n] != majority),
            }
        )
    columns = ["sentence", "text", "majority", "agreeing", "labels", "differ"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["agreeing", "sentence"], kind="stable").reset_index(drop=True)


def majority_labels(result: Agreement, annotators: list[str]) -> pd.Series:
    """The most frequent label of each sentence (ties go to the label seen first)."""
    return result.labels[annotators].apply(lambda row: Counter(row).most_common(1)[0][0], axis=1)


def class_summary(classroom: Classroom, result: Agreement | None = None) -> pd.DataFrame:
    """One row per student: how many claims, how many check-worthy, with a claimant,
    and ``with_majority`` (share of sentences where the student gave the class's label)."""
    names = classroom.annotators
    majority = None
    if result is not None:
        majority = majority_labels(result, names)
    rows = []
    for file in classroom.files:
        claims = file.annotations
        row = {
            "annotator": file.annotator,
            "claims": len(claims),
            "check_worthy": sum(bool(a.claim.check_worthy) for a in claims),
            "with_claimant": sum(bool(a.claim.claimant) for a in claims),
            "orphans": classroom.orphans.get(file.annotator, 0),
        }
        if majority is not None:
            row["with_majority"] = round(
                float((result.labels[file.annotator] == majority).mean()), 3
            )
        rows.append(row)
    return pd.DataFrame(rows)


def label_summary(classroom: Classroom) -> pd.DataFrame:
    """Claims per label and student (a row per label, a column per student, and ``total``)."""
    table = classroom.annotations_df()
    if table.empty:
        return pd.DataFrame(columns=["label", "total"])
    counts = pd.crosstab(table["label"], table["annotator"])
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values("total", ascending=False).reset_index()


def claimant_summary(classroom: Classroom) -> pd.DataFrame:
    """Who the class says makes the claims: claimant, claims, and how many students named them."""
    table = classroom.annotations_df()
    table = table[table["claimant"].fillna("").astype(str).str.strip() != ""]
    if table.empty:
        return pd.DataFrame(columns=["claimant", "claims", "students"])
    grouped = table.groupby("claimant").agg(
        claims=("id", "size"), students=("annotator", "nunique")
    )
    return grouped.sort_values("claims", ascending=False).reset_index()


def consensus_annotations(
    classroom: Classroom, result: Agreement, share: float = 0.5
) -> list[Annotation]:
    """One claim per sentence that more than ``share`` of the class labelled alike (not "none").

    The note says how many students agreed; the claimant is the one most of them named.
    """
    names = classroom.annotators
    claims = []
    for _, row in result.labels.iterrows():
        counts = Counter(row[n] for n in names)
        label, top = counts.most_common(1)[0]
        if label == NO_LABEL or top / len(names) <= share:
            continue
        start, end = int(row["start"]), int(row["end"])
        claimants = Counter(
            a.claim.claimant
            for f in classroom.files
            for a in f.annotations
            if a.claim.label == label and a.claim.claimant and a.start < end and a.end > start
        )
        claim = annotate(
            classroom.document,
            start,
            end,
            label,
            annotator="class",
            claimant=claimants.most_common(1)[0][0] if claimants else None,
            note=f"{top} of {len(names)} students gave this sentence this label.",
        )
        claims.append(claim)
    return claims


def format_summary_html(classroom: Classroom, result: Agreement) -> Markup:
    """The class's numbers as an escaped HTML section (agreement, students, disagreements)."""
    students = class_summary(classroom, result).to_html(index=False, border=0, escape=True)
    split = disagreements(result, classroom.annotators)[["text", "majority", "labels", "differ"]]
    split_html = split.to_html(index=False, border=0, escape=True) if len(split) else "<p>None.</p>"
    return Markup(
        '<section class="class-summary" aria-label="Class summary"><h2>Class summary</h2>'
        "<p>{} students. Agreement over sentences: Cohen's kappa {:.2f}, "
        "Krippendorff's alpha {:.2f} (1 = full agreement, 0 = chance).</p>"
        "{}<h3>Sentences the class split on</h3>{}</section>"
    ).format(len(classroom.files), result.kappa, result.alpha, Markup(students), Markup(split_html))


def export_class_html(
    classroom: Classroom, output: str | Path, title: str | None = None, share: float = 0.5
) -> Path:
    """Write the class page: the document with the claims most of the class marked,
    and a class summary (agreement, students, disagreements) above the text."""
    from reader.export import export_html, page_actors

    result = class_agreement(classroom)
    document = classroom.document
    actors, mentions = page_actors(document, document.source or None)
    html = export_html(
        document,
        consensus_annotations(classroom, result, share),
        mentions=mentions,
        actors=actors,
        title=title or "Class claims",
        sections=[format_summary_html(classroom, result)],
    )
    output = Path(output)
    write_atomically(output, html.encode("utf-8"))
    return output


# -- demo data: a made-up class for the teacher's notebook and the tests -------------------

DEMO_CLAIMS = {
    "demo-ana": [
        ("Iraq would buy a “large batch” of advanced T-90 tanks", "check-worthy", "The Kremlin"),
        ("Iraq and Russia signed a $4.2 billion arms contract", "check-worthy", "The Arab Weekly"),
        ("The deal was resumed in 2013", "check-worthy", "The Arab Weekly"),
        ("We want bigger openness and closer friendship with Russia.", "opinion", "Nuri al-Maliki"),
    ],
    "demo-ben": [
        ("Iraq would buy a “large batch” of advanced T-90 tanks", "check-worthy", "The Kremlin"),
        ("Iraq and Russia signed a $4.2 billion arms contract", "check-worthy", "The Arab Weekly"),
        ("The deal was resumed in 2013", "factual", "The Arab Weekly"),
        ("We want bigger openness and closer friendship with Russia.", "opinion", "Nuri al-Maliki"),
    ],
    "demo-chloe": [
        ("Iraq would buy a “large batch” of advanced T-90 tanks", "check-worthy", "Russia"),
        ("The deal was resumed in 2013", "check-worthy", "The Arab Weekly"),
        ("We want bigger openness and closer friendship with Russia.", "check-worthy", None),
        ("Tsarist Russia captured territory from the Persian Empire", "check-worthy", None),
    ],
}


def make_demo_class(folder: str | Path, page: str | Path | None = None) -> list[Path]:
    """Write a DEMO class (three made-up students, names starting ``demo-``) into ``folder``.

    For trying the teacher's notebook and for tests; real students' files go in
    a folder of their own.
    """
    from reader import SAMPLE_PAGE, load_document

    page = Path(page or SAMPLE_PAGE)
    document = load_document(page)
    written = []
    for student, claims in DEMO_CLAIMS.items():
        annotations = []
        for exact, label, claimant in claims:
            start = document.text.find(exact)
            if start < 0:
                raise ValueError(f"demo claim not on {page.name}: {exact!r}")
            annotations.append(
                annotate(
                    document,
                    start,
                    start + len(exact),
                    label,
                    annotator=student,
                    source=page.name,
                    claimant=claimant,
                    check_worthy=label == "check-worthy",
                    note="demo data",
                )
            )
        path = annotation_path(folder, page.name, student)
        written.append(save_annotations(path, AnnotationFile(page.stem, student, annotations)))
    return written


__all__ = [
    "Classroom",
    "class_agreement",
    "class_summary",
    "claimant_summary",
    "consensus_annotations",
    "disagreements",
    "export_class_html",
    "gather",
    "label_summary",
    "make_demo_class",
]
