"""Outlet framing: the lexicon, the statistics behind each table, corpora, pages, the CLI."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from reader.document import Document
from reader.framing import (
    DIMENSIONS,
    LEXICON_PATH,
    UNKNOWN_SPEAKER,
    FrameLexicon,
    LexiconEntry,
    Passage,
    build_comparison,
    compare_outlets,
    content_terms,
    default_lexicon,
    frames_json,
    load_corpus,
    load_lexicon,
    log_odds_dirichlet,
    page_outlet_name,
    page_passages,
    term_contexts,
    tokenize,
)
from reader.text import split_sentences
from reader.widgets.outlets import word_clouds

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "texts" / "sample-corpus.jsonl"
SAMPLE_PAGE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SHARED = ROOT.parent / "shared"

THREE_OUTLETS = {
    "Harbour Post": [
        "Oil prices and the budget: the deal will cost billions and hit trade.",
        "Investors fear the tariff will raise the price of oil again.",
    ],
    "Evening Star": [
        "The army moved tanks to the border after the missile attack.",
        "Troops stayed on alert; the threat of war is real, officers said.",
    ],
    "City Voice": [
        "Families in the district say their children cannot sleep.",
        "“We love our neighbours and we will help them,” said a parent.",
    ],
}


def quote(text: str, start: int, speaker: str | None, outlet: str | None, kind: str = "statement"):
    """A stand-in for reader.quotes.Quote (same attributes)."""
    return SimpleNamespace(
        text=text,
        start=start,
        end=start + len(text),
        speaker=speaker,
        outlet=outlet,
        cue="said",
        kind=kind,
    )


# --------------------------------------------------------------------------- words and lexicon


def test_tokens_drop_possessive_and_keep_curly_apostrophe_words():
    assert tokenize("Russia’s role, Iraq's oil and the US-led invasion") == [
        "russia",
        "role",
        "iraq",
        "oil",
        "and",
        "the",
        "us-led",
        "invasion",
    ]


def test_content_terms_leave_out_stopwords_numbers_and_reporting_verbs():
    assert content_terms(tokenize("He said the 2014 fall of Mosul was a defeat.")) == [
        "fall",
        "mosul",
        "defeat",
    ]


def test_sentences_split_after_closing_quote_but_not_after_mr():
    text = "“We thank you,” Maliki told Putin. Mr. Lavrov agreed! Was it wise? Yes."
    assert split_sentences(text) == [
        "“We thank you,” Maliki told Putin.",
        "Mr. Lavrov agreed!",
        "Was it wise?",
        "Yes.",
    ]


def test_lexicon_file_gives_terms_to_every_codebook_dimension_but_other():
    with LEXICON_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    per_dimension = pd.Series([r["dimension"] for r in rows]).value_counts()
    assert list(DIMENSIONS)[:14] == [d for d in DIMENSIONS if d != "other"]
    for dimension in DIMENSIONS:
        if dimension != "other":
            assert per_dimension.get(dimension, 0) >= 15, dimension
    assert set(per_dimension.index) <= set(DIMENSIONS)


def test_lexicon_line_with_unknown_dimension_is_refused_with_its_line_number(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("dimension,term,note\neconomic,oil,\nsecruity,tank,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: unknown dimension 'secruity'"):
        load_lexicon(path)


def test_teacher_lexicon_copy_changes_the_counts(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("dimension,term,note\nmorality,oil,a teacher's odd choice\n", encoding="utf-8")
    comparison = compare_outlets(
        {"A": ["Oil, oil and more oil."], "B": ["Nothing here."]}, lexicon=load_lexicon(path)
    )
    frames = comparison.frames.set_index(["outlet", "dimension"])
    assert frames.loc[("A", "morality"), "term_hits"] == 3
    assert frames.loc[("A", "economic"), "term_hits"] == 0


def test_prefix_term_matches_word_starts_and_plain_term_only_the_word():
    lexicon = FrameLexicon(
        [LexiconEntry("security_defense", "secur*"), LexiconEntry("economic", "tax")]
    )
    assert lexicon.count(tokenize("Securing security; taxes and a tax")) == {
        "security_defense": 2,
        "economic": 1,
    }


def test_longest_phrase_wins_over_the_word_inside_it():
    lexicon = default_lexicon()
    hits = lexicon.count(tokenize("a corruption scandal"))
    assert hits == {"crime_punishment": 1}  # not also "corrupt*" (morality) on the same word
    assert lexicon.count(tokenize("corruption")) == {"morality": 1}


def test_one_place_counts_once_per_dimension():
    # "military" and "militar*" are both security terms: one hit, not two.
    assert default_lexicon().count(["military"]) == {"security_defense": 1}


# --------------------------------------------------------------------------- statistics


def test_log_odds_matches_monroe_formula_by_hand():
    y_i, y_j, alpha = np.array([4, 1]), np.array([1, 6]), np.array([5.0, 7.0])
    delta, z = log_odds_dirichlet(y_i, y_j, alpha)
    n_i, n_j, a0 = 5, 7, 12
    expected = math.log((4 + 5) / (n_i + a0 - 4 - 5)) - math.log((1 + 5) / (n_j + a0 - 1 - 5))
    assert delta[0] == pytest.approx(expected)
    assert z[0] == pytest.approx(expected / math.sqrt(1 / (4 + 5) + 1 / (1 + 5)))


def test_distinctive_terms_carry_their_counts_and_rank_the_outlet_own_words_first():
    comparison = compare_outlets(THREE_OUTLETS)
    table = comparison.distinctive
    assert list(table.columns) == [
        "outlet",
        "term",
        "count_outlet",
        "count_rest",
        "terms_outlet",
        "terms_rest",
        "prior_alpha",
        "log_odds",
        "z_score",
    ]
    oil = table[(table.outlet == "Harbour Post") & (table.term == "oil")].iloc[0]
    assert (oil.count_outlet, oil.count_rest, oil.prior_alpha) == (2, 0, 2.0)
    assert oil.z_score > 0
    assert comparison.top_terms("Harbour Post", 3)["term"].iloc[0] == "oil"
    # the same term seen from another outlet is distinctive the other way
    other = table[(table.outlet == "Evening Star") & (table.term == "oil")].iloc[0]
    assert other.z_score < 0
    counts = comparison.term_counts.set_index(["outlet", "term"])["count"]
    assert counts[("Harbour Post", "oil")] == 2


def test_pairwise_covers_every_ordered_pair_and_is_antisymmetric():
    comparison = compare_outlets(THREE_OUTLETS)
    pairs = comparison.pairwise[["outlet", "versus"]].drop_duplicates()
    assert len(pairs) == 6
    ab = comparison.pairwise.query(
        "outlet == 'Harbour Post' and versus == 'City Voice' and term == 'oil'"
    ).iloc[0]
    ba = comparison.pairwise.query(
        "outlet == 'City Voice' and versus == 'Harbour Post' and term == 'oil'"
    ).iloc[0]
    assert (ab.count_outlet, ab.count_versus) == (2, 0)
    assert ab.z_score == pytest.approx(-ba.z_score)


def test_wordfreq_prior_is_documented_and_used():
    comparison = compare_outlets(THREE_OUTLETS, prior="wordfreq")
    assert "wordfreq" in comparison.prior_source
    assert comparison.to_json()["method"]["distinctive_terms"].endswith(comparison.prior_source)
    with pytest.raises(ValueError, match="unknown prior"):
        compare_outlets(THREE_OUTLETS, prior="magic")


def test_frames_table_shares_sum_to_one_and_other_counts_frameless_passages():
    comparison = compare_outlets(
        {"A": ["Tanks at the border.", "A quiet afternoon."], "B": ["The election poll."]}
    )
    frames = comparison.frames.set_index(["outlet", "dimension"])
    assert frames.loc[("A", "security_defense"), "term_hits"] == 2
    assert frames.loc[("A", "security_defense"), "matched_terms"] == "border ×1; tanks ×1"
    assert frames.loc[("A", "other"), "passages_with_frame"] == 1
    assert frames.loc[("A", "other"), "share_of_passages"] == 0.5
    shares = comparison.frames.groupby("outlet")["share_of_hits"].sum()
    assert shares.round(3).tolist() == [1.0, 1.0]
    assert comparison.frame_matrix().columns.tolist() == list(DIMENSIONS)


def test_tone_is_vader_per_sentence_with_the_counts():
    comparison = compare_outlets(
        {
            "Glad": ["A wonderful, happy success. Everyone loves it."],
            "Grim": ["A terrible, deadly failure. People hate it. It rained."],
        }
    )
    tone = comparison.tone.set_index("outlet")
    assert tone.loc["Glad", "compound_mean"] > 0.5 and tone.loc["Grim", "compound_mean"] < -0.25
    assert tone.loc["Grim", "sentences"] == 3
    assert tone.loc["Grim", "negative_sentences"] == 2
    assert tone.loc["Grim", "neutral_sentences"] == 1
    assert "deadly" in tone.loc["Grim", "most_negative"]


def test_same_input_gives_the_same_tables_twice():
    first, second = compare_outlets(SAMPLE_CORPUS), compare_outlets(SAMPLE_CORPUS)
    for name in [
        "summary",
        "passages",
        "speakers",
        "actors",
        "frames",
        "tone",
        "distinctive",
        "pairwise",
        "term_counts",
    ]:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())


def test_several_processes_give_the_same_tables_as_one(monkeypatch):
    monkeypatch.setenv("READER_WORKERS", "1")
    alone = compare_outlets(SAMPLE_CORPUS)
    monkeypatch.setenv("READER_WORKERS", "2")
    shared = compare_outlets(SAMPLE_CORPUS)
    assert json.dumps(alone.to_json()) == json.dumps(shared.to_json())
    pd.testing.assert_frame_equal(alone.pairwise, shared.pairwise)


# --------------------------------------------------------------------------- corpora


def test_sample_corpus_outlets_lean_to_their_frames():
    comparison = compare_outlets(SAMPLE_CORPUS)
    assert comparison.outlets == [
        "The Norhaven Ledger",
        "Coastal Business Daily",
        "Community Voice",
    ]
    top = comparison.summary.set_index("outlet")["top_frame"]
    assert top["Coastal Business Daily"] == "economic"
    assert top["The Norhaven Ledger"] in {"political", "legality"}
    assert top["Community Voice"] in {"quality_of_life", "health_safety"}


def test_jsonl_line_that_is_not_json_is_named(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"outlet": "A", "text": "One."}\n{"outlet": "B", "text": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"corpus.jsonl line 2: not valid JSON"):
        load_corpus(path)


def test_jsonl_line_without_outlet_is_named(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"outlet": "A", "text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 3: missing field 'outlet'"):
        load_corpus(path)


def test_jsonl_keeps_optional_fields_and_skips_blank_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        {"outlet": "A", "text": "One.", "title": "T", "date": "2020-01-01", "event": 7},
        {"outlet": "B", "text": "Two."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    articles = load_corpus(path)
    assert [(a.outlet, a.title, a.date, a.event, a.source) for a in articles] == [
        ("A", "T", "2020-01-01", "7", "corpus.jsonl:1"),
        ("B", None, None, None, "corpus.jsonl:2"),
    ]


def test_folder_corpus_takes_outlet_from_meta_publication_else_file_name(tmp_path):
    pytest.importorskip("reader.layout")
    (tmp_path / "a.txt").write_text("The army moved tanks to the border.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"publication": "Daily A"}', encoding="utf-8")
    (tmp_path / "b-news.txt").write_text("Oil prices rose and trade fell.\n", encoding="utf-8")
    articles = load_corpus(tmp_path)
    assert [a.outlet for a in articles] == ["Daily A", "b-news"]
    assert "tanks" in articles[0].text


def test_missing_empty_or_wrongly_typed_corpus_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no such corpus"):
        load_corpus(tmp_path / "nowhere.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError, match="holds no articles"):
        load_corpus(tmp_path / "empty.jsonl")
    (tmp_path / "wrong.jsonl").write_text('{"outlet": "A", "text": 5}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: field 'text' should be a non-empty string"):
        load_corpus(tmp_path / "wrong.jsonl")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ValueError, match="holds no pages"):
        load_corpus(tmp_path / "folder")


def test_frames_json_has_the_contract_keys_for_every_outlet():
    data = frames_json(str(SAMPLE_CORPUS))
    assert [o["outlet"] for o in data["outlets"]] == [
        "The Norhaven Ledger",
        "Coastal Business Daily",
        "Community Voice",
    ]
    for outlet in data["outlets"]:
        assert {
            "outlet",
            "passages",
            "speakers",
            "actors",
            "frames",
            "tone",
            "distinctive_terms",
        } <= set(outlet)
        assert len(outlet["frames"]) == 15
        assert len(outlet["passages"]) == 3
        term = outlet["distinctive_terms"][0]
        assert {"term", "count_outlet", "count_rest", "log_odds", "z_score"} <= set(term)
    json.dumps(data)  # plain JSON types only


def test_cli_frames_prints_json_and_refuses_a_bad_corpus_in_one_line(tmp_path, capsys):
    from reader.cli import main

    assert main(["frames", str(SAMPLE_CORPUS), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["outlets"]) == 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"outlet": "A"}\n', encoding="utf-8")
    assert main(["frames", str(bad), "--json"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "line 1: missing field 'text'" in error


# --------------------------------------------------------------------------- one page

PAGE = (
    "Maliki called for “Russia’s visible presence” in Iraq.\n\n"
    "“We are grateful to you,” Maliki told Lavrov, TASS reported. Lavrov said the “aim is cooperation.”\n\n"
    "“Iraq is no longer a loyal ally,” wrote Aydin Mehdiyev in Pravda.ru. He added: “Oil is a weapon.”"
)


def page_quotes(text: str) -> list:
    def at(words: str, speaker, outlet, kind="statement"):
        return quote(words, text.index(words), speaker, outlet, kind)

    return [
        at("Russia’s visible presence", None, None, kind="scare"),
        at("We are grateful to you,", "Nuri al-Maliki", "TASS"),
        at("aim is cooperation.", "Sergei Lavrov", None),
        at("Iraq is no longer a loyal ally,", "Aydin Mehdiyev", "Pravda.ru"),
        at("Oil is a weapon.", "Aydin Mehdiyev", "Pravda.ru"),
    ]


def test_page_outlets_are_the_quoted_outlets_and_the_page_own_voice():
    document = Document.from_text(PAGE)
    passages = page_passages(document, page_quotes(PAGE), page_outlet="The Arab Weekly")
    comparison = build_comparison(passages)
    assert comparison.outlets == ["The Arab Weekly", "TASS", "Pravda.ru"]
    own = [p.text for p in comparison.outlet_passages("The Arab Weekly")]
    assert own == [
        "Maliki called for “Russia’s visible presence” in Iraq.",  # a scare quote stays the page's
        "[…] Maliki told Lavrov, TASS reported. Lavrov said the […]",
        "[…] wrote Aydin Mehdiyev in Pravda.ru. He added: […]",
    ]
    assert [p.text for p in comparison.outlet_passages("Pravda.ru")] == [
        "Iraq is no longer a loyal ally,",
        "Oil is a weapon.",
    ]
    speakers = comparison.speakers.set_index("outlet")
    assert speakers.loc["Pravda.ru", "speaker"] == "Aydin Mehdiyev"
    assert speakers.loc["Pravda.ru", "quotes"] == 2
    assert speakers.loc["The Arab Weekly", "speaker"] == "Sergei Lavrov"  # quoted with no outlet


def test_page_actors_go_to_the_passage_that_mentions_them():
    document = Document.from_text(PAGE)
    mentions = [
        SimpleNamespace(actor=name, type="state", text=name, start=PAGE.index(name, after), end=0)
        for name, after in [("Iraq", 0), ("Russia", 0), ("Iraq", PAGE.index("“Iraq is"))]
    ]
    comparison = build_comparison(
        page_passages(document, page_quotes(PAGE), mentions, page_outlet="W")
    )
    actors = comparison.actors.groupby("outlet")["actor"].apply(list).to_dict()
    # Russia sits inside a scare quote: still the page's own words
    assert actors == {"W": ["Iraq", "Russia"], "Pravda.ru": ["Iraq"]}


def test_page_voice_is_named_from_meta_publication(tmp_path):
    assert page_outlet_name(SAMPLE_PAGE) == "The Arab Weekly"
    (tmp_path / "p.txt").write_text("text", encoding="utf-8")
    assert page_outlet_name(tmp_path / "p.txt") == "(page)"


def test_sample_page_compares_the_five_reported_outlets_with_the_page(capsys):
    pytest.importorskip("reader.quotes")
    pytest.importorskip("reader.layout")
    from reader.cli import main

    assert main(["frames", str(SAMPLE_PAGE), "--json"]) == 0
    outlets = {o["outlet"]: o for o in json.loads(capsys.readouterr().out)["outlets"]}
    assert list(outlets) == [
        "The Arab Weekly",
        "TASS",
        "Newsweek",
        "Asharq Al-Awsat",
        "Pravda.ru",
        "Rudaw English",
    ]
    writers = {
        name: sorted(s["name"].replace("’", "'") for s in outlet["speakers"])
        for name, outlet in outlets.items()
    }
    assert writers["TASS"] == ["Dmitry Shugaev", "Nuri al-Maliki"]
    assert writers["Newsweek"] == ["Tom O'Connor"]
    assert writers["Asharq Al-Awsat"] == ["Amir Taheri"]
    assert writers["Pravda.ru"] == ["Aydin Mehdiyev"]
    assert writers["Rudaw English"] == ["Michael Knights"]
    assert all(p["kind"] == "quote" for p in outlets["Newsweek"]["passages"])
    own = " ".join(p["text"] for p in outlets["The Arab Weekly"]["passages"])
    assert "Tom O’Connor wrote in Newsweek" in own and "Now that ISIS has been declared" not in own


# --------------------------------------------------------------------------- views


def test_term_contexts_find_the_term_in_each_outlet_with_its_possessive():
    comparison = compare_outlets(
        {
            "A": ["Russia’s role grew. Nothing else."],
            "B": ["They met in Moscow."],
            "C": ["russia, again; Russian tanks"],
        }
    )
    table = term_contexts(comparison, "Russia")
    assert table[["outlet", "match"]].values.tolist() == [["A", "Russia’s"], ["C", "russia"]]
    first = table.iloc[0]  # the passage's own spacing: the three parts read as the passage
    assert first["left"] + first["match"] + first["right"] == "Russia’s role grew. Nothing else."


def test_word_clouds_draw_one_panel_per_chosen_outlet():
    comparison = compare_outlets(THREE_OUTLETS)
    figure = word_clouds(comparison, ["Harbour Post", "City Voice"])
    assert [axis.get_title() for axis in figure.axes] == ["Harbour Post", "City Voice"]
    assert len(figure.axes[0].images) == 1
    with pytest.raises(ValueError, match="unknown outlet"):
        word_clouds(comparison, ["Nowhere"])


def test_passages_given_as_objects_keep_their_speakers():
    comparison = compare_outlets(
        {"A": [Passage("ignored", "We will win.", kind="quote", speaker="X", voices=("X",))]}
    )
    assert comparison.speakers.values.tolist() == [["A", "X", 1]]
    assert comparison.distinctive.empty  # one outlet: nothing to compare against


# --------------------------------------------------------------------------- shared data


def gold_quotes(document: Document) -> list:
    gold = json.loads((SHARED / "gold" / "seed_quotes.json").read_text(encoding="utf-8"))["quotes"]
    quotes = []
    for item in gold:
        start = document.text.index(item["quote_starts"])
        end = min(i for i in (document.text.find(m, start) for m in '”"') if i >= 0)
        quotes.append(quote(document.text[start:end], start, item["speaker"], item["outlet"]))
    return quotes


@pytest.mark.shared
def test_gold_quotes_of_the_sample_page_give_its_five_outlets_and_their_writers():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is absent")
    layout = json.loads((SHARED / "gold" / "seed_layout.json").read_text(encoding="utf-8"))
    from reader.document import Block

    blocks = [
        Block(kind, text, article=number)
        for number, article in enumerate(layout["articles"])
        for kind, texts in [
            ("headline", [article["headline"]]),
            ("paragraph", article["paragraphs"]),
            ("caption", article["captions"]),
        ]
        for text in texts
        if text
    ]
    document = Document.from_blocks(blocks)
    comparison = build_comparison(
        page_passages(document, gold_quotes(document), page_outlet="The Arab Weekly")
    )
    assert comparison.outlets == [
        "The Arab Weekly",
        "TASS",
        "Newsweek",
        "Asharq Al-Awsat",
        "Pravda.ru",
        "Rudaw English",
    ]
    writers = comparison.speakers.groupby("outlet")["speaker"].apply(sorted).to_dict()
    assert writers["Rudaw English"] == ["Michael Knights"]
    assert writers["TASS"] == ["Dmitry Shugaev", "Nuri al-Maliki"]
    assert sorted(writers["The Arab Weekly"]) == ["Nuri al-Maliki", "Sergei Lavrov", "the Kremlin"]
    assert (
        comparison.summary.set_index("outlet").loc["Pravda.ru", "top_frame"] == "security_defense"
    )


@pytest.mark.shared
def test_basil_frames_of_300_articles_compare_three_outlets(tmp_path):
    """`reader frames` on BASIL; benchmarks/frames_basil.py times it."""
    if not (SHARED / "data" / "basil" / "articles").is_dir():
        pytest.skip("../shared is absent")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "frames_basil", ROOT / "benchmarks" / "frames_basil.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    corpus = module.write_jsonl(module.basil_records(), tmp_path / "basil.jsonl")
    comparison = compare_outlets(corpus, speakers=False, actors=False)
    assert comparison.outlets == ["The New York Times", "Fox News", "HuffPost"]
    assert comparison.summary["passages"].tolist() == [100, 100, 100]
    assert len(comparison.pairwise[["outlet", "versus"]].drop_duplicates()) == 6


def test_page_passages_find_the_quotes_and_actors_of_each_block_on_the_sample_page(sample_document):
    pytest.importorskip("reader.layout")
    from reader.actors import Mention, find_actors
    from reader.quotes import find_quotes

    document = sample_document
    actors = find_actors(document, page_path=SAMPLE_PAGE)
    quotes = [q for q in find_quotes(document, actors=actors) if q.kind == "statement"]
    first = next(q for q in quotes if q.outlet)
    # a quotation marked inside another, and mentions just at the edges of the
    # quotations and of a block
    inner = quote(first.text[2:14], first.start + 2, "Vladimir Putin", "Rudaw English")
    mentions = list(actors.mentions)
    for start in (first.start - 1, inner.end, first.end, document.blocks[2].end - 1):
        mentions.append(Mention("Iraq", "state", document.text[start], start, start + 1))
    passages = page_passages(document, [*quotes, inner], mentions, page_outlet="W")

    statements = sorted([*quotes, inner], key=lambda q: (q.start, q.end))
    located = sorted((m.start, m.actor, m.type) for m in mentions)

    def quoted(offset: int) -> bool:
        return any(q.start <= offset < q.end for q in statements)

    own = [p for p in passages if p.kind == "own voice"]
    assert len(own) == len([b for b in document.blocks if b.kind != "byline"])
    for passage in own:
        inside = [q for q in statements if q.start < passage.end and q.end > passage.start]
        assert passage.voices == tuple(
            q.speaker or UNKNOWN_SPEAKER
            for q in inside
            if not q.outlet and q.start >= passage.start
        )
        assert passage.actors == tuple(
            (name, kind)
            for start, name, kind in located
            if passage.start <= start < passage.end and not quoted(start)
        )
    reported = [p for p in passages if p.kind == "quote"]
    assert [(p.start, p.end) for p in reported] == [
        (q.start, q.end) for q in statements if q.outlet
    ]
    for passage in reported:
        assert passage.actors == tuple(
            (name, kind) for start, name, kind in located if passage.start <= start < passage.end
        )
    assert ("Vladimir Putin",) in [p.voices for p in reported]


@pytest.mark.parametrize("source", ["sample page", "three outlets"])
def test_json_and_summary_of_each_outlet_are_its_rows_of_every_table(source):
    pytest.importorskip("reader.quotes")
    pytest.importorskip("reader.layout")
    from reader.framing.comparison import _records

    # the three outlets quote no one: every outlet's speakers are no rows
    comparison = compare_outlets(SAMPLE_PAGE if source == "sample page" else THREE_OUTLETS)
    data = comparison.to_json(top=5)
    assert [o["outlet"] for o in data["outlets"]] == comparison.outlets
    for entry in data["outlets"]:
        outlet = entry["outlet"]

        def rows(table: pd.DataFrame, outlet: str = outlet) -> pd.DataFrame:
            return table[table["outlet"] == outlet]

        mine = [p.to_json() for p in comparison.items if p.outlet == outlet]
        assert entry["passages"] == mine
        assert entry["frames"] == _records(rows(comparison.frames).drop(columns="outlet"))
        assert entry["tone"] == _records(rows(comparison.tone).drop(columns="outlet"))[0]
        assert [s["name"] for s in entry["speakers"]] == list(rows(comparison.speakers).speaker)
        assert [a["name"] for a in entry["actors"]] == list(rows(comparison.actors).actor)
        top = comparison.top_terms(outlet, 5)
        assert entry["distinctive_terms"] == _records(top.drop(columns="outlet"))
        assert set(entry["distinctive_versus"]) == set(comparison.outlets) - {outlet}
        for other, terms in entry["distinctive_versus"].items():
            pair = comparison.top_terms(outlet, 5, versus=other)
            assert terms == _records(pair.drop(columns=["outlet", "versus"])), (outlet, other)
        summary = comparison.summary.set_index("outlet").loc[outlet]
        assert summary["speakers"] == len(entry["speakers"])
        assert summary["actors"] == len(entry["actors"])
        assert summary["distinctive_terms"] == ", ".join(
            t["term"] for t in entry["distinctive_terms"]
        )
