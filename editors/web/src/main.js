// The workbench page: a CodeMirror 6 editor and the views around it. Every answer (diagnostics, hover,
// completion, formatting, scores) comes from the server's language service; this file only shows them.
import { EditorView, keymap, hoverTooltip, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { rubricLanguage, rubricHighlight } from "./language.js";

const S = JSON.parse(document.getElementById("strings").textContent);
const CSRF = document.querySelector('meta[name="csrf-token"]').content;
const CHECK_DELAY_MS = 40; // a pause in typing this long sends the text to be checked
const $ = (id) => document.getElementById(id);

const state = { path: null, version: null, saved: "", names: [], titles: [], generation: 0, files: [], shipped: [] };

// ------------------------------------------------------------------ talking to the server
async function post(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json",
    "x-csrf-token": CSRF }, body: JSON.stringify(body) });
  return answer(response);
}

async function postForm(url, form) {
  const response = await fetch(url, { method: "POST", headers: { "x-csrf-token": CSRF }, body: form });
  return answer(response);
}

async function answer(response) {
  const type = response.headers.get("content-type") || "";
  const data = type.includes("json") ? await response.json() : { error: await response.text() };
  if (!response.ok) {
    const err = new Error(data.error || response.statusText);
    err.status = response.status;
    err.data = data;
    throw err;
  }
  return data;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function fileName(response, fallback) {
  const header = response.headers.get("content-disposition") || "";
  const utf8 = header.match(/filename\*=UTF-8''([^;]+)/);
  return utf8 ? decodeURIComponent(utf8[1]) : fallback;
}

// ------------------------------------------------------------------ the editor
const SEVERITY = { error: "error", warning: "warning", hint: "info" };

function text() { return view.state.doc.toString(); }

function toEditor(problem, length) {
  const from = Math.min(problem.range ? problem.range.start.utf16 : 0, length);
  let to = Math.min(problem.range ? problem.range.end.utf16 : from, length);
  if (to <= from) to = Math.min(from + 1, length);
  const related = (problem.related || []).map((r) => `\n${r.message}:${S.line.replace("{n}", r.range.start.line)}`).join("");
  return { from, to, severity: SEVERITY[problem.severity] || "info", source: problem.code,
    message: `${problem.code} ${problem.full_message}${related}` };
}

function showProblems(problems, stage) {
  const list = $("problem-list");
  list.replaceChildren();
  const length = view.state.doc.length;
  view.dispatch(setDiagnostics(view.state, problems.filter((p) => p.range).map((p) => toEditor(p, length))));
  $("problem-count").textContent = problems.length ? `(${problems.length})` : "";
  $("check-state").textContent = stage;
  if (!problems.length && !stage) list.append(el("li", { class: "muted" }, S["no.problems"]));
  for (const problem of problems) {
    const where = problem.line ? S.line.replace("{n}", problem.line) : "";
    const item = el("li", { class: `problem sev-${problem.severity}`, "data-code": problem.code, "data-line": problem.line || "" },
      el("span", { class: `sev sev-${problem.severity}` }, `${where} ${problem.code}`),
      problem.full_message);
    item.addEventListener("click", () => { if (problem.range) select(problem.range.start.utf16, problem.range.end.utf16); });
    list.append(item);
  }
}

async function runCheck() {
  const generation = ++state.generation;
  const body = { text: text(), path: state.path || "未命名.rubric" };
  try {
    const checked = await post("/api/check", body);
    if (generation !== state.generation) return;
    if (checked.names.length) { state.names = checked.names; state.titles = checked.titles; }
    showProblems(checked.diagnostics, checked.ok ? S.linting : "");
    if (!checked.ok) return;
    const linted = await post("/api/lint", body);
    if (generation !== state.generation) return;
    showProblems(linted.diagnostics, "");
  } catch (err) {
    if (generation === state.generation) $("check-state").textContent = err.message;
  }
}

let checkTimer = null;
function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
}

function select(from, to) {
  showTab("edit");
  const length = view.state.doc.length;
  view.dispatch({ selection: { anchor: Math.min(from, length), head: Math.min(to ?? from, length) },
    effects: EditorView.scrollIntoView(Math.min(from, length), { y: "center" }) });
  view.focus();
}

function gotoLine(line) {
  const doc = view.state.doc;
  const target = doc.line(Math.max(1, Math.min(line, doc.lines)));
  select(target.from, target.to);
}

const hover = hoverTooltip(async (editor, pos) => {
  const found = await post("/api/hover", { text: text(), path: state.path || "未命名.rubric", pos });
  if (!found.hover) return null;
  const info = found.hover;
  return {
    pos: info.range.start.utf16, end: info.range.end.utf16, above: true,
    create() {
      const dom = el("div", { class: "gr-hover" }, el("strong", {}, info.title),
        info.lines.map((line) => el("div", {}, line)));
      if (info.links.length) {
        dom.append(el("div", {}, info.links.map((link) => el("a", { class: "line-link", onclick: () =>
          select(link.range.start.utf16, link.range.end.utf16) }, link.text))));
      }
      return { dom };
    },
  };
}, { hoverTime: 250 });

async function complete(context) {
  const before = context.matchBefore(/[「【][^」】「【\n]*/);
  if (!before) return null;
  const found = await post("/api/complete", { text: context.state.doc.toString(), path: state.path || "未命名.rubric",
    pos: context.pos, names: state.names, titles: state.titles });
  if (!found.items.length) return null;
  const first = found.items[0].range;
  return { from: first.start.utf16, to: first.end.utf16, filter: false,
    options: found.items.map((item) => ({ label: item.label, detail: item.detail, apply: item.insert,
      type: item.kind === "title" ? "text" : "variable" })) };
}

async function gotoDefinition() {
  const found = await post("/api/definition", { text: text(), path: state.path || "未命名.rubric",
    pos: view.state.selection.main.head });
  if (found.range) select(found.range.start.utf16, found.range.end.utf16);
  return true;
}

const view = new EditorView({
  parent: $("editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(),
      highlightSelectionMatches(), lintGutter(), rubricLanguage, rubricHighlight, hover,
      autocompletion({ override: [complete], activateOnTyping: true }),
      EditorView.lineWrapping,
      keymap.of([
        { key: "Mod-s", run: () => { save(); return true; }, preventDefault: true },
        { key: "Shift-Alt-f", run: () => { format(); return true; } },
        { key: "F12", run: () => { gotoDefinition(); return true; } },
        indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, ...completionKeymap,
      ]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) { scheduleCheck(); showFileState(); }
      }),
    ],
  }),
});
window.govrubricEditor = view; // for the end-to-end tests and the curious

function setText(newText) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: newText } });
}

// ------------------------------------------------------------------ files
function showFileState() {
  const dirty = state.path !== null && text() !== state.saved;
  $("file-state").textContent = state.path ? (dirty ? S.unsaved : S.saved) : "";
  $("file-state").classList.toggle("dirty", dirty);
}

async function loadFiles() {
  const response = await fetch("/api/files");
  const data = await answer(response);
  state.files = data.files;
  state.shipped = data.shipped;
  const list = $("file-list");
  list.replaceChildren(...data.files.map((path) => el("li", { class: path === state.path ? "current" : "",
    "data-path": path, onclick: () => openFile(path) }, path)));
  $("new-from").replaceChildren(el("option", { value: "new" }, S["new.starter"]),
    ...data.shipped.map((name) => el("option", { value: name }, name)));
  $("diff-old").replaceChildren(...data.files.map((path) => el("option", { value: path }, path)));
  return data;
}

async function openFile(path) {
  if (state.path && text() !== state.saved && !confirm(`${state.path}: ${S.unsaved}`)) return;
  const response = await fetch(`/api/file?path=${encodeURIComponent(path)}`);
  const data = await answer(response);
  state.path = data.path;
  state.version = data.version;
  state.saved = data.text;
  setText(data.text);
  $("current-file").textContent = path;
  history.replaceState(null, "", `#file=${encodeURIComponent(path)}`);
  for (const item of document.querySelectorAll("#file-list li")) item.classList.toggle("current", item.dataset.path === path);
  showFileState();
}

async function save() {
  if (!state.path) return;
  const current = text();
  try {
    const saved = await post("/api/file", { path: state.path, text: current, version: state.version });
    state.version = saved.version;
    state.saved = current;
    showFileState();
  } catch (err) {
    alert(err.status === 409 ? `${S.conflict}\n\n${err.message}` : err.message);
  }
}

async function createFile() {
  const path = $("new-name").value.trim();
  try {
    const made = await post("/api/new", { path, from: $("new-from").value });
    await loadFiles();
    state.saved = text(); // the open file is left as it is; the new one opens
    await openFile(made.path);
  } catch (err) {
    alert(err.message);
  }
}

async function format() {
  const found = await post("/api/format", { text: text(), path: state.path || "未命名.rubric" });
  if (found.text === null) { alert(found.problems.join("\n")); return; }
  if (found.edits.length) view.dispatch({ changes: found.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })) });
}

// ------------------------------------------------------------------ facts and scoring
async function downloadTemplate(format) {
  const response = await fetch("/api/template", { method: "POST", headers: { "content-type": "application/json",
    "x-csrf-token": CSRF }, body: JSON.stringify({ text: text(), path: state.path || "未命名.rubric", format }) });
  if (!response.ok) { alert((await response.json()).error); return; }
  saveBlob(await response.blob(), fileName(response, `填报表.${format}`));
}

function factsProblems(problems) {
  const card = $("facts-problems-card");
  card.hidden = !problems.length;
  $("facts-problem-count").textContent = problems.length ? `(${problems.length})` : "";
  card.querySelector("tbody").replaceChildren(...problems.map((p) => el("tr", { class: `sev-${p.severity}` },
    el("td", {}, p.where || ""), el("td", {}, p.code), el("td", {}, p.message), el("td", {}, p.help || ""))));
}

async function score() {
  const file = $("facts-file").files[0];
  if (!file) { $("score-state").textContent = S["upload.hint"]; return; }
  const form = new FormData();
  form.append("text", text());
  form.append("path", state.path || "未命名.rubric");
  form.append("facts", file, file.name);
  form.append("keep_going", $("keep-going").checked ? "1" : "0");
  $("score-state").textContent = "…";
  try {
    const found = await postForm("/api/score", form);
    factsProblems(found.facts_problems || []);
    $("score-state").textContent = found.error || "";
    if (found.problems) showProblems(found.problems, "");
    if (found.key) { showResults(found); showTab("results"); }
  } catch (err) {
    $("score-state").textContent = err.message;
  }
}

// ------------------------------------------------------------------ results
let results = null;

function showResults(found) {
  results = found;
  $("no-results").hidden = true;
  $("results").hidden = false;
  $("results-title").textContent = found.title;
  $("report-links").replaceChildren(...found.formats.map((suffix) => el("a", {
    href: `/api/report/${found.key}?format=${suffix.slice(1)}`, download: "", class: "report", "data-format": suffix }, suffix)));
  $("ranking-tabs").replaceChildren(...found.rankings.map((ranking, index) => el("button", {
    class: index === 0 ? "active" : "", onclick: (event) => {
      for (const b of $("ranking-tabs").children) b.classList.remove("active");
      event.target.classList.add("active");
      showRanking(ranking);
    } }, ranking.category || S["all.units"])));
  showRanking(found.rankings[0]);
  $("readings").replaceChildren(...found.readings.map((d) => el("li", {},
    `${d.item || "全细则"} ${d.reading} = ${d.value}(${d.origin}${d.reason ? ",理由:" + d.reason : ""})原文:${d.wording}`)));
  $("explanation").replaceChildren();
}

function showRanking(ranking) {
  const hasCategory = results.rankings.length > 1;
  const head = el("tr", {}, el("th", {}, S.rank), el("th", {}, S.unit), hasCategory ? el("th", {}, S.category) : null,
    results.columns.map((c) => el("th", { title: c.title }, c.path)), el("th", {}, results.total_name),
    results.graded ? el("th", {}, S.grade) : null);
  const rows = ranking.rows.map((row) => el("tr", { "data-unit": row.unit, onclick: (event) => {
    for (const r of document.querySelectorAll("#ranking tbody tr")) r.classList.remove("current");
    event.currentTarget.classList.add("current");
    explain(row.unit);
  } }, el("td", { class: "num" }, row.rank), el("td", {}, row.unit), hasCategory ? el("td", {}, row.category || "") : null,
  row.scores.map((s) => el("td", { class: "num" }, s)), el("td", { class: "num total" }, el("strong", {}, row.total)),
  results.graded ? el("td", {}, row.grade ?? "无") : null));
  $("ranking").replaceChildren(el("table", { id: "ranking-table" }, el("thead", {}, head), el("tbody", {}, rows)));
}

function lineLink(line) {
  return line ? el("a", { class: "line-link", "data-line": line, onclick: () => gotoLine(line) }, S.line.replace("{n}", line)) : null;
}

function explanationLines(lines) {
  return el("ul", {}, lines.map((line) => el("li", { class: "line" }, line.text, lineLink(line.line))));
}

function explainNode(node) {
  const state_ = !node.applicable ? "na" : node.vetoed ? "veto" : "";
  const points = node.points === null ? "" : `/${node.points}`;
  return el("li", { class: `node ${state_}` },
    el("div", { class: "head" }, `${node.path} ${node.title || ""}  ${node.score}${points}分`),
    explanationLines(node.explanation.filter((line) => !node.children.some((c) => line.text.startsWith(`${c.path} 得`)))),
    el("ul", {}, node.children.map(explainNode)));
}

async function explain(unit) {
  const response = await fetch(`/api/explanation/${results.key}?unit=${encodeURIComponent(unit)}`);
  const result = await answer(response);
  const grade = results.graded ? `,${S.grade} ${result.grade ?? "无"}` : "";
  $("explanation").replaceChildren(el("h3", {}, `${S.explain}:${result.unit}${result.category ? "(" + result.category + ")" : ""}`
    + `,${results.total_name} ${result.total}${grade}`), explanationLines(result.explanation),
  el("ul", { class: "tree" }, result.items.map(explainNode)));
}

// ------------------------------------------------------------------ preview and diff
async function preview() {
  const found = await post("/api/preview", { text: text(), path: state.path || "未命名.rubric" });
  $("preview-state").textContent = found.error || "";
  if (found.html) $("preview-frame").srcdoc = found.html;
}

async function runDiff() {
  const form = new FormData();
  form.append("text", text());
  form.append("path", state.path || "未命名.rubric");
  form.append("old_path", $("diff-old").value);
  const facts = $("diff-facts").files[0];
  if (facts) form.append("facts", facts, facts.name);
  $("diff-state").textContent = "…";
  try {
    const found = await postForm("/api/diff", form);
    $("diff-state").textContent = found.error ? `${found.error}\n${(found.problems || []).join("\n")}` : "";
    $("diff-text").textContent = found.text || "";
    showBacktest(found.backtest);
  } catch (err) {
    $("diff-state").textContent = err.message;
  }
}

function showBacktest(test) {
  const box = $("diff-units");
  box.replaceChildren();
  if (!test) return;
  const moved = test.units.filter((u) => u.change !== "0" || u.old_rank !== u.new_rank || u.old_grade !== u.new_grade);
  box.append(el("h2", {}, S["diff.units"]));
  if (!moved.length) { box.append(el("p", {}, S["diff.none"])); return; }
  box.append(el("table", { id: "backtest" }, el("thead", {}, el("tr", {}, el("th", {}, S.unit),
    el("th", {}, `${S.total}(${S.old})`), el("th", {}, `${S.total}(${S["new.version"]})`), el("th", {}, S.change),
    el("th", {}, S.rank), el("th", {}, S.grade), el("th", {}, S["items.moved"]))),
  el("tbody", {}, moved.map((u) => el("tr", {}, el("td", {}, u.unit), el("td", { class: "num" }, u.old_total ?? "—"),
    el("td", { class: "num" }, u.new_total ?? "—"), el("td", { class: "num" }, u.change ?? "—"),
    el("td", {}, `${u.old_rank ?? "—"} → ${u.new_rank ?? "—"}`), el("td", {}, `${u.old_grade ?? "无"} → ${u.new_grade ?? "无"}`),
    el("td", {}, u.movers.map((m) => `${m.path} ${m.old ?? "无"}→${m.new ?? "无"}`).join(";")))))));
}

// ------------------------------------------------------------------ tabs and start
function showTab(name) {
  for (const button of document.querySelectorAll("#tabs button")) button.classList.toggle("active", button.dataset.tab === name);
  for (const section of document.querySelectorAll(".view")) section.classList.toggle("active", section.id === `view-${name}`);
  if (name === "preview") preview();
  if (name === "edit") view.requestMeasure();
}

for (const button of document.querySelectorAll("#tabs button")) button.addEventListener("click", () => showTab(button.dataset.tab));
$("save").addEventListener("click", save);
$("format").addEventListener("click", format);
$("new-create").addEventListener("click", createFile);
$("score").addEventListener("click", score);
$("preview-refresh").addEventListener("click", preview);
$("diff-run").addEventListener("click", runDiff);
for (const button of document.querySelectorAll("button.template")) {
  button.addEventListener("click", () => downloadTemplate(button.dataset.format));
}
window.addEventListener("beforeunload", (event) => {
  if (state.path && text() !== state.saved) event.preventDefault();
});

loadFiles().then((data) => {
  const wanted = decodeURIComponent((location.hash.match(/#file=(.+)/) || [])[1] || "");
  const first = data.files.includes(wanted) ? wanted : data.files[0];
  if (first) return openFile(first);
  setText("");
  return runCheck();
}).catch((err) => { $("check-state").textContent = err.message; });
