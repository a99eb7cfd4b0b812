"""Quotes: who said what, to whom, through which outlet — on the sample page and on
small paragraphs made for each way news prose attributes a quotation."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import reader
from reader import Document
from reader.quotes import Quote, find_quotes, find_quotes_without_actors, quotes_df, quotes_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SHARED_GOLD = ROOT.parent / "shared" / "gold" / "seed_quotes.json"

# The 19 quotations of the sample page (hand-checked gold): opening words, speaker,
# outlet, addressee.  The scare-quoted "Lesser Satan"/"Great Satan" are not among them.
SAMPLE_GOLD = [
    ("We are grateful to you for the role Russia", "Nuri al-Maliki", "TASS", "Sergei Lavrov"),
    ("be subjected to new challenges", "Nuri al-Maliki", None, None),
    ("Our interest is that friendly Russia", "Nuri al-Maliki", None, None),
    ("We need Russia’s more active participation", "Nuri al-Maliki", None, None),
    ("aim is to develop further the cooperation", "Sergei Lavrov", None, None),
    ("We want bigger openness", "Nuri al-Maliki", None, None),
    ("Historically, Russia has close relations", "Nuri al-Maliki", None, None),
    ("Russia has made a tremendous contribution", "Nuri al-Maliki", None, "Vladimir Putin"),
    ("Were it not for your role", "Nuri al-Maliki", None, "Vladimir Putin"),
    ("Now that ISIS has been declared defeated", "Tom O’Connor", "Newsweek", None),
    ("Maliki has instead praised the efforts", "Tom O’Connor", "Newsweek", None),
    ("implementation of the existing contracts", "Dmitry Shugaev", "TASS", None),
    ("large batch", "the Kremlin", None, None),
    ("Tehran leaders know that the vast majority", "Amir Taheri", "Asharq Al-Awsat", None),
    ("Yet, because Russia has no local support base", "Amir Taheri", "Asharq Al-Awsat", None),
    ("Given the fact the United States uses oil", "Aydin Mehdiyev", "Pravda.ru", None),
    ("Baghdad and Moscow have been developing", "Aydin Mehdiyev", "Pravda.ru", None),
    ("The veteran journalist reaction", "Michael Knights", "Rudaw English", None),
    ("So I would say that such a deal", "Michael Knights", "Rudaw English", None),
]


@pytest.fixture(scope="module")
def sample_quotes() -> tuple[Document, list[Quote]]:
    document = reader.load_document(SAMPLE)
    return document, find_quotes(document)


def quote_starting(quotes: list[Quote], words: str) -> Quote:
    matches = [q for q in quotes if q.text.replace("'", "’").startswith(words.replace("'", "’"))]
    assert matches, f"no quote starts with {words!r}"
    return matches[0]


def one_paragraph(*paragraphs: str) -> Document:
    return Document.from_text("\n\n".join(paragraphs))


# --- the sample page --------------------------------------------------------------------


@pytest.mark.parametrize("words, speaker, outlet, addressee", SAMPLE_GOLD)
def test_sample_page_quotation_has_its_speaker_outlet_and_addressee(
    sample_quotes, words, speaker, outlet, addressee
):
    _, quotes = sample_quotes
    quote = quote_starting(quotes, words)
    assert (quote.kind, quote.speaker, quote.outlet, quote.addressee) == (
        "statement",
        speaker,
        outlet,
        addressee,
    )


def test_sample_page_offsets_point_at_the_quoted_words(sample_quotes):
    document, quotes = sample_quotes
    for quote in quotes:
        assert document.text[quote.start : quote.end] == quote.text
        assert document.text[quote.start - 1] in '“"', quote.text
        if quote.speaker_start is not None:
            named = document.text[quote.speaker_start : quote.speaker_end]
            assert named[:1].isupper() or named.islower(), named


def test_sample_page_satan_epithets_are_scare_quotes_not_statements(sample_quotes):
    _, quotes = sample_quotes
    for words in ("Lesser Satan", "Great Satan"):
        quote = quote_starting(quotes, words)
        assert quote.kind == "scare"
        assert quote.speaker is None and quote.cue is None


def test_sample_page_cues_are_the_verbs_of_the_text(sample_quotes):
    _, quotes = sample_quotes
    assert quote_starting(quotes, "be subjected").cue == "expressed fears"
    assert quote_starting(quotes, "Historically").cue == "added"
    assert quote_starting(quotes, "Tehran leaders").cue == "wrote"
    assert quote_starting(quotes, "large batch").cue == "announced"


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_GOLD.is_file(), reason="../shared is not beside the project")
def test_sample_page_matches_the_shared_gold_file(sample_quotes):
    _, quotes = sample_quotes
    gold = json.loads(SHARED_GOLD.read_text(encoding="utf-8"))["quotes"]
    norm = lambda s: s and s.replace("’", "'")  # noqa: E731
    for entry in gold:
        quote = quote_starting(quotes, entry["quote_starts"])
        got = (norm(quote.speaker), norm(quote.outlet), norm(quote.addressee))
        assert got == (norm(entry["speaker"]), entry["outlet"], entry["addressee"])


# --- one case a paragraph ---------------------------------------------------------------


def test_split_quote_second_piece_takes_the_attribution_of_the_first():
    quotes = find_quotes(
        one_paragraph(
            "“Our interest is that Russia should be present in Iraq,” Maliki said. "
            "“We need Russia’s more active participation in Iraqi affairs.”"
        )
    )
    assert [(q.speaker, q.cue) for q in quotes] == [("Maliki", "said"), ("Maliki", "said")]


def test_quote_running_over_two_paragraphs_keeps_its_speaker():
    document = one_paragraph(
        "Senator Jane Holt said: “The budget is a disgrace and everyone in this chamber knows it.",
        "“We will vote against it on Tuesday, and we will keep voting against it.”",
        "The vote is expected next week.",
    )
    quotes = find_quotes(document)
    assert len(quotes) == 2
    assert quotes[0].text.endswith("knows it.")
    assert [q.speaker for q in quotes] == ["Jane Holt", "Jane Holt"]
    assert [q.paragraph for q in quotes] == [0, 1]


def test_attribution_at_the_end_of_a_run_over_paragraphs_reaches_back():
    document = one_paragraph(
        "“The harbour will be dredged this year and the ferries will run again.",
        "“Nobody should doubt it,” the mayor, Ruth Adler, told reporters.",
    )
    quotes = find_quotes(document)
    assert [q.speaker for q in quotes] == ["Ruth Adler", "Ruth Adler"]
    assert quotes[1].addressee == "reporters"


def test_he_added_is_the_last_speaker_and_keeps_his_outlet():
    document = one_paragraph(
        "“Iraq may join the axis,” wrote Aydin Mehdiyev in the pro-Kremlin website Pravda.ru.",
        "Officials in Baghdad did not comment.",
        "“Baghdad and Moscow have been developing cooperation for several years,” he added.",
    )
    quotes = find_quotes(document)
    assert [(q.speaker, q.outlet, q.cue) for q in quotes] == [
        ("Aydin Mehdiyev", "Pravda.ru", "wrote"),
        ("Aydin Mehdiyev", "Pravda.ru", "added"),
    ]


def test_he_added_with_a_colon_before_the_quote():
    quotes = find_quotes(
        one_paragraph(
            "Maliki said: “We want closer friendship.” He added: “Russia has close relations with Iraq.”"
        )
    )
    assert [(q.speaker, q.cue) for q in quotes] == [("Maliki", "said"), ("Maliki", "added")]


def test_short_quote_nobody_says_is_a_scare_quote():
    quotes = find_quotes(
        one_paragraph(
            "Khomeini described the United States as the “Great Satan.” The phrase stuck."
        )
    )
    assert [(q.text, q.kind, q.speaker) for q in quotes] == [("Great Satan.", "scare", None)]


def test_short_quote_with_a_speaker_is_a_partial_quotation():
    quotes = find_quotes(
        one_paragraph("The Kremlin announced in July that Iraq would buy a “large batch” of tanks.")
    )
    assert [(q.text, q.kind, q.speaker, q.cue) for q in quotes] == [
        ("large batch", "statement", "the Kremlin", "announced")
    ]


def test_straight_marks_work_like_curly_ones():
    quotes = find_quotes(
        one_paragraph(
            '"We cannot have people come here and deny the right," Rep. John Mica (R-Fla.) said. '
            '"If you continue that, you destroy the whole basis of our government."'
        )
    )
    assert [q.text[:10] for q in quotes] == ["We cannot ", "If you con"]
    assert [q.speaker for q in quotes] == ["John Mica", "John Mica"]


def test_inverted_attribution_names_speaker_and_publication():
    quotes = find_quotes(
        one_paragraph("“Russia is seen as remote enough,” wrote Amir Taheri in Asharq Al-Awsat.")
    )
    assert (quotes[0].speaker, quotes[0].outlet, quotes[0].cue) == (
        "Amir Taheri",
        "Asharq Al-Awsat",
        "wrote",
    )


def test_speaker_given_by_a_role_and_an_appositive():
    quotes = find_quotes(
        one_paragraph(
            "“Such a deal will only be a reality when tanks are delivered,” Michael Knights, "
            "a fellow at the Washington Institute, told Rudaw English."
        )
    )
    assert (quotes[0].speaker, quotes[0].outlet, quotes[0].addressee) == (
        "Michael Knights",
        "Rudaw English",
        None,
    )


def test_question_then_attribution_sentence():
    quotes = find_quotes(
        one_paragraph("“Why isn’t this proof that the bank is too big to manage?” Vitter demanded.")
    )
    assert (quotes[0].speaker, quotes[0].cue) == ("Vitter", "demanded")


def test_signature_after_a_dash():
    quotes = find_quotes(
        one_paragraph("“Maybe we can build a wall around the candidate.” ― Steve Quinlan")
    )
    assert quotes[0].speaker == "Steve Quinlan"


def test_attribution_in_the_sentence_before_the_quote():
    quotes = find_quotes(
        one_paragraph(
            'The administration may be reluctant to act, Schiff said. "The other factor is the appearance '
            'of tipping the scales."'
        )
    )
    assert quotes[0].speaker == "Schiff"


def test_outlet_relaying_the_speaker_is_the_outlet_not_the_speaker():
    quotes = find_quotes(
        one_paragraph(
            "Dmitry Shugaev said the talks focused on the “implementation of the existing contracts,” TASS reported."
        )
    )
    assert (quotes[0].speaker, quotes[0].outlet) == ("Dmitry Shugaev", "TASS")


def test_without_the_actors_stage_surnames_get_the_full_name_from_the_text():
    document = one_paragraph(
        "Iraqi Vice-President Nuri al-Maliki visited Moscow.",
        "“We are grateful to you,” Maliki told Russian Foreign Minister Sergei Lavrov.",
    )
    quote = find_quotes_without_actors(document)[0]
    assert (quote.speaker, quote.addressee) == ("Nuri al-Maliki", "Sergei Lavrov")


def test_transcript_speaker_label_is_the_speaker_not_part_of_the_words():
    document = one_paragraph(
        '"WALLACE: Governor, I want to ask you about the debate.',
        '"PENCE: Well, Chris, the question really should be asked of the other side.',
    )
    quotes = find_quotes_without_actors(document)
    assert [(q.speaker, q.text[:8]) for q in quotes] == [
        ("Wallace", "Governor"),
        ("Pence", "Well, Ch"),
    ]


def test_subordinate_clause_does_not_give_the_speaker():
    quotes = find_quotes(
        one_paragraph(
            "When Clinton noted that he had paid no federal income tax, Trump boasted, "
            "“That makes me smart.”"
        )
    )
    assert (quotes[0].speaker, quotes[0].cue) == ("Trump", "boasted")


# --- outputs --------------------------------------------------------------------------------


def test_quotes_json_follows_the_command_line_contract(sample_quotes):
    document, _ = sample_quotes
    data = quotes_json(document)
    assert set(data) == {"quotes"}
    first = data["quotes"][0]
    assert {"text", "speaker", "outlet", "cue", "start", "end", "addressee", "kind"} <= set(first)
    assert document.text[first["start"] : first["end"]] == first["text"]
    json.dumps(data)


def test_quotes_df_has_one_row_a_quote(sample_quotes):
    _, quotes = sample_quotes
    frame = quotes_df(quotes)
    assert len(frame) == len(quotes)
    assert list(frame.columns[:7]) == [
        "text",
        "start",
        "end",
        "speaker",
        "outlet",
        "cue",
        "addressee",
    ]
    assert (frame["kind"] == "statement").sum() >= 19


def test_reader_quotes_command_prints_json(capsys):
    from reader.cli import main

    assert main(["quotes", str(SAMPLE), "--json"]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    speakers = {q["speaker"] for q in quotes}
    assert {"Nuri al-Maliki", "Tom O’Connor", "Michael Knights"} <= speakers


def test_polnear_evaluation_skips_cleanly_without_the_data(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "eval_quotes_polnear", ROOT / "benchmarks" / "eval_quotes_polnear.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("skipped")


# --- where the stage looks back: sentences, quotes and people before a quote -----------------


def test_quote_opening_a_sentence_takes_its_speaker_from_the_sentence_before():
    doc = one_paragraph(
        "Maliki also met with Russian President Vladimir Putin in St Petersburg. "
        "“Russia has made a tremendous contribution to the fight against terrorism.”"
    )
    (quote,) = find_quotes(doc)
    assert (quote.speaker, quote.kind) == ("Maliki", "statement")
    assert doc.text[quote.speaker_start : quote.speaker_end] == "Maliki"


def test_he_added_after_a_scare_quote_is_the_person_named_last():
    doc = one_paragraph(
        "“Russia wants deeper cooperation with Iraq,” Lavrov said. "
        "Maliki called the United States the “Great Satan.” "
        "“We want bigger openness and closer friendship with Russia,” he added."
    )
    quotes = find_quotes(doc)
    assert [q.kind for q in quotes] == ["statement", "scare", "statement"]
    assert quotes[2].speaker == "Maliki"  # not Lavrov, whose quote came before the scare quote
    # without the actors stage no one is known as a person: the last quoted speaker
    assert find_quotes_without_actors(doc)[2].speaker == "Lavrov"


def test_quote_after_a_scare_quote_goes_on_with_the_statement_before():
    doc = one_paragraph(
        "Maliki said: “We want bigger openness and closer friendship with Russia.” "
        "Iran’s leaders call the United States the “Great Satan.” "
        "“Historically, Russia has close relations with Iraq.”"
    )
    quotes = find_quotes(doc)
    assert [(q.speaker, q.cue, q.kind) for q in quotes] == [
        ("Maliki", "said", "statement"),
        (None, None, "scare"),
        ("Maliki", "said", "statement"),
    ]


def test_paragraph_of_quotation_after_a_colon_goes_on_with_the_quote_before():
    doc = one_paragraph(
        "“We are grateful to you for the role Russia is playing,” Maliki said, and added:",
        "“We want bigger openness and closer friendship with Russia.”",
    )
    first, second = find_quotes(doc)
    assert (second.speaker, second.cue) == ("Maliki", "said")
    assert (second.speaker_start, second.speaker_end) == (first.speaker_start, first.speaker_end)


def test_last_person_named_by_an_offset_with_mentions_in_any_order():
    from reader.actors import find_actors
    from reader.quotes.names import _PersonMentions

    document = reader.load_document(SAMPLE)
    mentions = find_actors(document, page_path=SAMPLE).mentions

    def reading_every_mention(listed: list, offset: int):
        before = [m for m in listed if m.type == "person" and m.end <= offset]
        return before[-1] if before else None

    offsets = [o for m in mentions for o in (m.start, m.end - 1, m.end, m.end + 1)]
    for listed in (mentions, mentions[::-1]):  # in reading order, and not
        people = _PersonMentions(listed)
        for offset in [0, *offsets, len(document.text)]:
            assert people.last_ending_by(offset) is reading_every_mention(listed, offset), offset
