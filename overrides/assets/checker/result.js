// What the page shows of an answer, answer first: what to do (and by when), then what needs nothing, then the
// reasoning, clauses and law one tap away. Every word comes from Python (headings, labels, facts, clause names,
// error sentences); this module only puts them in place, as text. Long lists come a page at a time.
import { counted, description, element, errorSummary, form, resultBody, resultSection } from "./page.js";
import { revealRow } from "./rows.js";
import { python } from "./python.js";

const labels = description.labels;
// Items of a long list drawn at once: a phone lays them out in well under a frame's budget.
const FIRST_ITEMS = 20;
const MORE_ITEMS = 100;

// What the last answer or refusal put beside fields: put back when rows come into view (rows.js draws a page at a
// time), cleared by the next check.
let besideFields = { errors: [], readAs: [] };

// An error beside its field, as GOV.UK places it (before the control; after a fieldset's legend), the field marked
// invalid and described by it; and the same undone.
export function markInvalid(field, id, text) {
  const note = element("p", "field-error", text);
  note.id = id;
  if (field.tagName === "FIELDSET") field.querySelector("legend").after(note);
  else field.before(note);
  field.setAttribute("aria-invalid", "true");
  field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
}

export function unmarkInvalid(field) {
  field.removeAttribute("aria-invalid");
  const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => {
    if (!id.endsWith("-error")) return true;
    document.getElementById(id)?.remove();
    return false;
  });
  if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
  else field.removeAttribute("aria-describedby");
}

export function clearErrors() {
  for (const old of form.querySelectorAll(".field-error, .read-as")) old.remove();
  for (const field of form.querySelectorAll("[aria-invalid]")) unmarkInvalid(field);
  errorSummary.hidden = true;
}

// An error's field is a request path ("donations[2].amount", "donations[2]", "verified"), which is the widget's own
// data-field; a version error belongs beside the code's choice. A field in rows out of view is brought into view.
function elementFor(field, reveal) {
  if (field === "version" || field === "code") return form.elements.code;
  if (field === "as_of") {
    if (reveal) form.elements.as_of.closest("details").open = true;
    return form.elements.as_of;
  }
  const found = reveal ? revealRow(field) || form.querySelector(`[data-field="${CSS.escape(field)}"]:not([type=radio])`)
    : form.querySelector(`[data-field="${CSS.escape(field)}"]:not([type=radio])`);
  return found && !found.closest("template, [hidden]") ? found : null;
}

function focusable(field) {
  return field.matches("fieldset") ? field.querySelector("input, select, textarea") || field : field;
}

// Beside each field in view: its error (before the control, as GOV.UK places it) or the date as read. A year's
// spreadsheet brings tens of thousands of each but only a page of rows is drawn (rows.js): the fields in view are
// looked up in an index, never each item searched for in the page.
function markFields() {
  const errors = indexed(besideFields.errors);
  const readAs = indexed(besideFields.readAs);
  const inView = [...form.querySelectorAll("[data-field]:not([type=radio])")]
    .filter((field) => !field.closest("template, [hidden]")).map((field) => [field.dataset.field, field]);
  for (const name of ["code", "version", "as_of"]) {
    if (errors.has(name) || readAs.has(name)) inView.push([name, elementFor(name, false)]);
  }
  for (const [path, field] of inView) {
    if (!field) continue;
    const [error, index] = errors.get(path) || [];
    if (error && !field.getAttribute("aria-invalid")) markInvalid(field, `error-${index}-error`, error.sentence);
    const read = readAs.get(path);
    if (read && !(field.nextElementSibling && field.nextElementSibling.matches(".read-as"))) {
      field.after(element("p", "read-as", `${labels.read_as} ${read[0].text}`));
    }
  }
}

// Items by their field, the first for each (a list may grow as an answer arrives in parts).
const indexes = new WeakMap();

function indexed(items) {
  const index = indexes.get(items) || { length: 0, map: new Map() };
  for (; index.length < items.length; index.length++) {
    if (!index.map.has(items[index.length].field)) index.map.set(items[index.length].field, [items[index.length], index.length]);
  }
  indexes.set(items, index);
  return index.map;
}

form.addEventListener("rows-shown", markFields);

export function showErrors(errors, summary) {
  clearErrors();
  besideFields = { errors, readAs: [] };
  markFields();
  const list = errorSummary.querySelector(".error-summary-list");
  list.replaceChildren(...errors.map((error) => {
    const item = element("li");
    const field = elementFor(error.field, false) || (/\[\d+\]/.test(error.field) ? error.field : null);
    if (!field) {
      item.textContent = error.summary_line;
      return item;
    }
    const link = element("a", "", error.summary_line);
    link.href = typeof field === "string" ? "#" + CSS.escape(field) : "#" + focusable(field).id;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const target = elementFor(error.field, true);
      if (!target) return;
      const control = focusable(target);
      control.focus({ preventScroll: true });
      control.closest(".field, fieldset").scrollIntoView({ block: "center" });
    });
    item.append(link);
    return item;
  }));
  errorSummary.querySelector(".error-summary-text").textContent = summary;
  resultSection.hidden = true;
  errorSummary.hidden = false;
  errorSummary.scrollIntoView({ block: "start" });
  errorSummary.focus({ preventScroll: true });
}

export function showResult(response) {
  // For real-user and benchmark timing: when the first answer reached the reader.
  if (!performance.getEntriesByName("coc:first-result").length) performance.mark("coc:first-result");
  clearErrors();
  besideFields = { errors: [], readAs: response.read_as || [] };
  markFields();
  const answers = response.answers || [];
  const heading = element("h2", "checker-todo-heading", response.todo_heading);
  heading.id = "result-heading";
  heading.tabIndex = -1;
  const parts = [element("p", `status status--${response.status}`, response.status_text), heading];
  if (response.todo.length) {
    const list = element("ol", "todo");
    for (const item of response.todo) {
      const entry = element("li", `todo-item todo-item--${item.overdue ? "overdue" : item.level}`);
      if (item.overdue) entry.append(element("strong", "todo-label", item.label + ": "));
      entry.append(document.createTextNode(item.text));
      list.append(entry);
    }
    parts.push(list);
  } else parts.push(element("p", "todo-none", labels.nothing_to_do));
  if (response.todo_more_text) parts.push(element("p", "todo-more", response.todo_more_text));
  for (const detail of response.details || []) parts.push(element("p", "checker-detail", detail));
  if (response.draft) parts.push(draft(response.draft));
  if (response.actions) parts.push(actions(response.actions));
  // The answers that ask nothing of the reader, gathered as they arrive (a long answer comes in parts: python.js).
  const others = [];
  const othersHeading = element("h3", "checker-others-heading", response.others_heading);
  const othersList = pagedList("others", others, (answer) => {
    const item = element("li", `other other--${answer.level || "info"}`);
    item.append(element("strong", "", answer.level_label + ": "), document.createTextNode(answer.message));
    return item;
  });
  let gathered = 0;
  const gather = () => {
    for (; gathered < answers.length; gathered++) {
      if (!answers[gathered].todo && !answers[gathered].reasoning) others.push(answers[gathered]);
    }
    othersHeading.hidden = othersList.holder.hidden = others.length === 0;
    othersList.refresh();
  };
  gather();
  parts.push(othersHeading, othersList.holder);
  for (const note of response.notes || []) parts.push(element("p", "note", note));
  const why = reasoning(response);
  if (answers.length) parts.push(why.box);
  arriving = (more) => {
    if (more.response !== response) return;
    gather();
    why.refresh();
    markFields();
  };
  parts.push(element("p", "checker-disclaimer", response.disclaimer));
  resultSection.hidden = false;
  resultBody.replaceChildren(...parts);
  resultSection.querySelector(".checker-keep").hidden = true;
  resultSection.scrollIntoView({ block: "start" });
  heading.focus({ preventScroll: true });
}

// The rest of a long answer, as it arrives: the lists already on the page offer it.
let arriving = () => {};
window.addEventListener("codes-of-conduct:more", (event) => arriving(event.detail));

// A list drawn FIRST_ITEMS at a time, with a button for more: however long, no task lays out more than a page.
// `items` may grow (an answer arriving in parts): refresh() draws up to the first page and updates the button.
function pagedList(className, items, draw) {
  const holder = element("div", `${className}-holder`);
  const list = element("ul", className);
  holder.append(list);
  let shown = 0;
  const more = element("button", "md-button show-more", labels.show_more);
  more.type = "button";
  const refresh = () => {
    more.hidden = shown >= items.length;
    more.textContent = `${labels.show_more} (${counted(items.length - shown)})`;
  };
  const drawMore = (count) => {
    const next = items.slice(shown, shown + count);
    list.append(...next.map(draw));
    shown += next.length;
    refresh();
  };
  more.addEventListener("click", () => {
    const first = shown;
    drawMore(MORE_ITEMS);
    const arrived = list.children[first];
    if (arrived) {
      arrived.tabIndex = -1;
      arrived.focus();
    }
  });
  drawMore(FIRST_ITEMS);
  holder.append(more);
  return { holder, refresh: () => (shown < FIRST_ITEMS ? drawMore(FIRST_ITEMS - shown) : refresh()) };
}

// The reasoning: every answer with its clause and the law beside it, the code applied, and the notes. Folded, and
// drawn when first opened.
function reasoning(response) {
  const box = element("details", "checker-reasoning");
  box.append(element("summary", "", labels.reasoning));
  let findings = null;
  box.addEventListener("toggle", () => {
    if (!box.open || findings) return;
    findings = pagedList("findings", response.answers, finding);
    box.append(element("p", "checked-against", response.checked_against), findings.holder);
  });
  return { box, refresh: () => findings && findings.refresh() };
}

function finding(answer) {
  const item = element("li", `finding finding--${answer.level || "info"}`);
  item.append(element("strong", "", answer.level_label + ": "), document.createTextNode(answer.message));
  if (answer.facts_text) item.append(element("span", "finding-facts", " " + answer.facts_text));
  const cite = element("a", "finding-clause", answer.clause.label);
  cite.href = description.root + answer.clause.url;
  cite.title = answer.clause.citation;
  item.append(document.createTextNode(" "), cite);
  if (answer.law) item.append(lawBeside(answer.law));
  return item;
}

// A document the answer is (a complaint's message): shown as written, wrapped to the screen, to read before sending.
function draft({ label, text }) {
  const figure = element("figure", "checker-draft");
  figure.append(element("figcaption", "", label), element("pre", "", text));
  return figure;
}

// What the reader may do with the answer, in Python's words: a link (a mailto: opens their own mail program) or a
// copy to the clipboard. Nothing is sent by the page.
function actions(items) {
  const paragraph = element("p", "checker-actions-result");
  const status = element("span", "checker-copy-status");
  status.setAttribute("role", "status");
  for (const action of items) {
    if (action.kind === "link") {
      const link = element("a", "md-button md-button--primary", action.label);
      link.href = action.href;
      paragraph.append(link);
    } else if (action.kind === "copy") {
      const button = element("button", "md-button", action.label);
      button.type = "button";
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(action.text);
          status.textContent = action.done;
        } catch {
          status.textContent = "Copying is not allowed here: select the message above and copy it.";
        }
      });
      paragraph.append(button);
    }
  }
  paragraph.append(status);
  return paragraph;
}

// The law's answer beside the code's: its words and labels from Python, its sources ordinary links to follow.
function lawBeside(law) {
  const box = element("div", `finding-law finding-law--${law.requires ? "requires" : "not-required"}`);
  box.setAttribute("role", "note");
  box.append(element("strong", "", labels.law + " "), document.createTextNode(law.message));
  const sources = element("ul", "finding-law-sources");
  sources.setAttribute("aria-label", labels.law_sources);
  for (const source of law.sources) {
    const link = element("a", "", source.title);
    link.href = source.url;
    link.rel = "external noopener";
    const entry = element("li");
    entry.append(link);
    sources.append(entry);
  }
  box.append(sources);
  return box;
}

// What a link, a kept case or a spreadsheet held that the form did not take, and why: shown, never silently dropped.
// `source` is "link", "case" or "spreadsheet"; Python words it all.
export async function showRefused(refused, source) {
  const words = await python.refusedWords(description.checker, source, refused);
  const list = element("ul", "refused");
  list.append(...words.lines.map((line) => element("li", "", line)));
  resultSection.hidden = false;
  resultBody.replaceChildren(element("p", "status status--error", words.heading), list);
  resultSection.querySelector(".checker-keep").hidden = true;
  resultSection.tabIndex = -1;
  resultSection.focus();
}

export function showMessage(text, className = "status") {
  resultSection.hidden = false;
  resultBody.replaceChildren(element("p", className, text));
  // The record offered is the answer's: while another is made, or none could be, there is none to offer.
  resultSection.querySelector(".checker-keep").hidden = true;
}
