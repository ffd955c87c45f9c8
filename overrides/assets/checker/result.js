// What the page shows of an answer: every word comes from Python (the headline, labels, facts, clause names,
// error sentences); this module only puts them in place, as text.
import { description, element, form, resultBody, resultSection } from "./page.js";

export function clearErrors() {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    const ids = (field.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}

// An error's field is a request path ("donations[2].amount", "donations[2]", "verified"), which is the widget's
// own data-field; a version error belongs beside the code's choice.
function elementFor(field) {
  if (field === "version") return form.elements.code;
  const found = form.querySelector(`[data-field="${CSS.escape(field)}"]:not([type=radio])`);
  return found && !found.closest("template") ? found : null;
}

export function showErrors(errors, summary) {
  clearErrors();
  let first = null;
  errors.forEach((error, index) => {
    const field = elementFor(error.field);
    if (!field) return; // listed below with the rest
    const note = element("p", "field-error", error.sentence || error.message);
    note.id = `error-${index}-error`;
    if (field.tagName === "FIELDSET") field.append(note);
    else field.insertAdjacentElement("afterend", note);
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    first = first || field;
  });
  const list = element("ul");
  for (const error of errors) list.append(element("li", "", `${error.field}: ${error.message}`));
  resultSection.hidden = false;
  resultBody.replaceChildren(element("p", "status status--error", summary), list);
  const target = first && (first.matches("fieldset") ? first.querySelector("input, select") || first : first);
  (target || resultSection).focus();
}

export function showResult(response) {
  // For real-user and benchmark timing: when the first answer reached the reader.
  if (!performance.getEntriesByName("coc:first-result").length) performance.mark("coc:first-result");
  clearErrors();
  const parts = [element("p", `status status--${response.status}`, response.headline)];
  for (const detail of response.details || []) parts.push(element("p", "", detail));
  const list = element("ul", "findings");
  const answers = response.answers || [];
  for (const finding of answers) {
    const item = element("li", `finding finding--${finding.level || "info"}`);
    item.append(element("strong", "", finding.level_label + ": "), document.createTextNode(finding.message));
    if (finding.facts_text) item.append(element("span", "finding-facts", " " + finding.facts_text));
    const cite = element("a", "finding-clause", finding.clause.label);
    cite.href = description.root + finding.clause.url;
    cite.title = finding.clause.citation;
    item.append(document.createTextNode(" "), cite);
    if (finding.law) item.append(lawBeside(finding.law));
    list.append(item);
  }
  if (response.draft) parts.push(draft(response.draft));
  if (response.actions) parts.push(actions(response.actions));
  if (answers.length) parts.push(list);
  for (const note of response.notes || []) parts.push(element("p", "note", note));
  parts.push(element("p", "checker-disclaimer", response.disclaimer));
  resultSection.hidden = false;
  resultBody.replaceChildren(...parts);
  resultSection.querySelector(".checker-keep").hidden = true;
  resultSection.focus();
}

// A document the answer is (a complaint's message): shown as written, to read before sending.
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
      paragraph.append(link, document.createTextNode(" "));
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
      paragraph.append(button, document.createTextNode(" "));
    }
  }
  paragraph.append(status);
  return paragraph;
}

// The law's answer beside the code's: its words and labels from Python, its sources ordinary links to follow.
function lawBeside(law) {
  const box = element("div", `finding-law finding-law--${law.requires ? "requires" : "not-required"}`);
  box.setAttribute("role", "note");
  box.append(element("strong", "", description.labels.law + " "), document.createTextNode(law.message));
  const sources = element("ul", "finding-law-sources");
  sources.setAttribute("aria-label", description.labels.law_sources);
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

// What a link or a spreadsheet held that the form did not take, and why: shown, never silently dropped.
export function showRefused(refused, source) {
  const count = refused.length;
  const heading = element("p", "status status--error", `Not checked: ${source} holds ${count === 1 ? "an answer" : count +
    " answers"} this page could not take. Choose or correct ${count === 1 ? "it" : "them"}, then press Check.`);
  const list = element("ul", "refused");
  for (const { field, value, why } of refused) list.append(element("li", "", `${field}: ${shown(value)} was not taken: ${why}.`));
  resultSection.hidden = false;
  resultBody.replaceChildren(heading, list);
  resultSection.focus();
}

function shown(value) {
  if (typeof value === "string") return `"${value.length > 60 ? value.slice(0, 60) + "…" : value}"`;
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 60) + "…" : text;
}

export function showMessage(text, className = "status") {
  resultSection.hidden = false;
  resultBody.replaceChildren(element("p", className, text));
}
