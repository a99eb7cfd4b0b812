"""Actors on the sample page: found, typed, grouped under every name the page uses."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from reader import SAMPLE_PAGE, Block, Document
from reader.actors import (
    Actor,
    ActorResult,
    Gazetteer,
    GazetteerEntry,
    Mention,
    actor_concordance,
    actors_json,
    cooccurrence_counts,
    find_actors,
    find_actors_in_pieces,
    load_gazetteer,
    page_gazetteer_path,
    save_gazetteer,
    text_pieces,
)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# The required actors of the sample page and the names the page uses for them
# (from the hand-checked gold in ../shared/gold/seed_actors.json, kept here so the
# test runs in a fresh clone).
REQUIRED = {
    "Nuri al-Maliki": (
        "person",
        ["Nuri al-Maliki", "Maliki", "Iraqi Vice-President Nuri al-Maliki"],
    ),
    "Sergei Lavrov": ("person", ["Sergei Lavrov", "Lavrov"]),
    "Vladimir Putin": ("person", ["Vladimir Putin", "Putin"]),
    "Valentina Matviyenko": ("person", ["Valentina Matviyenko"]),
    "Haider al-Abadi": ("person", ["Haider al-Abadi"]),
    "Tom O’Connor": ("person", ["Tom O’Connor"]),
    "Dmitry Shugaev": ("person", ["Dmitry Shugaev"]),
    "Amir Taheri": ("person", ["Amir Taheri"]),
    "Aydin Mehdiyev": ("person", ["Aydin Mehdiyev"]),
    "Michael Knights": ("person", ["Michael Knights"]),
    "Ruhollah Khomeini": ("person", ["Ayatollah Ruhollah Khomeini", "Ruhollah Khomeini"]),
    "Saddam Hussein": ("person", ["Saddam Hussein"]),
    "Iraq": ("state", ["Iraq", "Iraqi", "Iraqis", "Baghdad"]),
    "Russia": ("state", ["Russia", "Russian", "Moscow", "Kremlin"]),
    "Iran": ("state", ["Iran", "Iranian", "Tehran", "Islamic Republic"]),
    "United States": ("state", ["United States", "US", "American", "Washington"]),
    "Syria": ("state", ["Syria"]),
    "Saudi Arabia": ("state", ["Saudi Arabia"]),
    "Israel": ("state", ["Israel"]),
    "TASS": ("outlet", ["TASS"]),
    "Newsweek": ("outlet", ["Newsweek"]),
    "Asharq Al-Awsat": ("outlet", ["Asharq Al-Awsat"]),
    "Pravda.ru": ("outlet", ["Pravda.ru"]),
    "Rudaw English": ("outlet", ["Rudaw English"]),
    "Islamic State": ("armed group", ["Islamic State", "ISIS"]),
    "al-Qaeda": ("armed group", ["al-Qaeda"]),
    "Hezbollah": ("armed group", ["Hezbollah"]),
    "Washington Institute for Near East Policy": (
        "organisation",
        ["Washington Institute for Near East Policy"],
    ),
}
REQUIRED_PEOPLE = [name for name, (kind, _) in REQUIRED.items() if kind == "person"]
NOT_PEOPLE = [
    "Persian Gulf",
    "Caspian Sea",
    "Green Revolution",
    "St Petersburg",
    "Middle East",
    "Persian Empire",
    "Soviet Union",
    "Lesser Satan",
    "Great Satan",
    "Islamic Republic",
]


@pytest.fixture(scope="module")
def with_page_list(sample_document: Document) -> ActorResult:
    return find_actors(sample_document, page_path=SAMPLE_PAGE)


@pytest.fixture(scope="module")
def without_page_list(sample_document: Document) -> ActorResult:
    return find_actors(sample_document)


def grouped(result: ActorResult, document: Document, name: str, kind: str, alias: str) -> bool:
    """Every place the page writes ``alias`` is covered by a mention of actor ``name``."""
    actor = result.actor_named(name)
    if actor is None or actor.type != kind:
        return False
    spans = [(m.start, m.end) for m in result.mentions if m.actor == actor.name]
    places = [m.start() for m in re.finditer(re.escape(alias), document.text)]
    return bool(places) and any(s < p + len(alias) and p < e for p in places for s, e in spans)


@pytest.mark.parametrize("name", list(REQUIRED))
def test_required_actor_is_found_with_all_its_aliases(sample_document, with_page_list, name):
    kind, aliases = REQUIRED[name]
    missing = [a for a in aliases if not grouped(with_page_list, sample_document, name, kind, a)]
    assert not missing, f"{name}: aliases not grouped under it: {missing}"


def test_all_required_people_found_by_base_list_and_discovery_alone(
    sample_document, without_page_list
):
    missing = [
        n
        for n in REQUIRED_PEOPLE
        if not grouped(without_page_list, sample_document, n, "person", n.split()[-1])
    ]
    assert missing == []
    assert without_page_list.actor_named("Lavrov").name == "Sergei Lavrov"


@pytest.mark.parametrize("result_name", ["with_page_list", "without_page_list"])
def test_no_place_or_event_is_typed_as_a_person(request, result_name):
    result = request.getfixturevalue(result_name)
    people_text = {m.text for m in result.mentions if m.type == "person"}
    assert not people_text & set(NOT_PEOPLE)
    assert not any(
        word in text for text in people_text for word in ("Sea", "Gulf", "Revolution", "East")
    )


def test_title_becomes_role_linked_to_its_state(without_page_list):
    lavrov = without_page_list.actor_named("Sergei Lavrov")
    assert lavrov.roles == ["Russian Foreign Minister"]
    assert lavrov.affiliations == ["Russia"]
    maliki = without_page_list.actor_named("Maliki")
    assert "Iraqi Vice-President" in maliki.roles and "Iraq" in maliki.affiliations


def test_the_former_iraqi_prime_minister_is_maliki(with_page_list, without_page_list):
    for result in (with_page_list, without_page_list):
        role = [m for m in result.mentions if m.text == "The former Iraqi prime minister"]
        assert [m.actor for m in role] == ["Nuri al-Maliki"]


def test_a_possessive_office_is_not_a_person(without_page_list):
    assert not [m for m in without_page_list.mentions if m.text == "the prime minister"]


def test_mentions_inside_compounds_are_found_and_marked(sample_document, without_page_list):
    compound = {(m.text, m.actor) for m in without_page_list.mentions if m.in_compound}
    assert {
        ("Moscow", "Russia"),
        ("Tehran", "Iran"),
        ("Damascus", "Syria"),
        ("Kremlin", "Russia"),
    } <= compound
    assert ("Putin", "Vladimir Putin") in compound  # anti-Putin demonstrations
    assert ("Iran", "Iran") in compound  # Iran-backed
    plain = [m for m in without_page_list.mentions if m.text == "Maliki"][0]
    assert not plain.in_compound


def test_washington_alone_is_the_us_but_the_institute_is_a_think_tank(without_page_list):
    institute = without_page_list.actor_named("Washington Institute for Near East Policy")
    assert institute.type == "organisation"
    washington = [
        m
        for m in without_page_list.mentions
        if m.actor == "United States" and m.text == "Washington"
    ]
    (think_tank,) = without_page_list.mentions_of(institute.name)
    assert len(washington) == 5  # every other "Washington" on the page
    assert not [m for m in washington if think_tank.start <= m.start < think_tank.end]


def test_islamic_republic_is_iran_and_islamic_state_an_armed_group(without_page_list):
    assert without_page_list.actor_named("Islamic Republic").name == "Iran"
    assert without_page_list.actor_named("ISIS").type == "armed group"


def test_sentence_opening_words_do_not_become_actors(without_page_list):
    names = {a.name for a in without_page_list.actors}
    for opener in (
        "Despite",
        "Several",
        "Following",
        "Fortunately",
        "Similarly",
        "Historically",
        "Most",
        "Even",
    ):
        assert not any(n.startswith(opener) for n in names), opener


def test_mentions_point_into_the_text_and_never_overlap(sample_document, with_page_list):
    previous_end = -1
    for m in with_page_list.mentions:
        assert sample_document.text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end
    assert all(m.sentence is not None for m in with_page_list.mentions)


def test_mentions_and_actors_as_dataframes(with_page_list):
    mentions = with_page_list.mentions_df()
    assert list(mentions.columns) == [
        "actor",
        "type",
        "text",
        "start",
        "end",
        "paragraph",
        "sentence",
        "role",
        "in_compound",
    ]
    actors = with_page_list.actors_df(quoted={"Nuri al-Maliki"})
    assert list(actors.columns) == [
        "name",
        "type",
        "mentions",
        "first_start",
        "roles",
        "quoted",
        "aliases",
    ]
    maliki = actors.set_index("name").loc["Nuri al-Maliki"]
    assert maliki.mentions >= 15 and bool(maliki.quoted) is True
    assert (
        actors.set_index("name").loc["Russia", "quoted"] is False
        or not actors.set_index("name").loc["Russia", "quoted"]
    )


def test_actor_at_prefers_the_person(sample_document, with_page_list):
    start = sample_document.text.index("Iraqi Vice-President Nuri al-Maliki")
    assert with_page_list.actor_at(start, start + 35).name == "Nuri al-Maliki"
    assert with_page_list.actor_at(start, start + 5).name == "Iraq"


def test_names_with_particles_curly_apostrophes_and_initials():
    doc = Document.from_blocks(
        [
            Block(
                "paragraph",
                (
                    "Mayor Bill de Blasio met Tom O’Connor and Ursula von der Leyen. "
                    "Osama bin Laden was named by House Speaker Paul D. Ryan, who said Ryan would act. "
                    "Secretary of State John F. Kerry spoke to Saudi Crown Prince Mohammed bin Salman."
                ),
            )
        ]
    )
    result = find_actors(doc)
    people = {a.name for a in result.actors if a.type == "person"}
    assert {
        "Bill de Blasio",
        "Tom O’Connor",
        "Ursula von der Leyen",
        "Osama bin Laden",
        "Paul D. Ryan",
        "John F. Kerry",
        "Mohammed bin Salman",
    } <= people
    assert len(result.mentions_of("Paul D. Ryan")) == 2
    assert result.actor_named("Mohammed bin Salman").affiliations == ["Saudi Arabia"]


def test_headline_in_title_case_finds_known_names_but_invents_none():
    doc = Document.from_blocks(
        [
            Block("headline", "Stealth Over Health: Hillary Clinton Was Headed to ER", article=0),
            Block(
                "paragraph",
                "Hillary Clinton was taken to her daughter’s flat, sources said.",
                article=0,
            ),
        ]
    )
    result = find_actors(doc)
    assert [a.name for a in result.actors] == ["Hillary Clinton"]
    assert len(result.mentions) == 2


def test_page_list_overrides_base_and_adds_names(tmp_path, sample_document):
    page = tmp_path / "page.txt"
    page.write_text("placeholder", encoding="utf-8")
    save_gazetteer(
        Gazetteer(
            [
                GazetteerEntry(
                    "Kremlin", "organisation", ["Kremlin"], "#123456", "Russian presidency"
                )
            ]
        ),
        page_gazetteer_path(page),
    )
    result = find_actors(sample_document, page_path=page)
    kremlin = result.actor_named("Kremlin")
    assert (
        kremlin.name == "Kremlin" and kremlin.type == "organisation" and kremlin.colour == "#123456"
    )
    assert result.actor_named("Moscow").name == "Russia"


def test_a_list_changed_in_place_is_read_again(sample_document):
    # A notebook may change an entry in place; the compiled matcher is cached per list,
    # so the change must be seen on the next call, not a call later or never.
    kremlin = GazetteerEntry("Kremlin", "organisation", ["Kremlin"], "#123456", "presidency")
    lists = Gazetteer([kremlin])
    assert find_actors(sample_document, gazetteer=lists).actor_named("Kremlin").colour == "#123456"
    assert find_actors(sample_document, gazetteer=lists).actor_named("Moscow").name == "Russia"
    kremlin.colour = "#654321"
    kremlin.aliases.append("Moscow")
    result = find_actors(sample_document, gazetteer=lists)
    assert result.actor_named("Kremlin").colour == "#654321"
    assert result.actor_named("Moscow").name == "Kremlin"
    # an equal list elsewhere shares the compiled matcher, and gets its own colours back
    twin = Gazetteer([GazetteerEntry("Kremlin", "organisation", ["Kremlin", "Moscow"])])
    assert find_actors(sample_document, gazetteer=twin).actor_named("Kremlin").colour is None


def test_a_short_list_searched_alias_by_alias_finds_what_the_regex_finds(
    sample_document, monkeypatch
):
    from reader.actors import gazetteer as actors_gazetteer

    entries = [
        GazetteerEntry("Nuri al-Maliki", "person", ["Maliki", "al-Maliki", "Nuri"]),
        GazetteerEntry("Russia", "state", ["Russian", "Russians", "Moscow", "Kremlin"]),
        GazetteerEntry("Iran", "state", ["Iranian", "Islamic Republic", "Tehran"]),
        GazetteerEntry("United States", "state", ["US", "U.S.", "Washington"]),
    ]
    tricky = (
        " RUSSIA, US-made, the U.S.A, Iran’s, Iran's, Iranians, anti-Iran, Moscow-Tehran,"
        " al-Maliki's, Maliki’sh, Nuri al-Maliki, Al-Maliki, iran, RussianRussian Russian."
    )
    texts = [sample_document.text, tricky, sample_document.text[:400] + tricky]
    few = actors_gazetteer.AliasMatcher(entries)
    assert few.regex is None  # a short list: no regex compiled
    monkeypatch.setattr(actors_gazetteer, "FEW_ALIASES", 0)
    compiled = actors_gazetteer.AliasMatcher(entries)
    assert compiled.regex is not None
    for text in texts:
        for start, end in ((0, None), (5, len(text) - 7)):
            assert few.find(text, start, end) == compiled.find(text, start, end)
    assert len(few.find(sample_document.text)) > 20
    # a long text is worth compiling for: the short list compiles then, with the same result
    long_text = "\n\n".join([sample_document.text] * 30)
    assert few.find(long_text) == compiled.find(long_text)
    assert few.regex is not None


def test_gazetteer_round_trip_and_atomic_write(tmp_path):
    path = tmp_path / "list.actors.csv"
    gazetteer = Gazetteer(
        [
            GazetteerEntry(
                "Asharq Al-Awsat", "outlet", ["Asharq al-Awsat", "A, B"], None, "pan-Arab daily"
            )
        ]
    )
    save_gazetteer(gazetteer, path)
    loaded = load_gazetteer(path)
    assert loaded.entries[0].aliases == ["Asharq al-Awsat", "A, B"]
    assert loaded.entries[0].description == "pan-Arab daily"
    assert [p.name for p in tmp_path.iterdir()] == ["list.actors.csv"]  # no temporary file left


def test_a_saved_actor_list_gets_the_umask_mode_and_keeps_an_existing_one(tmp_path):
    # A teacher copies the actor list from a shared drive as another user: 0600 locked them out.
    path = tmp_path / "list.actors.csv"
    gazetteer = Gazetteer([GazetteerEntry("TASS", "outlet", [], None, "")])
    old_umask = os.umask(0o022)
    try:
        save_gazetteer(gazetteer, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        path.chmod(0o640)
        save_gazetteer(gazetteer, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old_umask)


@pytest.mark.parametrize(
    "content, message",
    [
        ("name;type\nTASS;outlet\n", "header must start with name,type"),
        ("name,type,aliases\nTASS,newspaper,\n", "unknown type 'newspaper'"),
        ("name,type,aliases\nTASS,outlet,a,b,c,d\n", "line 2"),
        ("", "empty"),
    ],
)
def test_a_bad_gazetteer_gives_one_clear_line(tmp_path, content, message):
    path = tmp_path / "bad.actors.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_gazetteer(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_actors_json_and_command_line(tmp_path, capsys, sample_document):
    data = actors_json(sample_document, page_path=str(SAMPLE_PAGE))
    maliki = next(a for a in data["actors"] if a["name"] == "Nuri al-Maliki")
    assert maliki["type"] == "person"
    assert all(sample_document.text[m["start"] : m["end"]] == m["text"] for m in maliki["mentions"])
    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    from reader.cli import main

    assert main(["actors", str(page), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {a["name"] for a in printed["actors"]} >= {
        "Nuri al-Maliki",
        "Rudaw English",
        "Hezbollah",
    }


def test_concordance_lines_up_every_name_of_an_actor(sample_document, with_page_list):
    lines = actor_concordance(sample_document, with_page_list, "Maliki")
    assert len(lines) == len(with_page_list.mentions_of("Maliki"))
    assert {"Nuri al-Maliki", "Maliki", "The former Iraqi prime minister"} <= set(lines.mention)
    assert "Vice-President" in lines.left.iloc[0]


def test_cooccurrence_counts_sentences_not_mentions(with_page_list):
    counts = cooccurrence_counts(with_page_list)
    pair = counts[(counts.actor_a == "Nuri al-Maliki") & (counts.actor_b == "Russia")]
    assert list(counts.columns) == ["actor_a", "actor_b", "sentences"]
    assert int(pair.sentences.iloc[0]) >= 5
    same_sentence = {m.sentence for m in with_page_list.mentions if m.actor == "Sergei Lavrov"}
    assert len(same_sentence) == 2


@pytest.mark.shared
def test_seed_gold_required_actors(sample_document, with_page_list):
    gold_path = SHARED / "gold" / "seed_actors.json"
    if not gold_path.is_file():
        pytest.skip("../shared is absent")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["actors"]
    for actor in gold:
        if actor["required"]:
            for alias in actor["aliases"]:
                assert grouped(
                    with_page_list, sample_document, actor["name"], actor["type"], alias
                ), (
                    actor["name"],
                    alias,
                )


@pytest.mark.shared
def test_polnear_quote_sources_are_found_as_people_without_a_hand_made_list():
    corpus = SHARED / "data" / "polnear-dev"
    if not (corpus / "text").is_dir():
        pytest.skip("../shared is absent")
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "eval_actors_polnear.py"
    spec = importlib.util.spec_from_file_location("eval_actors_polnear", script)
    evaluation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluation)
    found, total = evaluation.evaluate(corpus)["people"]
    assert total > 400 and found / total >= 0.9


def test_a_particle_keeps_father_and_son_apart():
    doc = Document.from_text(
        "King Salman met Crown Prince Mohammed bin Salman. Later bin Salman said no. "
        "Mayor Bill de Blasio spoke; de Blasio left."
    )
    result = find_actors(doc)
    assert [(m.text, m.actor) for m in result.mentions] == [
        ("Salman", "Salman"),
        ("Mohammed bin Salman", "Mohammed bin Salman"),
        ("bin Salman", "Mohammed bin Salman"),
        ("Bill de Blasio", "Bill de Blasio"),
        ("de Blasio", "Bill de Blasio"),
    ]
    assert result.actor_named("Salman").roles == ["King"]


def test_a_shared_surname_goes_to_the_person_named_in_full_most_recently():
    # "Paul D. Ryan" is grouped before "Paul Ryan" (longer names first), although the
    # text names him as "Paul Ryan" first: his places must still be read in text order.
    doc = Document.from_text(
        "Speaker Paul Ryan met voters in Ohio. Representative Tim Ryan said he would not "
        "vote. On Monday the speaker, Paul D. Ryan, spoke again, and the plan that Ryan "
        "liked won."
    )
    result = find_actors(doc)
    assert [(m.text, m.actor) for m in result.mentions if m.type == "person"] == [
        ("Paul Ryan", "Paul D. Ryan"),
        ("Tim Ryan", "Tim Ryan"),
        ("Paul D. Ryan", "Paul D. Ryan"),
        ("Ryan", "Paul D. Ryan"),  # Tim Ryan was named in full before Paul D. Ryan
    ]


def test_a_lone_word_skipped_before_its_evidence_is_read_never_names_anyone(sample_document):
    # discover_names drops such one-word runs without looking at the words around
    # them; that is safe only if analyse_run would drop them whatever those words say.
    from reader.actors import base_gazetteer, discovery, document_sentences

    text = sample_document.text + " " + NAME_RUN_CASES
    covered = discovery._Covered((m.start, m.end) for m in base_gazetteer().matcher().find(text))
    lowercase = discovery.lowercase_vocabulary(text)
    starts = {start for start, _ in document_sentences(Document.from_text(text))}
    skipped = [
        run
        for run in discovery.name_runs(text, 0, len(text))
        if " " not in run.group() and discovery._lone_word_never_names(run.group())
    ]
    assert len({run.group() for run in skipped}) > 30  # "Although", "April", "NATO" ...
    for run in skipped:
        for evidence in ("speaks", "governs", "apposition", "age", "title", ""):
            for sentence_starts in (starts, set()):
                found = discovery.analyse_run(
                    text, *run.span(), covered, lowercase, sentence_starts, evidence
                )
                assert found == [], (run.group(), evidence)


# The name-run regex as a person would first write it: a token is a title, initials,
# a particle-led word or a capitalised word, and the run is tokens joined by spaces,
# particles or connectors.  `name_runs` is built for speed from other pieces; it must
# find exactly the same runs.
def _plain_name_run() -> re.Pattern:
    from reader.actors import discovery as d

    upper = d._UPPER
    word = (
        rf"[{upper}]\w*(?:[’'][{upper}]\w*)*(?:-[{upper}]\w*(?:[’'][{upper}]\w*)*)*"
        r"(?:-(?!(?:led|era|run|made|born|like|wide|held|type|free|rich|bred)\b)[a-z]{2,4}\b)?"
    )
    titles = "|".join(d._ABBREVIATED_TITLES)
    particles = "|".join(d._HYPHEN_PARTICLES)
    token = rf"(?:(?:{titles})\.|[{upper}]\.(?:[{upper}]\.)*|(?:{particles})-{word}|{word})"
    edge_after = r"(?!\w|[’'](?!s\b)|-\w|-\s)"
    joiner = rf"(?: (?:{d._SPACE_PARTICLE} )*| {d._CONNECTOR} )"
    return re.compile(rf"(?<![\w’'\-.]){token}{edge_after}(?:{joiner}{token}{edge_after})*")


NAME_RUN_CASES = (
    "Nuri al-Maliki met al-Abadi, Sergei Lavrov and Mr. Putin. Sen. John McCain and "
    "Mrs. O’Connor saw Abu Bakr al-Baghdadi, Osama bin Laden and Ludwig van Beethoven. "
    "The Iran-backed militias, anti-Putin crowds and the Moscow-Tehran-Damascus axis. "
    "J.R.R. Tolkien, Park Geun-hye, Bank of England, the Council on Foreign Relations. "
    "ibn-Saud, abu-Ali, bint-Hassan; Mohammed bin Salman’s plan; U.S.-led forces. "
    "Washington’s allies and Dr. Ali al-Sistani-era policies; Gen. Qassem Soleimani; "
    "Capt. Sully Sullenberger told Sens. Graham and Reps. Cheney of it."
)


def test_name_runs_are_those_of_the_plain_regex(sample_document) -> None:
    from reader.actors.discovery import name_runs

    plain = _plain_name_run()
    document = sample_document
    texts = [(NAME_RUN_CASES, 0, len(NAME_RUN_CASES))]
    texts += [(document.text, block.start, block.end) for block in document.blocks]
    runs = 0
    for text, start, end in texts:
        expected = [m.span() for m in plain.finditer(text, start, end)]
        assert [m.span() for m in name_runs(text, start, end)] == expected, text[start:end]
        runs += len(expected)
    assert runs > 150


# --- look-ups by offset and by name; long texts in pieces ----------------------------------


def _actor_at_reading_every_mention(result: ActorResult, start: int, end: int) -> str | None:
    """What `ActorResult.actor_at` answers, worked out by reading every mention."""
    hits = [m for m in result.mentions if m.start < max(end, start + 1) and start < m.end]
    hits.sort(key=lambda m: (m.type != "person", m.start))
    return hits[0].actor if hits else None


def _spans_around_mentions(result: ActorResult) -> list[tuple[int, int]]:
    """Spans at, just inside and just outside every mention's edges, and in its middle."""
    spans = []
    for m in result.mentions:
        middle = (m.start + m.end) // 2
        spans += [(m.start, m.end), (m.start, m.start), (m.end - 1, m.end - 1), (m.end, m.end)]
        spans += [(m.start - 1, m.start), (m.end, m.end + 1), (middle, middle), (middle, m.end)]
        spans += [(m.start - 40, m.start + 1), (m.end - 1, m.end + 40)]
    return spans


def test_actor_at_at_the_edges_and_in_the_middle_of_every_mention(sample_document, with_page_list):
    lavrov = next(m for m in with_page_list.mentions if m.text == "Lavrov")
    assert with_page_list.actor_at(lavrov.start, lavrov.start).name == "Sergei Lavrov"
    assert with_page_list.actor_at(lavrov.end - 1, lavrov.end - 1).name == "Sergei Lavrov"
    assert with_page_list.actor_at(lavrov.end, lavrov.end) is None  # the comma after it
    for start, end in _spans_around_mentions(with_page_list):
        found = with_page_list.actor_at(start, end)
        expected = _actor_at_reading_every_mention(with_page_list, start, end)
        assert (found.name if found else None) == expected, (start, end)


def test_actor_at_with_mentions_that_overlap_and_come_out_of_order(sample_document, with_page_list):
    # A teacher's own spans may overlap the stage's and be added in any order: a whole
    # sentence marked as Iraq's, and Putin marked again where Lavrov is named.
    sentence = sample_document.text.index("“We are grateful to you")
    lavrov = sample_document.text.index("Sergei Lavrov")
    extra = [
        Mention("Iraq", "state", "…", sentence, sample_document.text.index("TASS", sentence)),
        Mention("Vladimir Putin", "person", "Sergei", lavrov, lavrov + 6),
    ]
    result = ActorResult(list(with_page_list.actors), [*extra, *with_page_list.mentions])
    # Lavrov's mention starts at the same offset, later in the list: Putin's comes first
    assert result.actor_at(lavrov + 2, lavrov + 3).name == "Vladimir Putin"
    # between mentions, inside the sentence-long one only
    assert result.actor_at(sentence + 3, sentence + 5).name == "Iraq"
    for start, end in _spans_around_mentions(result):
        found = result.actor_at(start, end)
        expected = _actor_at_reading_every_mention(result, start, end)
        assert (found.name if found else None) == expected, (start, end)


def test_actor_at_sees_mentions_added_after_a_look_up(sample_document, with_page_list):
    result = ActorResult(list(with_page_list.actors), list(with_page_list.mentions))
    word = sample_document.text.index("visit to Moscow")  # "visit" names no actor
    assert result.actor_at(word, word + 5) is None
    result.mentions.append(Mention("Nuri al-Maliki", "person", "visit", word, word + 5))
    assert result.actor_at(word, word + 5).name == "Nuri al-Maliki"
    result.mentions = []
    assert result.actor_at(word, word + 5) is None


def test_actor_named_prefers_a_name_to_an_alias_and_the_first_actor(with_page_list):
    def reading_every_actor(actors: list[Actor], name: str) -> Actor | None:
        key = name.replace("’", "'").casefold()
        for actor in actors:
            if actor.name.replace("’", "'").casefold() == key:
                return actor
        for actor in actors:
            if key in (a.replace("’", "'").casefold() for a in actor.aliases):
                return actor
        return None

    # "Kremlin" is one of Russia's names on the page, and an actor's name in this list
    kremlin = Actor("Kremlin", "organisation", ["Kremlin"], [])
    twin = Actor("Russia", "organisation", ["Russia"], [])  # a second actor of that name
    actors = [*with_page_list.actors, kremlin, twin]
    result = ActorResult(actors, list(with_page_list.mentions))
    assert result.actor_named("kremlin") is kremlin
    assert result.actor_named("Moscow").name == "Russia"
    assert result.actor_named("RUSSIA").type == "state"
    assert result.actor_named("Tom O'Connor").name == "Tom O’Connor"
    names = [n for a in actors for n in [a.name, *a.aliases]] + ["Nobody", "tass"]
    for name in names:
        assert result.actor_named(name) is reading_every_actor(actors, name), name


def test_long_text_pieces_end_at_blocks_and_keep_their_offsets(sample_document):
    text = "\n\n".join([sample_document.text] * 3) + "\n\n\nLast block.\n"
    pieces = list(text_pieces(io.StringIO(text), piece_chars=len(sample_document.text) // 2))
    assert len(pieces) > 3
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert not piece.startswith("\n\n") and not piece.endswith("\n\n")
    rebuilt = "\n\n".join(piece for _, piece in pieces)
    assert rebuilt == text


def test_actors_of_a_long_text_point_into_the_whole_text(sample_document):
    text = "\n\n".join([sample_document.text] * 3)
    stream = io.StringIO(text)
    table = find_actors_in_pieces(text_pieces(stream, piece_chars=len(sample_document.text) // 3))
    out = io.StringIO()
    table.write_json(out)
    found = json.loads(out.getvalue())["actors"]
    spans = [(m["start"], m["end"], m["text"]) for a in found for m in a["mentions"]]
    assert all(text[start:end] == words for start, end, words in spans)
    # the first piece's names are where the page has them, and the names the lists
    # give are found in the last copy too (a piece is read on its own, so a lone
    # surname there is a person only if that piece shows it)
    maliki = next(a for a in found if a["name"] == "Nuri al-Maliki")
    assert maliki["mentions"][0]["start"] == sample_document.text.index("Nuri al-Maliki")
    for name in ("Baghdad", "TASS", "Rudaw English"):
        last = text.rindex(name)
        assert (last, last + len(name), name) in spans


def test_actors_of_a_text_in_one_piece_print_as_the_command_prints_them(sample_document):
    expected = json.dumps(actors_json(sample_document), ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    find_actors_in_pieces(text_pieces(io.StringIO(sample_document.text))).write_json(out)
    assert out.getvalue() == expected
    empty = io.StringIO()
    find_actors_in_pieces([]).write_json(empty)
    assert json.loads(empty.getvalue()) == {"actors": []}


def test_command_reads_a_big_page_in_pieces_with_offsets_into_its_clean_text(
    tmp_path, capsys, monkeypatch
):
    import reader.cli

    page = tmp_path / SAMPLE_PAGE.name
    shutil.copy(SAMPLE_PAGE, page)
    assert reader.cli.main(["actors", str(page), "--json"]) == 0
    whole = capsys.readouterr().out
    monkeypatch.setattr(reader.cli, "STREAMING_THRESHOLD", 1000)  # the page is "big"
    assert reader.cli.main(["actors", str(page), "--json"]) == 0
    streamed = capsys.readouterr().out
    assert reader.cli.main(["clean", str(page)]) == 0
    clean_text = capsys.readouterr().out
    assert streamed == whole
    for actor in json.loads(streamed)["actors"]:
        for m in actor["mentions"]:
            assert clean_text[m["start"] : m["end"]] == m["text"]


def test_a_role_names_the_one_person_with_that_state_or_office_named_before_it():
    maliki = (
        "Iraqi Vice-President Nuri al-Maliki called for “Russia’s visible presence” in his "
        "country following a visit to Moscow that drew controversy in Baghdad."
    )
    role = "The former Iraqi prime minister expressed fears that Iraq might be challenged."
    abadi = "He was replaced by Iraqi Prime Minister Haider Jawad Kadhim al-Abadi."
    office = "The prime minister did not comment."

    def role_mentions(*paragraphs: str) -> list[tuple[str, str]]:
        result = find_actors(Document.from_text("\n\n".join(paragraphs)))
        return [(m.text, m.actor) for m in result.mentions if m.role == m.text]  # role phrases

    assert role_mentions(maliki, role) == [("The former Iraqi prime minister", "Nuri al-Maliki")]
    # a second Iraqi named first: the role could be either; named after it: only Maliki
    assert role_mentions(maliki, abadi, role) == []
    assert role_mentions(maliki, role, abadi) == [
        ("The former Iraqi prime minister", "Nuri al-Maliki")
    ]
    # by the office alone: Abadi is the one prime minister named before
    assert role_mentions(maliki, abadi, office) == [
        ("The prime minister", "Haider Jawad Kadhim al-Abadi")
    ]
    assert role_mentions(office, maliki, abadi) == []
