"""Who said it, on real news sentences (PolNeAR dev articles and the forms issue 21 lists):
titles kept, channels never speakers, round-ups, a paragraph about one person, and
the evidence every speaker decision carries."""

from __future__ import annotations

from reader import Document
from reader.quotes import SPEAKER_RULES, find_quotes, quotes_df


def quotes_of(*paragraphs: str):
    return find_quotes(Document.from_text("\n\n".join(paragraphs)))


def test_title_abbreviation_stays_with_the_name():
    (quote,) = quotes_of(
        '"To be frank, the city will never go back to normal as we understood it, and this '
        'is a good thing," said the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist '
        "Church."
    )
    assert quote.speaker == "Peter Wherry"  # not "the Rev"
    assert quote.clause == "said the Rev. Peter Wherry"


def test_nickname_inside_a_name_does_not_hide_the_speaker():
    first, _nickname, second = quotes_of(
        '"This is a big year for our potential United States senator, Bobby Scott!" Scott\'s '
        'niece, state Del. Marcia "Cia" Price (D-Newport News), shouted to the crowd. "The '
        'nation is watching Virginia. ... We have to show that we have his back."'
    )
    assert (first.speaker, first.cue) == ("Marcia Price", "shouted")
    assert second.speaker == "Marcia Price"


def test_statement_is_not_the_speaker_the_body_that_issued_it_is():
    first, second = quotes_of(
        "Following a swiftly called, late-afternoon meeting, the Security Council issued a "
        'statement calling the overnight nuclear test "a clear violation and in flagrant '
        'disregard" of five previous Security Council resolutions. The statement noted they '
        'had previously said they would take "further significant measures" if North Korea '
        "conducted another test."
    )
    assert first.speaker == second.speaker
    assert "Security Council" in first.speaker
    assert (first.rule, second.rule) == ("channel owner", "channel owner")


def test_report_named_by_its_owner_is_the_owners():
    (quote,) = quotes_of(
        "A number of other members of Congress echo her concerns, in large part because the "
        'primary requirement for the EB-5 program is a "lawful source of investment income," '
        "as a Homeland Security memo put it."
    )
    assert quote.speaker == "Homeland Security"


def test_his_office_speaks_for_the_person_named_before():
    (quote,) = quotes_of(
        "Rep. Chris Collins was indicted on Wednesday. His office released a statement saying "
        'the congressman "will be vindicated."'
    )
    assert quote.speaker == "Chris Collins"


def test_possessive_owner_of_a_tweet():
    (quote,) = quotes_of('"I am greatly honored by the endorsement," Trump\'s tweet read.')
    assert quote.speaker == "Trump"


def test_channel_without_an_owner_has_no_speaker():
    (quote,) = quotes_of(
        'The letter was unsigned. "Our support for charter schools is not abstract," the '
        "letter said."
    )
    assert quote.speaker is None


def test_name_outlet_round_up():
    quotes = quotes_of(
        "Pundits were quick to judge the first debate.",
        'Rich Lowry, National Review: "Trump had a good first half hour and then it went '
        'downhill."',
    )
    assert [(q.speaker, q.outlet, q.rule) for q in quotes] == [
        ("Rich Lowry", "National Review", "round-up")
    ]


def test_name_handle_on_twitter_round_up():
    quotes = quotes_of(
        "Ana Navarro (@ananavarro) on Twitter:",
        '"Trump is lucky there are no more debates this week."',
    )
    assert [(q.speaker, q.outlet) for q in quotes] == [("Ana Navarro", "Twitter")]


def test_paragraph_about_one_person_gives_a_quote_without_a_cue():
    first, *_ = quotes_of(
        "House Speaker Paul Ryan, R-Wis., despite admitting that he did have his concerns "
        "about “trial lawyers trying to get rich” and general “legal matters” that could be "
        "worrisome, the victims “do need to have their day in court” and he does believe "
        "McConnell is correct."
    )
    assert (first.speaker, first.rule) == ("Paul Ryan", "about one person")
    # someone else named between: no speaker rather than a guess
    (quote, _) = quotes_of(
        "In recent weeks, Reid has gone after Trump as a “human leech who will bleed the "
        "country” and a “spoiled brat.”"
    )
    assert quote.speaker is None


def test_pronoun_after_a_person_named_in_its_own_sentence():
    quotes = quotes_of(
        '"He is not doing well," Oz said of the candidate.',
        "Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “The scientific community is "
        "almost monolithic against you in terms of the efficacy of the three products you "
        "called ‘miracles,’” she said.",
    )
    assert quotes[-1].speaker == "Claire McCaskill"


def test_every_speaker_decision_carries_its_rule_and_clause_in_the_table():
    quotes = quotes_of("“We want bigger openness,” Maliki said. “We need Russia.”")
    frame = quotes_df(quotes)
    assert frame[["speaker", "cue", "rule", "clause"]].values.tolist() == [
        ["Maliki", "said", "tag", "Maliki said"],
        ["Maliki", "said", "continues", "Maliki said"],
    ]
    assert set(frame["rule"]) <= set(SPEAKER_RULES)


def test_quote_viewer_shows_each_speaker_decisions_evidence_on_hover():
    from reader.widgets import QuoteViewer

    document = Document.from_text(
        '"To be frank, the city will never go back to normal <as we understood it>," said the '
        "Rev. Peter Wherry. The Council met. “Let's not rush,” it said."
    )
    viewer = QuoteViewer(document)
    html = viewer.article.value
    assert "&lt;as we understood it&gt;" in html  # the page's text is escaped
    assert (
        'title="Peter Wherry — rule: tag (a cue and its speaker in the quote&#39;s own '
        'sentence (“…,” Maliki said)); cue: said; clause: “said the Rev. Peter Wherry”"'
    ) in html
    assert html.count("<q ") == len(viewer.quotes) == 2


def test_tag_of_an_earlier_quote_and_a_list_of_quotes_keep_their_own_speaker():
    quotes = quotes_of(
        "“You winning?” she said, but Kevin was drifting off again, and as Trump went on about "
        "“how the system is rigged,” and “wounded American families” and “our own struggling "
        "citizens,” Melanie said yes, yes, yes, over and over again."
    )
    assert [q.speaker for q in quotes[1:]] == ["Trump", "Trump", "Trump"]


def test_he_is_the_person_named_as_the_subject_since_the_last_quote():
    quotes = quotes_of(
        "“The solution to this impasse was to separate funding the government from our "
        "disagreements over border security,” Chuck Schumer said.",
        "Donald Trump spent most of his speech on Friday rehashing his usual talking points "
        "about crime at the border.",
        "“We really have no choice but to build a powerful wall or a steel barrier,” he said.",
    )
    assert (quotes[-1].speaker, quotes[-1].rule) == ("Donald Trump", "pronoun")
