"""The page cleaner on the sample page and on small pages that show one kind of damage each."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader import load_document
from reader.clean.clean_text import looks_clean
from reader.clean.cleaner import clean_page
from reader.clean.streaming import iter_page_chunks
from reader.text import ends_sentence

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "texts" / "arab-weekly-maliki-russia.txt"
SHARED = ROOT.parent / "shared"


def clean(text: str) -> str:
    return clean_page(text).document.text


@pytest.fixture(scope="module")
def sample():
    return clean_page(SAMPLE.read_text(encoding="utf-8"))


def test_sample_page_has_two_articles_with_21_and_14_paragraphs(sample):
    articles = sample.document.articles()
    assert [len(a.paragraphs) for a in articles] == [21, 14]
    assert articles[0].headline is None
    assert articles[1].headline == "Iran and Russia cooperate amid suspicion"


def test_sample_caption_is_set_apart_from_the_body(sample):
    articles = sample.document.articles()
    assert articles[0].captions == [
        "Geopolitical challenge. Russian President Vladimir Putin (L) shakes hands "
        "with Iraqi Vice-President"
    ]
    body = " ".join(p for a in articles for p in a.paragraphs)
    assert "Geopolitical challenge" not in body
    assert "cooperate amid suspicion" not in body


def test_drop_capital_joins_its_word(sample):
    first = sample.document.articles()
    assert first[0].paragraphs[0].startswith("Iraqi Vice-President Nuri al-Maliki called for")
    assert first[1].paragraphs[0].startswith("Iranian and Russian interests have clashed")


def test_drop_capital_that_is_a_word_stays_a_word():
    page = " A \n Bloomberg poll shows that\nAmericans living in house-\nholds agree.\n"
    assert clean(page) == "A Bloomberg poll shows that Americans living in households agree."


def test_drop_capital_with_capital_continuation():
    assert clean("A\nBSTRACT.\n\nMore than health care, race or \nthe economy.\n").startswith(
        "ABSTRACT."
    )


def test_line_end_hyphen_is_removed_from_broken_words(sample):
    text = sample.document.text
    for word in ["Maliki", "sincerely", "premiership", "Valentina", "disintegration", "Tehran"]:
        assert word in text
    for broken in ["Ma- liki", "Maliki-", "sincere-ly", "pre-miership", "Teh-ran"]:
        assert broken not in text


def test_real_compounds_keep_their_hyphen(sample):
    text = sample.document.text
    for compound in ["Russian-made", "al-Maliki", "Iran-backed", "pro-Kremlin", "Iranian-US"]:
        assert compound in text
    assert "Soviet- and later Russian-made weapons" in text  # a suspended hyphen stays


def test_page_vocabulary_decides_a_join():
    # "Shugaev" is unknown to any dictionary; the page writes it whole elsewhere.
    page = "Dmitry Shug-\naev said so. Later\nShugaev said more.\n"
    assert "Dmitry Shugaev said so" in clean(page)
    decisions = clean_page(page).decisions
    join = next(d for d in decisions if d.action == "join-word")
    assert "the page writes 'Shugaev'" in join.evidence


def test_column_break_inside_a_word_or_sentence_is_joined(sample):
    text = sample.document.text
    assert "We sincerely thank you" in text
    assert "Iraq’s premiership following" in text
    assert "Iraq and Russia signed a $4.2 billion arms contract" in text
    assert "The Trump administration’s increasing hostility" in text


def test_blank_line_after_a_finished_sentence_ends_a_paragraph():
    page = "The first paragraph ends\nhere.\n\nThe second one\nstarts there.\n"
    assert clean(page) == "The first paragraph ends here.\n\nThe second one starts there."


def test_column_break_after_a_full_stop_inside_an_open_quotation():
    # The column ends on a full line; a short one would end the paragraph (see
    # test_a_short_line_ends_its_paragraph_inside_an_open_quotation).
    page = (
        "“The real issue is corporate\nand bank governance.\n\nIt would be better if\n"
        "management faced pressure,” he\nsaid.\n"
    )
    assert clean(page).count("\n\n") == 0


def test_column_break_after_a_title_abbreviation():
    page = "the Clinton proposals, Mr.\n\nHoltz-Eakin said on the\nradio show.\n"
    assert "Mr. Holtz-Eakin said" in clean(page)


def test_missing_space_before_an_opening_quote_is_restored(sample):
    assert "called for “Russia’s visible presence”" in sample.document.text


def test_curly_quotes_and_dashes_are_kept_as_printed():
    page = "He said “yes” — and\nthen ‘no’.\n\nNext para-\ngraph here.\n"
    assert clean(page) == "He said “yes” — and then ‘no’.\n\nNext paragraph here."


def test_ocr_lost_hyphen_is_joined_only_on_strong_evidence():
    page = "The dem\nocrats met in the\nhall and went in\nto the room.\n\nSecond.\n"
    text = clean(page)
    assert "The democrats met" in text
    assert "went in to the room" in text
    assert "democrats" not in clean_page(page, join_lost_hyphens=False).document.text


def test_headline_between_articles_starts_a_new_article():
    page = (
        "The first story ends\nwith this sentence.\n"
        " Second story headline here\n"
        " B \nudget talks went on all\nnight in the capital.\n"
    )
    articles = clean_page(page).document.articles()
    assert [a.headline for a in articles] == [None, "Second story headline here"]
    assert articles[1].paragraphs == ["Budget talks went on all night in the capital."]


def test_caption_in_the_middle_of_a_sentence_does_not_break_it():
    page = (
        "The minister said the\n"
        " Scene. The minister at the podium (File photo)\n"
        "talks would go on.\n"
    )
    article = clean_page(page).document.articles()[0]
    assert article.paragraphs == ["The minister said the talks would go on."]
    assert article.captions == ["Scene. The minister at the podium (File photo)"]


def test_byline_at_article_start():
    page = "By Jane Smith\n\nThe council met on\nMonday to vote.\n"
    article = clean_page(page).document.articles()[0]
    assert article.byline == "By Jane Smith"
    assert article.paragraphs == ["The council met on Monday to vote."]


def test_already_clean_text_comes_out_unchanged():
    text = (
        "Stealth Over Health: Clinton Was Headed to ER But Diverted to Avoid Bad Optics\n\n"
        "The New York Post reports that Hillary Clinton’s team avoided taking her to the "
        "emergency room following her medical scare on Sunday.\n\n"
        "Secret Service protocol called for the Democratic presidential nominee to be taken "
        "to a state-designated Level I Trauma Center,\nsources said.\n\n"
        "Read the rest here."
    )
    assert looks_clean(text)
    assert clean(text + "\n") == text


def test_clean_paragraphs_each_on_one_short_line_come_out_unchanged():
    text = "A headline\n\nA first paragraph.\n\nA second one.\n\nA third."
    assert clean(text) == text


def test_cleaning_the_cleaners_output_changes_nothing(sample):
    once = sample.document.text
    again = clean_page(once).document
    assert again.text == once
    assert again.to_json() == sample.document.to_json()  # the same articles, captions, headline


PAGE_WITH_BYLINE_SUBHEAD_AND_CREDITED_CAPTION = """By Jane Smith

The council met on Monday
to vote on the new budget
for the city's schools and
its three public libraries.

The mayor said the vote was
close but fair, and that the
libraries would stay open.

'All Bets Are Off.'

Eight years ago the council
had voted the other way, and
two of the libraries closed.

 Scene. Can the city pay for its schools? (File photo)

 Can the city pay for its schools?

Teachers asked the council on
Tuesday how the new budget
would pay for their wages.
"""


def test_cleaning_again_keeps_bylines_subheads_and_a_headline_after_a_credited_caption():
    once = clean_page(PAGE_WITH_BYLINE_SUBHEAD_AND_CREDITED_CAPTION).document
    first, second = once.to_json()["articles"]
    assert first["byline"] == "By Jane Smith" and first["headline"] is None
    assert "'All Bets Are Off.'" in first["paragraphs"]
    assert first["captions"] == ["Scene. Can the city pay for its schools? (File photo)"]
    assert second["headline"] == "Can the city pay for its schools?"
    assert clean_page(once.text).document.to_json() == once.to_json()


def test_offsets_point_into_the_clean_text(sample):
    document = sample.document
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
    block = document.block_at(document.text.index("Lavrov said that"))
    assert block is not None and block.kind == "paragraph"


def test_explain_lists_decisions_with_evidence(sample):
    frame = sample.decisions_df()
    assert {"action", "line", "before", "after", "evidence"} <= set(frame.columns)
    kept = frame[(frame.action == "keep-hyphen") & frame.after.str.contains("Russian-made")]
    assert len(kept) >= 1 and kept.evidence.str.len().min() > 10
    assert (frame.action == "join-drop-capital").sum() == 2
    assert frame.action.iloc[0] == "page-kind" and frame.after.iloc[0] == "text layer"
    assert (frame.action == "headline").sum() == 1


def test_load_document_reads_and_cleans_a_page():
    document = load_document(SAMPLE)
    assert document.article_count() == 2
    assert document.source == str(SAMPLE)


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared is not here")
def test_sample_page_matches_the_gold_layout(sample):
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score_layout.py")
    score_layout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_layout)
    gold = json.loads((SHARED / "gold" / "seed_layout.json").read_text(encoding="utf-8"))
    scores = score_layout.score(gold["articles"], sample.document.to_json()["articles"])
    assert scores["word_error_rate"] <= 0.002
    assert scores["paragraph_f1"] == 1.0
    assert scores["caption_leak"] == 0.0
    assert scores["articles"] == [2, 2]


def test_ocr_specks_read_as_underscores_are_removed():
    page = "Partial transcript as_ fol-\nlows: let’s _ start with\nthe news.\n\n___.\n\nNext.\n"
    text = clean(page)
    assert text.startswith("Partial transcript as follows: let’s start with the news.")
    assert "\n\n___.\n\n" in text  # a rule of underscores is not a speck


@pytest.mark.parametrize(
    ("page", "start"),
    [
        ("A\n\nunion representing flight atten-\ndants endorsed her.\n", "A union representing"),
        (" I \n\nknow all about the deal, he\nsaid.\n", "I know all about"),
        ("A\nRepublican staffer resigned on\nMonday.\n", "A Republican staffer"),
        (" I \n\nranian and Russian interests\nclashed.\n", "Iranian and Russian"),
    ],
)
def test_drop_capital_word_or_word_start_is_decided_by_the_words(page, start):
    assert clean(page).startswith(start)


def test_suspended_hyphen_at_a_line_end_keeps_its_space():
    page = "taxes on 8 million low-\nand middle-income Americans, day-\nto-day.\n"
    assert clean(page) == "taxes on 8 million low- and middle-income Americans, day-to-day."


def test_headline_with_a_title_before_a_drop_capital():
    page = (
        "The first story ends\nwith this sentence.\n"
        " GOP Smackdown: Rep. Labrador Enters The Race\n"
        " I \nn one of the highest-pro-\nfile showdowns of the year.\n"
    )
    articles = clean_page(page).document.articles()
    assert articles[1].headline == "GOP Smackdown: Rep. Labrador Enters The Race"
    assert articles[1].paragraphs[0].startswith("In one of the highest-profile showdowns")


def test_photo_credit_marks_a_caption_between_articles():
    page = (
        "The first story ends\nwith this sentence.\n"
        " Michele Bachmann waves to the crowd in Philadelphia (EPA)\n"
        " NRA Report Recommends Arming Teachers\n\n"
        "The report was released\non Tuesday.\n"
    )
    articles = clean_page(page).document.articles()
    assert articles[0].captions == ["Michele Bachmann waves to the crowd in Philadelphia (EPA)"]
    assert articles[1].headline == "NRA Report Recommends Arming Teachers"


def test_ocr_caption_and_headline_without_their_indent_are_set_apart():
    page = (
        "The group said it is open to a\ndiscussion about the age.\n\n"
        "Looking ahead. Social Security\nlistens during a hearing in New York\n(Reuters)\n\n"
        "Mike Huckabee Is\nRunning For\nPresident\n\n"
        "The former governor said on\nTuesday that he would run.\n"
    )
    articles = clean_page(page).document.articles()
    assert articles[0].captions == [
        "Looking ahead. Social Security listens during a hearing in New York (Reuters)"
    ]
    assert articles[1].headline == "Mike Huckabee Is Running For President"
    assert articles[1].paragraphs == ["The former governor said on Tuesday that he would run."]


# Lines read back by Tesseract from pages made of real articles (benchmarks/make_pages.py
# --ocr): OCR keeps no indent, so captions and titles stand among the body lines.
OCR_BODY_BEFORE = (
    "Hillary Clinton has gotten into\nsome trouble at high-dollar events\n"
    "with rich donors. At a recent fun-\ndraising gig in New York with\n"
    "celebrity Barbra Streisand, Clin-\nton called half of Donald Trump’s\n"
    "supporters “deplorables.”\n\n"
)
OCR_BODY_AFTER = (
    "If Donald Trump could make\nmoney doing it, Vermont Sen.\n"
    "Bernie Sanders is against it. He\nsaid so in a speech on Monday to\n"
    "a crowd of students in Ohio and\npromised a bill in the Senate.\n"
)


@pytest.mark.parametrize(
    "caption",
    [
        # A label and a photo's position in the middle, no credit at the end.
        "Tough talk. President Obama (L)\nshakes hands with President Obama\nin Columbus, Ohio",
        # A label, and a first line wider than the column (a caption's smaller type).
        "Fighting words. A supporter holds a sign outside\na rally in Des Moines, Iowa",
    ],
)
def test_ocr_labelled_caption_without_a_credit_is_set_apart(caption):
    title = "Railing Against\nTrump, Sanders\nVows To Eliminate\nTax Breaks Used\nBy Real Estate\nDevelopers"
    page = OCR_BODY_BEFORE + caption + "\n\n" + title + "\n\n" + OCR_BODY_AFTER
    articles = clean_page(page).document.articles()
    assert articles[0].captions == [" ".join(caption.split("\n"))]
    assert articles[0].paragraphs[-1].endswith("“deplorables.”")
    # Six lines of title, one broken at a comma.
    expected = (
        "Railing Against Trump, Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers"
    )
    assert articles[1].headline == expected
    assert articles[1].paragraphs[0].startswith("If Donald Trump could make money")


def test_ocr_title_case_headline_may_break_at_commas_and_end_on_an_initialism():
    title = "Clinton Is 'Sane'\nAnd 'Competent,'\nUnlike Trump,\nBloomberg Tells\nU.S."
    articles = clean_page(OCR_BODY_BEFORE + title + "\n\n" + OCR_BODY_AFTER).document.articles()
    assert (
        articles[1].headline
        == "Clinton Is 'Sane' And 'Competent,' Unlike Trump, Bloomberg Tells U.S."
    )


def test_ocr_sentence_case_headline_is_told_by_its_short_lines():
    title = "Poll: Clinton and Trump\nin dead heat heading\ninto first debate"
    page = OCR_BODY_BEFORE + title + "\n\n" + OCR_BODY_AFTER
    articles = clean_page(page).document.articles()
    assert articles[1].headline == "Poll: Clinton and Trump in dead heat heading into first debate"
    # A column cut on one of the commonest words is body text, not a title ...
    cut = OCR_BODY_BEFORE + "The Bloomberg\npoll shows that\n\n" + OCR_BODY_AFTER
    assert len(clean_page(cut).document.articles()) == 1
    # ... and so is a sentence-case block on a page that indents its titles.
    indented = " An Indented Title\n\n" + page
    assert [a.headline for a in clean_page(indented).document.articles()] == ["An Indented Title"]


def test_ocr_drop_capital_read_on_the_next_line_goes_back_to_its_word():
    page = (
        "Alabama Republicans\nDefend Roy Moore: ‘It\nWas 40 Years Ago’\n\n"
        "epublican officials in Alabama\nR staunchly defended their\n"
        "party’s Senate nominee, Roy S.\nMoore, after a report that he\n"
        "had made sexual advances toward\nfour teenage girls when he was\n"
    )
    result = clean_page(page)
    article = result.document.articles()[0]
    assert article.headline == "Alabama Republicans Defend Roy Moore: ‘It Was 40 Years Ago’"
    assert article.paragraphs[0].startswith("Republican officials in Alabama staunchly defended")
    assert [d.after for d in result.decisions if d.action == "drop-capital-below"] == ["Republican"]


def test_ocr_lost_drop_capital_comes_back_only_when_one_letter_makes_the_word():
    title = "Trump not walking\nthe walk on his tax\nclaims\n\n"
    body = (
        "onald Trump, under fire\nover his taxes, is casting\nhimself as a champion of\n"
        "the little guy when it\ncomes to rewriting the tax\ncode, Donald Trump says.\n"
    )
    article = clean_page(OCR_BODY_BEFORE + title + body).document.articles()[1]
    assert article.headline == "Trump not walking the walk on his tax claims"
    assert article.paragraphs[0].startswith("Donald Trump, under fire over his taxes")
    # "onald" without "Donald" on the page: "Donald" and "Ronald" are both words; no guess.
    before = "The senator said he would\nintroduce a bill in the next\nsession of the Senate.\n\n"
    unsure = before + title + body.replace("code, Donald Trump says.", "code, he says.")
    assert "claims onald Trump, under fire" in clean(unsure)  # and so no title is seen
    # A page that indents its lines is no OCR page: nothing is restored there.
    indented = " An Indented Title\n\n" + body
    assert clean_page(indented).document.articles()[0].paragraphs[0].startswith("onald Trump")


def test_ocr_block_opening_on_the_rest_of_a_cut_word_is_left_to_the_join():
    page = OCR_BODY_BEFORE + "The committee voted on the govern-\n\nment plan on Monday.\n"
    assert "government plan on Monday." in clean(page)


def test_caption_wrapped_on_two_display_lines_is_one_caption():
    page = (
        "the remainder of my term in\nCongress, I know in my heart\n"
        " Tough talk. Lauren Greene speaks to supporters\n"
        " in Washington, on Sunday. (Reuters)\n"
        "it’s time for me to move on.\n"
    )
    article = clean_page(page).document.articles()[0]
    assert article.captions == [
        "Tough talk. Lauren Greene speaks to supporters in Washington, on Sunday. (Reuters)"
    ]
    assert article.paragraphs == [
        "the remainder of my term in Congress, I know in my heart it’s time for me to move on."
    ]


def test_one_letter_before_a_line_end_hyphen_keeps_it():
    page = "Sen. Tim Scott (R-\nS.C.) wore a T-\nshirt.\n"
    assert clean(page) == "Sen. Tim Scott (R-S.C.) wore a T-shirt."


def test_column_break_after_a_middle_initial():
    page = "said Representative Anthony D.\n\nWeiner of New York on\nTuesday.\n"
    assert clean(page) == "said Representative Anthony D. Weiner of New York on Tuesday."


# The cleaner's fast paths must give the same answers as the plain definitions
# they replace (a regex searched over the whole line, words counted by the regex).


def test_ends_sentence_agrees_with_the_regex_on_every_line_of_the_page():
    from reader.clean.sentences import SENTENCE_END
    from reader.text import ends_sentence

    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    variants = [line + tail for line in lines for tail in ("", "”", ".’)", "\n", "?\n\n")]
    disagree = [v for v in variants if ends_sentence(v) != bool(SENTENCE_END.search(v))]
    assert disagree == []
    assert sum(map(ends_sentence, lines)) > 20  # the page has finished sentences


def test_word_evidence_counts_every_word_the_regex_finds():
    from collections import Counter

    from reader.clean.hyphens import WORD, WordEvidence, _without_broken_words

    text = SAMPLE.read_text(encoding="utf-8")
    words = WORD.findall(_without_broken_words(text).lower().replace("’", "'"))
    expected = Counter(words)
    for word, count in list(expected.items()):
        if "-" in word:
            for part in word.split("-"):
                expected[part] += count
    evidence = WordEvidence.from_text(text)
    assert evidence.counts == expected
    assert evidence.seen("Maliki") >= 5 and evidence.seen("Vice-President") >= 1


@pytest.mark.parametrize("chunk_chars", [1, 2_000, 30_000])
def test_long_text_is_cut_only_at_finished_paragraphs(chunk_chars):
    text = (SAMPLE.read_text(encoding="utf-8") + "\n\n") * 5
    pieces = list(iter_page_chunks(io.StringIO(text), chunk_chars))
    assert "".join(pieces) == text
    assert len(pieces) > 1
    for piece, following in zip(pieces, pieces[1:]):
        assert len(piece) >= chunk_chars
        assert ends_sentence(piece.rstrip()), piece[-60:]
        assert following.split("\n", 1)[0].strip() == "", "a piece ends before a blank line"


def test_seams_count_lines_within_their_own_paragraph_after_an_empty_one():
    from reader.clean.hyphens import WordEvidence, join_paragraphs

    evidence = WordEvidence.from_text("")
    texts, seams = join_paragraphs([["  "], ["Russia’s Fed-", "eral Service"]], evidence)
    assert texts == ["", "Russia’s Federal Service"]
    # the seam is before line 1 of paragraph 1, as it is without the empty paragraph
    assert [(paragraph, seam.line) for paragraph, seam in seams] == [(1, 1)]
    alone = join_paragraphs([["Russia’s Fed-", "eral Service"]], evidence)[1]
    assert [(paragraph, seam.line) for paragraph, seam in alone] == [(0, 1)]


# Real Tesseract lines (shared/data/dev-pages/ocr/ocr01): a title set across two columns
# reads as a line far wider than the column; a row cut in two by a wide gap leaves the
# piece "“American / Shots)”", which is no title.
OCR_WIDE_TITLE_PAGE = """“Promise mama you'll
keep your hands in sight,”
Blige sings to Clinton be-
fore asking her, “I just
want to know, where do
we go from here?”

“American
Shots)”

Skin (41
was written by

Springsteen after the
1999 shooting death of
Guinea immigrant

Amadou Diallo, who was
shot at 41 times by four
plain-clothes NYPD offi-
cers.

Mary J. Blige sings to Hillary Clinton in preview
clip of ‘The 411.’

The clip has faced ridicule
online since it was re-
leased on Tuesday.
"""


def test_ocr_title_wider_than_the_column_starts_an_article():
    articles = clean_page(OCR_WIDE_TITLE_PAGE).document.articles()
    assert [a.headline for a in articles] == [
        None,
        "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’",
    ]
    assert articles[1].paragraphs == [
        "The clip has faced ridicule online since it was released on Tuesday."
    ]


def test_a_block_closing_a_bracket_it_never_opened_is_no_title():
    [first, _] = clean_page(OCR_WIDE_TITLE_PAGE).document.articles()
    assert first.headline is None
    assert "“American Shots)”" in first.paragraphs


# Real Tesseract lines from a made page (a BASIL article): a quotation runs over several
# paragraphs, and a newspaper closes it only at the end of the last one.
LONG_QUOTATION = """“Needless to say, the war in Af-
ghanistan was not “a war of Obama’s
choosing.” It has been prosecuted by
the United States under Presidents
Bush and Obama. Indeed, as the DNC
Communications Director has said,
your statement “puts [you] at odds
with about 100 percent of the Repub-
lican Party.

And not on a trivial matter. At a

time when Gen. Petraeus has just
taken over command, the chairman
should rally his party.”
"""


def test_a_short_line_ends_its_paragraph_inside_an_open_quotation():
    paragraphs = clean_page(LONG_QUOTATION).document.articles()[0].paragraphs
    assert [p[:20] for p in paragraphs] == ["“Needless to say, th", "And not on a trivial"]
    # The blank line after "At a", a full line, is a column break inside the paragraph.
    assert "At a time when Gen. Petraeus" in paragraphs[1]


def test_a_full_line_inside_an_open_quotation_is_cut_by_a_column_break():
    page = LONG_QUOTATION.replace(
        "lican Party.\n\nAnd not", "lican Party, as we all know well.\n\nAnd not"
    )
    paragraphs = clean_page(page).document.articles()[0].paragraphs
    assert len(paragraphs) == 1


# Real Tesseract lines from made pages (BASIL articles): behind an opening quote the
# serif "I" is read as "T".
OCR_QUOTED_I = """House Republicans declined to.

“T was stunned when Eric Cantor lost his
primary election earlier this week. Eric is

a good friend,” he said.

“Tf you look at what’s going on, “T’m sure
it will pass,” Boehner said. “The vote is set.”

"| know how hard this job is," Obama said.
"""


def test_ocr_i_read_as_t_after_an_opening_quote_is_put_back():
    result = clean_page(OCR_QUOTED_I)
    paragraphs = result.document.articles()[0].paragraphs
    assert paragraphs[1].startswith("“I was stunned when Eric Cantor")
    assert paragraphs[2] == (
        "“If you look at what’s going on, “I’m sure it will pass,” Boehner said. “The vote is set.”"
    )
    assert paragraphs[3] == '"I know how hard this job is," Obama said.'
    assert [d.action for d in result.decisions].count("i-read-as-t") == 3


def test_a_page_with_indented_lines_keeps_its_letters():
    page = " A caption set apart (Reuters)\n\n" + OCR_QUOTED_I
    assert "“T was stunned" in clean_page(page).document.text


# Real Tesseract lines from made pages (BASIL articles): the drop capitals of a dateline
# lost ("SHINGTON") or set on the line below ("HOENIX" / "P sent a bill").
OCR_DATELINES = """SHINGTON — President Trump
declared a national emergency
on the border with Mexico.

Governor of Arizona Is
Pressed to Veto Bill

HOENIX — As the Arizona Legislature
P sent a bill to her desk Monday that
would grant business owners the right
to invoke religion to refuse service.
"""


def test_ocr_dateline_gets_its_lost_drop_capitals_back():
    articles = clean_page(OCR_DATELINES).document.articles()
    assert articles[0].paragraphs[0].startswith("WASHINGTON — President Trump declared")
    assert articles[1].headline == "Governor of Arizona Is Pressed to Veto Bill"
    assert articles[1].paragraphs[0].startswith("PHOENIX — As the Arizona Legislature sent a bill")


def test_ocr_words_run_together_are_split():
    # Real Tesseract lines from made pages (polnear and BASIL articles).
    page = (
        "“I understand the appeal ofa\nmovement like this,” Mr. Steele wrote ina\n"
        "letter, after the senator spoke ata\nrally in the fora of the party.\n"
    )
    text = clean_page(page).document.text
    assert "appeal of a movement" in text and "wrote in a letter" in text
    assert "spoke at a rally" in text and "the fora of" in text  # "fora" is a word


# Real Tesseract lines: the drop capital "A", a word of its own, read at the start of
# the second line (a made polnear page; shared/data/dev-pages/ocr/ocr00 has another).
OCR_MOVED_A = """lawmakers to finally fix the tax system. If
all the attention on Mr. Trump's tax bill
(or lack of one) isn't enough to inspire a
complete rewrite of the tax code, this
study may be.

Federal court rules against
Ohio's purges of voter rolls

federal appeals court ruled Friday
A against Ohio's procedure for removing
voters from state rolls, dealing a
blow to Republican Secretary of State
Jon Husted and handing a victory to
voting rights advocates in a key
presidential swing state.
"""


def test_ocr_drop_capital_a_read_on_the_second_line_goes_back():
    articles = clean_page(OCR_MOVED_A).document.articles()
    assert articles[1].headline == "Federal court rules against Ohio's purges of voter rolls"
    assert articles[1].paragraphs[0].startswith("A federal appeals court ruled Friday against")
    page = "Read the rest here.\n\nBloomberg\nA poll shows that\nAmericans living in\n"
    assert "A Bloomberg poll shows that Americans" in clean_page(page).document.text


def test_a_capital_a_after_a_finished_sentence_stays():
    page = "He left.\n\nthe video, which was made last week.\nA second person went with him\nto the court.\n"
    assert "week. A second person" in clean_page(page).document.text
