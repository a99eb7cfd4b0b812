// ClaimAnnotator front end: draws the text and the claims, reports what the user does.
// All state lives in Python (traits); this file only renders and sends messages.
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

function render({ model, el: root }) {
  root.classList.add("reader-claims");
  root.tabIndex = 0;
  const bar = el("div", "rc-bar");
  const buttons = el("div", "rc-labels");
  const claimant = el("input", "rc-claimant");
  claimant.placeholder = "claimant (who makes the claim)";
  const note = el("textarea", "rc-note");
  note.placeholder = "note, evidence link…";
  note.rows = 2;
  const verdict = el("select", "rc-verdict");
  const undo = el("button", "rc-undo", "Undo (z)");
  const refresh = el("button", "rc-refresh", "Refresh");
  refresh.title = "show the claims saved in this file by other notebooks";
  const status = el("div", "rc-status");
  const selected = el("div", "rc-selected");
  bar.append(buttons, claimant, verdict, undo, refresh, note, selected, status);
  const text = el("div", "rc-text");
  const list = el("ol", "rc-list");
  root.append(bar, text, list);

  const colour = (key) => (model.get("labels").find((l) => l.key === key) || {}).colour || "#999";

  function drawLabels() {
    buttons.replaceChildren();
    for (const label of model.get("labels")) {
      const b = el("button", "rc-label", `${label.shortcut} ${label.name}`);
      b.style.borderColor = label.colour;
      b.addEventListener("click", () => model.send({ type: "label", label: label.key }));
      buttons.append(b);
    }
    verdict.replaceChildren(...model.get("verdicts").map((v) => {
      const o = el("option", "", v);
      o.value = v;
      return o;
    }));
    verdict.value = model.get("verdict");
  }

  function drawText() {
    const source = model.get("text");
    const spans = model.get("spans");
    const cuts = new Set([0, source.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    text.replaceChildren();
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { text.append(document.createTextNode(source.slice(a, b))); continue; }
      const top = covering[covering.length - 1];
      const mark = el("mark", "rc-claim", source.slice(a, b));
      mark.dataset.id = top.id;
      mark.title = `${top.label}${top.claimant ? " · " + top.claimant : ""}${top.note ? ": " + top.note : ""}`;
      mark.style.setProperty("--c", colour(top.label));
      text.append(mark);
    }
  }

  function drawList() {
    list.replaceChildren();
    for (const s of model.get("spans")) {
      const item = el("li", "rc-item");
      const jump = el("button", "rc-jump", `${s.label}: “${s.exact.slice(0, 70)}”`);
      jump.addEventListener("click", () => model.send({ type: "jump", id: s.id }));
      const remove = el("button", "rc-remove", "✕");
      remove.title = "remove this claim";
      remove.addEventListener("click", () => model.send({ type: "remove", id: s.id }));
      const meta = el("span", "rc-meta", ` ${s.claimant || ""} · ${s.verdict}${s.note ? " · " + s.note : ""}`);
      item.append(jump, remove, meta);
      list.append(item);
    }
  }

  function drawState() {
    claimant.value = model.get("claimant");
    note.value = model.get("note");
    verdict.value = model.get("verdict");
    status.textContent = model.get("status");
    const sel = model.get("selection");
    selected.textContent = sel && sel.exact ? `selected: “${sel.exact.slice(0, 120)}”` : "select words in the text";
    undo.disabled = !model.get("can_undo");
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
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
    const start = offsetIn(text, range.startContainer, range.startOffset);
    const end = offsetIn(text, range.endContainer, range.endOffset);
    model.send({ type: "select", start, end });
  });
  root.addEventListener("keydown", (event) => {
    const tag = event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    model.send({ type: "key", key: event.key, ctrl: event.ctrlKey || event.metaKey });
  });
  claimant.addEventListener("input", () => { model.set("claimant", claimant.value); model.save_changes(); });
  note.addEventListener("input", () => { model.set("note", note.value); model.save_changes(); });
  verdict.addEventListener("change", () => { model.set("verdict", verdict.value); model.save_changes(); });
  undo.addEventListener("click", () => model.send({ type: "undo" }));
  refresh.addEventListener("click", () => model.send({ type: "refresh" }));

  model.on("change:labels", drawLabels);
  model.on("change:spans", () => { drawText(); drawList(); });
  model.on("change:text", drawText);
  model.on("change:focus_id", jump);
  for (const name of ["claimant", "note", "verdict", "status", "selection", "can_undo"]) {
    model.on(`change:${name}`, drawState);
  }
  drawLabels(); drawText(); drawList(); drawState();
}

export default { render };
