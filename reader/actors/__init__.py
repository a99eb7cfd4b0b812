"""Actors: who is on the page, under every name the page uses for them.

`find_actors` takes the clean `Document` and returns an `ActorResult`: mentions
(character spans into ``Document.text``) grouped into actors.  The stage's parts:

- `reader.actors.finder`: the stage itself, its result, its JSON and its tables;
- `reader.actors.gazetteer`: the lists of known actors (the built-in base list and a
  page's own ``texts/NAME.actors.csv``) and the matcher that finds their names;
- `reader.actors.discovery`: people and organisations no list names;
- `reader.actors.outlets`: news outlets no list names, from how the page cites them;
- `reader.actors.words`: the word lists discovery reads names with.

Sentences, abbreviations and word frequencies come from `reader.text`.
"""

from reader.actors.finder import (
    ACTOR_TYPES,
    TYPE_COLOURS,
    Actor,
    ActorResult,
    Gazetteer,
    GazetteerEntry,
    Mention,
    actor_concordance,
    actors_json,
    base_gazetteer,
    cooccurrence_counts,
    document_sentences,
    find_actors,
    find_actors_in_pieces,
    gazetteer_for,
    load_gazetteer,
    page_gazetteer_path,
    parse_gazetteer,
    save_gazetteer,
    text_pieces,
    write_actors_json_in_pieces,
)

__all__ = [
    "ACTOR_TYPES",
    "TYPE_COLOURS",
    "Actor",
    "ActorResult",
    "Gazetteer",
    "GazetteerEntry",
    "Mention",
    "actor_concordance",
    "actors_json",
    "base_gazetteer",
    "cooccurrence_counts",
    "document_sentences",
    "find_actors",
    "find_actors_in_pieces",
    "gazetteer_for",
    "load_gazetteer",
    "page_gazetteer_path",
    "parse_gazetteer",
    "save_gazetteer",
    "text_pieces",
    "write_actors_json_in_pieces",
]
