// ClaimAnnotator front end: draws the text and the claims, reports what the user does.
// All state lives in Python (traits); this file only renders, sends messages, and sets the
// claimant / note / verdict traits as they are typed (Python decides which claim they fill).
// Text is always set with textContent (never parsed as HTML), so page text cannot inject markup.

function offsetIn(root, node, offset) {
  // Characters of root's text before (node, offset): the offset into Document.text.
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function field(caption, control) {
  const wrap = el("label", "rc-field");
  wrap.append(el("span", "rc-caption", caption), control);
  return wrap;
}

const short = (text, size) => (text.length <= size ? text : text.slice(0, size - 1) + "…");

function render({ model, el: root }) {
  root.classList.add("reader-claims");
  root.tabIndex = 0;
  const bar = el("div", "rc-bar");
  const saving = el("div", "rc-saving");
  const mode = el("div", "rc-mode");
  const buttons = el("div", "rc-labels");
  const hint = el("div", "rc-hint");
  const claimant = el("input", "rc-claimant");
  claimant.placeholder = "who makes the claim";
  const verdict = el("select", "rc-verdict");
  const note = el("textarea", "rc-note");
  note.placeholder = "note, evidence link…";
  note.rows = 2;
  const undo = el("button", "rc-undo", "Undo (z)");
  const refresh = el("button", "rc-refresh", "Refresh");
  refresh.title = "show the claims saved in this file by other notebooks";
  const status = el("div", "rc-status");
  const boxes = el("div", "rc-boxes");
  boxes.append(field("Who makes it", claimant), field("Verdict", verdict), undo, refresh);
  bar.append(saving, mode, buttons, hint, boxes, field("Note", note), status);
  const text = el("div", "rc-text");
  const caption = el("div", "rc-table-caption");
  const table = el("table", "rc-table");
  root.append(bar, text, caption, table);

  const labels = () => model.get("labels");
  const labelOf = (key) => labels().find((l) => l.key === key) || { name: key, colour: "#999" };
  // A selection waits for its label: known here at once (Python's answer comes a moment later).
  let waiting = false;

  function drawLabels() {
    buttons.replaceChildren();
    for (const label of labels()) {
      const b = el("button", "rc-label", `${label.shortcut} ${label.name}`);
      b.dataset.key = label.key;
      b.style.setProperty("--c", label.colour);
      b.addEventListener("click", () => {
        waiting = false;
        model.send({ type: "label", label: label.key });
      });
      buttons.append(b);
    }
    verdict.replaceChildren(...model.get("verdicts").map((v) => {
      const o = el("option", "", v);
      o.value = v;
      return o;
    }));
    verdict.value = model.get("verdict");
    const keys = labels().map((l) => l.shortcut).filter(Boolean).join(", ");
    hint.textContent = `Select words, then press a key (${keys}) or click a label. While words ` +
      "wait for their label, the keys label them even in the boxes; once labelled, they type " +
      "as usual (to write a digit in a note, label first). Click a claim to change it.";
  }

  function drawText() {
    const source = model.get("text");
    const spans = model.get("spans");
    const current = model.get("current_id");
    const sel = model.get("selection") || {};
    const cuts = new Set([0, source.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    if (sel.exact) { cuts.add(sel.start); cuts.add(sel.end); }
    const points = [...cuts].sort((a, b) => a - b);
    text.replaceChildren();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      let piece = document.createTextNode(source.slice(a, b));
      if (covering.length) {
        const top = covering.find((s) => s.id === current) || covering[covering.length - 1];
        piece = el("mark", "rc-claim", source.slice(a, b));
        piece.dataset.id = top.id;
        if (top.id === current) piece.classList.add("rc-current");
        piece.title = `${labelOf(top.label).name}${top.claimant ? " · " + top.claimant : ""}` +
          `${top.note ? ": " + top.note : ""} (click to change)`;
        piece.style.setProperty("--c", labelOf(top.label).colour);
      }
      if (sel.exact && sel.start <= a && b <= sel.end) {
        // The words waiting for a label stay visible when the focus moves to a box.
        const pending = el("span", "rc-pending");
        pending.append(piece);
        piece = pending;
      }
      text.append(piece);
    }
  }

  function drawTable() {
    const spans = model.get("spans");
    const current = model.get("current_id");
    caption.textContent = spans.length
      ? `Your claims (${spans.length}): click one to change it`
      : "Your claims will be listed here.";
    table.replaceChildren();
    if (!spans.length) return;
    const head = el("tr");
    for (const name of ["#", "Claim", "Label", "Who makes it", "Verdict", "Note", ""]) head.append(el("th", "", name));
    table.append(head);
    spans.forEach((s, i) => {
      const row = el("tr", "rc-row");
      row.dataset.id = s.id;
      if (s.id === current) row.classList.add("rc-current");
      const label = el("td", "rc-cell-label", labelOf(s.label).name);
      label.style.setProperty("--c", labelOf(s.label).colour);
      const remove = el("button", "rc-remove", "✕");
      remove.title = "remove this claim";
      remove.addEventListener("click", (event) => {
        event.stopPropagation();
        model.send({ type: "remove", id: s.id });
      });
      const removeCell = el("td");
      removeCell.append(remove);
      row.append(el("td", "", String(i + 1)), el("td", "rc-cell-exact", `“${short(s.exact, 90)}”`),
        label, el("td", "rc-cell-claimant", s.claimant || "—"), el("td", "", s.verdict),
        el("td", "rc-cell-note", s.note), removeCell);
      row.addEventListener("click", () => { waiting = false; model.send({ type: "current", id: s.id }); });
      table.append(row);
    });
  }

  function setValue(control, value) {
    if (control.value !== value) control.value = value; // an equal value would move the caret
  }

  function drawState() {
    setValue(claimant, model.get("claimant"));
    setValue(note, model.get("note"));
    setValue(verdict, model.get("verdict"));
    status.textContent = model.get("status");
    saving.textContent = model.get("saving");
    saving.classList.toggle("rc-not-saved", !model.get("can_save"));
    undo.disabled = !model.get("can_undo");
    const sel = model.get("selection") || {};
    waiting = Boolean(sel.exact);
    const current = model.get("spans").find((s) => s.id === model.get("current_id"));
    mode.className = "rc-mode";
    for (const b of buttons.children) b.setAttribute("aria-pressed", String(Boolean(current) && b.dataset.key === current.label));
    if (sel.exact) {
      mode.classList.add("rc-mode-new");
      mode.textContent = `New claim: “${short(sel.exact, 120)}” — press a label key or click a label; ` +
        "the boxes below fill this claim.";
    } else if (current) {
      const number = model.get("spans").indexOf(current) + 1;
      mode.classList.add("rc-mode-edit");
      mode.textContent = `Changing claim ${number}: “${short(current.exact, 100)}” (${labelOf(current.label).name}). ` +
        "A label, who makes it, the verdict and the note below change this claim.";
    } else {
      mode.textContent = "Select words in the text to mark a claim, or click a claim to change it.";
    }
  }

  function jump() {
    const id = model.get("focus_id");
    if (!id) return;
    const mark = text.querySelector(`mark[data-id="${CSS.escape(id)}"]`);
    if (mark) {
      mark.scrollIntoView({ block: "center", behavior: "smooth" });
      mark.classList.add("rc-flash");
      setTimeout(() => mark.classList.remove("rc-flash"), 1200);
    }
  }

  text.addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const start = offsetIn(text, range.startContainer, range.startOffset);
    const end = offsetIn(text, range.endContainer, range.endOffset);
    if (sel.isCollapsed) {
      const mark = range.startContainer.parentElement && range.startContainer.parentElement.closest("mark.rc-claim");
      if (mark && text.contains(mark)) { waiting = false; model.send({ type: "current", id: mark.dataset.id }); }
      else model.send({ type: "select", start, end }); // a click on plain text: nothing selected
      return;
    }
    waiting = true;
    model.send({ type: "select", start, end });
  });

  root.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
    const modified = event.ctrlKey || event.metaKey || event.altKey;
    const isLabel = !modified && labels().some((l) => l.shortcut && l.shortcut === event.key);
    if (isLabel && (waiting || !typing)) {
      // The key labels the waiting selection (or relabels the current claim): never typed.
      event.preventDefault();
      event.stopPropagation();
      waiting = false;
      model.send({ type: "key", key: event.key });
      return;
    }
    if (!typing) {
      const undoKey = ["z", "u"].includes(event.key) || (event.key === "Backspace" && (event.ctrlKey || event.metaKey));
      if (undoKey && !event.altKey) {
        event.preventDefault();
        model.send({ type: "key", key: event.key, ctrl: event.ctrlKey || event.metaKey });
      }
    }
    // Plain keys stay in the widget: in a notebook's command mode "1" would make the cell a
    // heading, "m" a markdown cell, "d d" delete it.  Shortcuts with Ctrl/Cmd/Alt, Shift+Enter
    // and Escape go on to JupyterLab.
    const passOn = modified || event.key === "Escape" || (event.key === "Enter" && event.shiftKey);
    if (!passOn) event.stopPropagation();
  });
  const typed = (name, control) => () => { model.set(name, control.value); model.save_changes(); };
  claimant.addEventListener("input", typed("claimant", claimant));
  note.addEventListener("input", typed("note", note));
  verdict.addEventListener("change", typed("verdict", verdict));
  undo.addEventListener("click", () => model.send({ type: "undo" }));
  refresh.addEventListener("click", () => model.send({ type: "refresh" }));

  model.on("change:labels", () => { drawLabels(); drawState(); });
  model.on("change:spans", () => { drawText(); drawTable(); drawState(); });
  model.on("change:current_id", () => { drawText(); drawTable(); drawState(); });
  model.on("change:text", drawText);
  model.on("change:selection", drawText);
  model.on("change:focus_id", jump);
  for (const name of ["claimant", "note", "verdict", "status", "selection", "can_undo", "saving", "can_save"]) {
    model.on(`change:${name}`, drawState);
  }
  drawLabels(); drawText(); drawTable(); drawState();
}

export default { render };
