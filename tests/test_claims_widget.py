"""ClaimAnnotator without a browser: the front end's messages, and the state they leave."""

from __future__ import annotations

import json

import pytest

from reader import SAMPLE_PAGE, Document, load_document
from reader.annotations import AnnotationFile, annotate, load_annotations, save_annotations
from reader.widgets import ClaimAnnotator

DOC = load_document(SAMPLE_PAGE)
GRATEFUL = "We are grateful to you for the role Russia is playing in the region"
TANKS = "Iraq would buy a “large batch” of advanced T-90 tanks"


def span_of(words: str) -> tuple[int, int]:
    start = DOC.text.index(words)
    return start, start + len(words)


def send(widget: ClaimAnnotator, **message) -> None:
    widget.handle_message(widget, message, [])


def test_selection_inside_a_quotation_takes_the_speaker_as_claimant_and_a_key_labels_it(tmp_path):
    w = ClaimAnnotator(DOC, annotator="ana", path=tmp_path / "a.json")
    start, end = span_of(GRATEFUL)
    send(w, type="select", start=start - 1, end=end + 1)  # sloppy mouse: spaces trimmed
    assert w.selection["exact"].strip() == w.selection["exact"]
    assert w.claimant == "Nuri al-Maliki"
    send(w, type="key", key="3")
    assert [(s["label"], s["claimant"]) for s in w.spans] == [("opinion", "Nuri al-Maliki")]
    assert w.selection == {} and w.can_undo


def test_button_label_with_note_and_verdict_outside_a_quote_has_no_claimant(tmp_path):
    w = ClaimAnnotator(DOC, annotator="ana")
    send(w, type="select", start=span_of(TANKS)[0], end=span_of(TANKS)[1])
    assert w.claimant == ""
    w.note, w.verdict = "Who estimated it?", "disputed"
    send(w, type="label", label="check-worthy")
    claim = w.annotations[0].claim
    assert (claim.label, claim.note, claim.verdict, claim.check_worthy) == (
        "check-worthy", "Who estimated it?", "disputed", True)  # fmt: skip
    assert w.current_id == w.spans[0]["id"]  # the boxes now show (and change) the claim just made
    w.select(*span_of(GRATEFUL))
    assert (w.note, w.verdict, w.claimant) == ("", "unverified", "Nuri al-Maliki")  # a new claim


def test_undo_takes_back_labels_and_removals_in_order():
    w = ClaimAnnotator(DOC, annotator="ana")
    for words, key in ((GRATEFUL, "3"), (TANKS, "1")):
        w.select(*span_of(words))
        w.press_key(key)
    assert len(w.spans) == 2
    send(w, type="remove", id=w.spans[0]["id"])
    assert len(w.spans) == 1
    send(w, type="key", key="z", ctrl=True)
    assert len(w.spans) == 2
    send(w, type="undo")
    send(w, type="key", key="u")
    assert w.spans == [] and not w.can_undo
    send(w, type="undo")
    assert w.status == "nothing to undo"


def test_every_change_is_saved_at_once_and_a_new_widget_reads_it_back(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    w = ClaimAnnotator(DOC, annotator="ana", path=path)
    w.select(*span_of(TANKS))
    w.press_key("1")
    assert len(load_annotations(path).annotations) == 1
    send(w, type="edit", id=w.spans[0]["id"], fields={"verdict": "supported"})
    assert load_annotations(path).annotations[0].claim.verdict == "supported"
    again = ClaimAnnotator(DOC, annotator="ana", path=path)
    assert again.spans == w.spans
    w.undo()
    w.undo()
    assert load_annotations(path).annotations == []


def test_a_corrupt_file_is_reported_and_never_overwritten_by_autosave(tmp_path):
    path = tmp_path / "bad.annotations.json"
    path.write_bytes(b'{"type": "AnnotationCollection", "items": [')
    w = ClaimAnnotator(DOC, annotator="ana", path=path)
    assert "bad.annotations.json" in w.status and "autosave is off" in w.status
    w.select(*span_of(TANKS))
    w.press_key("1")
    assert len(w.spans) == 1
    assert path.read_bytes() == b'{"type": "AnnotationCollection", "items": ['


def test_claims_that_no_longer_fit_the_text_stay_as_orphans_and_are_saved_again(tmp_path):
    path = tmp_path / "p.ana.annotations.json"
    gone = annotate(
        "Words that the page no longer has anywhere.", 0, 30, "opinion", annotator="ana"
    )
    start, end = span_of(TANKS)
    kept = annotate(DOC, start, end, "check-worthy", annotator="ana")
    save_annotations(path, AnnotationFile("p", "ana", [gone, kept]))
    w = ClaimAnnotator(DOC, annotator="ana", path=path)
    assert len(w.spans) == 1 and len(w.orphans) == 1 and "orphans" in w.status
    w.select(*span_of(GRATEFUL))
    w.press_key("3")
    saved = {a.exact for a in load_annotations(path).annotations}
    assert gone.exact in saved and len(saved) == 3


def test_the_list_jumps_to_a_claim_and_unknown_keys_or_labels_do_nothing():
    w = ClaimAnnotator(DOC, annotator="ana")
    w.select(*span_of(TANKS))
    w.press_key("1")
    send(w, type="jump", id=w.spans[0]["id"])
    assert w.focus_id == w.spans[0]["id"]
    send(w, type="key", key="q")
    send(w, type="label", label="gossip")
    assert len(w.spans) == 1 and "gossip" in w.status
    send(w, type="select", start=0, end=0)  # a click on plain text: nothing selected or current
    send(w, type="key", key="1")
    assert len(w.spans) == 1 and w.status.startswith("select some words first")


def test_the_widget_state_is_plain_json_for_the_front_end():
    w = ClaimAnnotator(Document.from_text("Iraq <b>buys</b> tanks."), annotator="ana")
    w.select(0, 4)
    w.press_key("2")
    json.dumps({name: getattr(w, name) for name in ("text", "spans", "labels", "selection")})
    assert w.text == "Iraq <b>buys</b> tanks."  # the front end sets it as text, not HTML
    assert [lab["shortcut"] for lab in w.labels] == ["1", "2", "3", "4", "5"]
    assert "innerHTML" not in (w._esm if isinstance(w._esm, str) else open(w._esm).read())


def test_a_selection_of_only_spaces_selects_nothing():
    w = ClaimAnnotator(Document.from_text("One.\n\nTwo."), annotator="ana")
    w.select(4, 6)
    assert w.selection == {}
    with pytest.raises(KeyError):
        w.label_selection("nonsense")


@pytest.mark.browser
def test_the_front_end_reports_selections_as_offsets_into_the_document_text(tmp_path):
    """claims.js in headless Chromium with a stand-in model: offsets match Python's, across
    highlighted claims; keys are reported; page text is drawn as text."""
    import os

    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian chromium is not installed")
    doc = Document.from_text(DOC.text[:2000] + "\n\nA <script>window.pwned=1</script> line.")
    w = ClaimAnnotator(doc, annotator="ana")
    w.select(*span_of(GRATEFUL))
    w.press_key("3")
    state = {name: getattr(w, name) for name in w.trait_names(sync=True) if name != "layout"}
    script = w._esm if isinstance(w._esm, str) else open(w._esm, encoding="utf-8").read()
    script = script.replace("export default { render };", "window.widget = { render };")
    page_html = tmp_path / "widget.html"
    page_html.write_text(
        "<!DOCTYPE html><meta charset='utf-8'><div id='root'></div><script>"
        + script
        + "\nconst state = "
        + json.dumps(state).replace("</", "<\\/")  # no early end of the script element
        + """;
        const handlers = {}; window.sent = [];
        const model = { get: (k) => state[k], set: (k, v) => { state[k] = v; },
          save_changes() {}, send: (m) => window.sent.push(m),
          on: (e, f) => { (handlers[e] = handlers[e] || []).push(f); } };
        widget.render({ model, el: document.getElementById("root") });
        window.selectWords = (words) => {
          const box = document.querySelector(".rc-text");
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          let node, nodes = [], all = "";
          while ((node = walker.nextNode())) { nodes.push([node, all.length]); all += node.data; }
          const at = (offset) => { for (const [n, s] of nodes) if (offset <= s + n.data.length) return [n, offset - s]; };
          const start = all.indexOf(words), range = document.createRange();
          range.setStart(...at(start)); range.setEnd(...at(start + words.length));
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
          box.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        };
        </script>""",
        encoding="utf-8",
    )
    args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_html.as_uri())
        assert errors == []
        assert page.locator("mark.rc-claim").count() == 1
        assert page.inner_text(".rc-text").count("<script>window.pwned=1</script>") == 1
        assert page.evaluate("window.pwned") is None
        # a selection that starts inside the highlighted claim and runs past it
        words = "the role Russia is playing in the region and we have big hopes"
        page.evaluate("(w) => window.selectWords(w)", words)
        page.locator("#root").press("4")
        sent = page.evaluate("window.sent")
        browser.close()
    start = doc.text.index(words)
    assert sent[0] == {"type": "select", "start": start, "end": start + len(words)}
    assert sent[1]["type"] == "key" and sent[1]["key"] == "4"
    for message in sent:
        w.handle_message(w, message, [])
    assert [s["label"] for s in w.spans] == ["opinion", "prediction"]


# -- two widgets (two notebooks) on one file ---------------------------------------------------

DEAL = "The deal was resumed in 2013"


def mark(widget: ClaimAnnotator, words: str, key: str = "1") -> str:
    widget.select(*span_of(words))
    return widget.press_key(key).id


def test_two_widgets_on_one_file_keep_and_show_each_others_claims(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    first = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    second = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    tanks = mark(first, TANKS)
    deal = mark(second, DEAL)
    assert {a.id for a in load_annotations(path).annotations} == {tanks, deal}
    assert {s["id"] for s in second.spans} == {tanks, deal}  # its save brought the other's in
    send(first, type="refresh")  # the Refresh button
    assert {s["id"] for s in first.spans} == {tanks, deal}
    assert first.status.endswith("claims new from elsewhere: 1")
    grateful = mark(first, GRATEFUL, "3")
    assert {a.id for a in load_annotations(path).annotations} == {tanks, deal, grateful}


def test_a_claim_removed_in_one_widget_is_not_brought_back_by_the_other(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    first = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    tanks = mark(first, TANKS)
    second = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    assert [s["id"] for s in second.spans] == [tanks]
    first.remove(tanks)
    deal = mark(second, DEAL)  # the second widget still showed the removed claim
    assert [a.id for a in load_annotations(path).annotations] == [deal]
    assert [s["id"] for s in second.spans] == [deal]


def test_undo_takes_back_this_widgets_change_and_not_the_other_widgets(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    first = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    second = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    mark(first, TANKS)
    deal = mark(second, DEAL)
    first.undo()  # its own claim goes; the other widget's stays
    assert [a.id for a in load_annotations(path).annotations] == [deal]
    assert [s["id"] for s in first.spans] == [deal]


# -- the order of steps loses nothing: the boxes fill the new claim or change the current one ---


def typed(widget: ClaimAnnotator, **boxes: str) -> None:
    """Type in the claimant / note / verdict boxes as the front end does: a trait update per
    keystroke, through the comm's ``set_state``."""
    for name, value in boxes.items():
        for size in range(1, len(value) + 1) if name != "verdict" else [len(value)]:
            widget.set_state({name: value[:size]})


def on_disk(path) -> dict[str, tuple]:
    """What the file holds: exact words -> (label, claimant, note, verdict, check-worthy)."""
    return {
        a.exact: (
            a.claim.label,
            a.claim.claimant,
            a.claim.note,
            a.claim.verdict,
            a.claim.check_worthy,
        )
        for a in load_annotations(path).annotations
    }


def test_select_press_1_then_type_the_claimant_saves_the_claimant_on_the_claim(tmp_path):
    """Notebook 08's order: 'select words, press 1, type the claimant'."""
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    w = ClaimAnnotator(DOC, annotator="ana", path=path)
    send(w, type="select", start=span_of(TANKS)[0], end=span_of(TANKS)[1])
    send(w, type="key", key="1")
    typed(w, claimant="the Kremlin")
    assert w.spans[0]["claimant"] == "the Kremlin"  # the table shows it as it is typed
    assert on_disk(path)[TANKS][:2] == ("check-worthy", "the Kremlin")
    w.undo()  # the typing is one step back, not one letter
    assert on_disk(path)[TANKS][1] is None and w.claimant == ""


def test_both_orders_of_label_and_claimant_give_the_same_claim(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    w = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    w.select(*span_of(TANKS))
    typed(w, claimant="Rudaw")
    w.press_key("1")
    w.select(*span_of(DEAL))
    w.press_key("1")
    typed(w, claimant="Rudaw")
    saved = on_disk(path)
    assert saved[TANKS] == saved[DEAL] == ("check-worthy", "Rudaw", "", "unverified", True)


def test_a_claims_label_claimant_note_and_verdict_can_be_changed_after_it_is_made(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    w = ClaimAnnotator(DOC, annotator="ana", path=path, quotes=[])
    tanks, deal = mark(w, TANKS), mark(w, DEAL)
    send(w, type="current", id=tanks)  # a click on the claim, in the text or the table
    assert (w.current_id, w.focus_id, w.selection) == (tanks, tanks, {})
    typed(w, claimant="TASS", note="Who counted 4.2 billion?", verdict="disputed")
    send(w, type="key", key="5")  # a label key with nothing selected relabels the current claim
    assert on_disk(path)[TANKS] == (
        "attribution", "TASS", "Who counted 4.2 billion?", "disputed", True)  # fmt: skip
    send(w, type="label", label="opinion")  # a label button does the same
    assert on_disk(path)[TANKS][0::4] == ("opinion", False)  # check-worthy follows the label
    assert on_disk(path)[DEAL][:2] == ("check-worthy", None)  # the other claim is untouched
    send(w, type="current", id=deal)
    assert (w.claimant, w.note, w.verdict) == ("", "", "unverified")  # the boxes show that claim
    assert ClaimAnnotator(DOC, annotator="ana", path=path).spans == w.spans


def test_typing_for_a_new_selection_never_changes_the_claim_before(tmp_path):
    path = tmp_path / "arab-weekly-maliki-russia.ana.annotations.json"
    w = ClaimAnnotator(DOC, annotator="ana", path=path)
    mark(w, TANKS)
    w.select(*span_of(GRATEFUL))  # the next claim: the boxes are its own, with the speaker
    assert (w.current_id, w.claimant) == ("", "Nuri al-Maliki")
    typed(w, note="thanks, not a fact")
    w.press_key("3")
    saved = on_disk(path)
    assert saved[TANKS][1:3] == (None, "")
    assert saved[GRATEFUL][:3] == ("opinion", "Nuri al-Maliki", "thanks, not a fact")
    send(w, type="select", start=5, end=5)  # a click on plain text: no claim is current
    typed(w, claimant="Lavrov")  # typed before selecting: kept for the next claim
    mark(w, DEAL)
    assert on_disk(path)[DEAL][1] == "Lavrov" and on_disk(path)[GRATEFUL][1] == "Nuri al-Maliki"


@pytest.mark.parametrize("name", [None, "", "student", "Your Name", "not saved"])
def test_without_a_real_name_the_widget_works_but_writes_nothing(tmp_path, name):
    path = tmp_path / "arab-weekly-maliki-russia.annotations.json"
    w = ClaimAnnotator(DOC, annotator=name, path=path)
    assert not w.can_save and "write your name first (notebook 00)" in w.saving.lower()
    mark(w, TANKS)
    typed(w, claimant="the Kremlin")
    assert w.spans[0]["claimant"] == "the Kremlin"  # the student can try everything
    assert "write your name first (notebook 00)" in w.status
    with pytest.raises(ValueError, match="name first"):
        w.save()
    assert list(tmp_path.iterdir()) == []


def test_a_file_named_for_a_placeholder_is_not_written_even_with_a_name(tmp_path):
    w = ClaimAnnotator(DOC, annotator="ana", path=tmp_path / "page.student.annotations.json")
    mark(w, TANKS)
    assert not w.can_save and list(tmp_path.iterdir()) == []


def test_with_a_real_name_the_file_is_written_with_the_umasks_mode(tmp_path):
    import os
    import stat

    path = tmp_path / "arab-weekly-maliki-russia.Ana-María.annotations.json"
    old = os.umask(0o022)
    try:
        w = ClaimAnnotator(DOC, annotator="  Ana María ", path=path)
        assert w.can_save and path.name in w.saving
        mark(w, TANKS)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert load_annotations(path).annotator == "Ana María"
