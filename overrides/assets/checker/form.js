// The form as a request, and a request (a shared link's) into the form, both from the checker's description; which
// questions are asked, by the answers so far.
import { description, form } from "./page.js";
import { holds, readField, writeField } from "./fields.js";
import { readRows, replaceRows } from "./rows.js";

// The code and version each choice of the form stands for, by its value (a citation, made by Python).
const choices = new Map(description.codes.flatMap((code) => [
  [code.citation, { code: code.code }],
  ...code.versions.map((version) => [version.citation, { code: code.code, version: version.version }]),
]));

// A field outside the rows; a radio group is found through its fieldset.
function fieldElement(spec) {
  return form.querySelector(`[data-field="${spec.name}"]:not([type=radio])`);
}

// Each question's answer as Python will read it: a question not asked (or not answered) has its default.
function answers() {
  const found = {};
  for (const spec of description.inputs) {
    if (spec.kind === "rows") continue;
    const asked = !spec.asked_when || holds(spec.asked_when, found);
    const value = asked ? readField(spec, fieldElement(spec)) : undefined;
    found[spec.name] = value === undefined ? spec.default ?? null : value;
  }
  return found;
}

// One question at a time (GOV.UK's pattern for a form that branches): the questions the answers so far make
// relevant, up to the first the reader has not answered yet; the rest wait for it.
const CHOOSING = new Set(["choice", "tristate", "boolean"]);

export function showRelevantQuestions() {
  const found = answers();
  let waiting = false;
  for (const spec of description.inputs.filter((input) => input.kind !== "rows")) {
    const question = form.querySelector(`[data-question="${spec.name}"]`);
    const shown = !waiting && (!spec.asked_when || holds(spec.asked_when, found));
    if (question.hidden === shown) question.hidden = !shown;
    // The page drew it hidden until now (sitebuild/checkerpages.py, asked_later): from here the script decides.
    delete question.dataset.askLater;
    if (shown && description.branching && CHOOSING.has(spec.kind) && readField(spec, fieldElement(spec)) === undefined) {
      waiting = true;
    }
  }
}

export function readRequest() {
  const chosen = choices.get(form.elements.code.value);
  const request = chosen ? { code: chosen.code } : {};
  const asOf = form.elements.as_of.value.trim();
  if (asOf) request.as_of = asOf;
  else if (chosen && chosen.version) request.version = chosen.version;
  const found = answers();
  for (const spec of description.inputs) {
    if (spec.kind === "rows") {
      request[spec.name] = readRows(spec);
      continue;
    }
    if (spec.asked_when && !holds(spec.asked_when, found)) continue; // not asked: not sent
    const value = readField(spec, fieldElement(spec));
    if (value !== undefined) request[spec.name] = value;
  }
  return request;
}

// The code of the page the reader came from (a code's page on this site), chosen for them; otherwise they choose.
export function chooseCodeFromReferrer() {
  if (form.elements.code.value || !document.referrer) return;
  let path;
  try {
    const from = new URL(document.referrer);
    const root = new URL(description.root, location.href);
    if (from.origin !== root.origin || !from.pathname.startsWith(root.pathname)) return;
    path = from.pathname.slice(root.pathname.length);
  } catch {
    return;
  }
  const code = description.codes.find((served) => path.startsWith(served.url));
  if (code) form.elements.code.value = code.citation;
}

// A scenario into the form. Returns what it could not take: [{field, value, why}], `why` a key that Python words
// (python.refusedWords); a code or version this site does not have is among them, and nothing is checked until the
// reader chooses. `whole`: the request is the whole form, so an "as at" date or rows it does not give are emptied;
// otherwise only what it gives is written. `keep`: the fields (by name) the reader has answered, left as they are.
export async function fillForm(request, { whole = true, keep = new Set() } = {}) {
  if (!request || typeof request !== "object" || Array.isArray(request)) {
    return [{ field: "scenario", value: request, why: "not-answers" }];
  }
  const refused = [];
  if (!keep.has("code")) refused.push(...writeCode(request));
  if (!keep.has("as_of") && (whole || request.as_of !== undefined)) {
    const asOfWhy = writeField({ kind: "date" }, form.elements.as_of, request.as_of === undefined ? "" : request.as_of);
    if (asOfWhy) refused.push({ field: "as_of", value: request.as_of, why: asOfWhy });
    if (form.elements.as_of.value) form.elements.as_of.closest("details").open = true;
  }
  const known = new Set(["code", "version", "as_of", ...description.inputs.map((spec) => spec.name)]);
  for (const name of Object.keys(request)) {
    if (!known.has(name)) refused.push({ field: name, value: request[name], why: "no-question" });
  }
  for (const spec of description.inputs.filter((input) => !keep.has(input.name))) {
    if (spec.kind !== "rows") {
      const why = writeField(spec, fieldElement(spec), request[spec.name]);
      if (why) refused.push({ field: spec.name, value: request[spec.name], why });
      continue;
    }
    if (!whole && request[spec.name] === undefined) continue;
    const rows = request[spec.name] === undefined ? [] : request[spec.name];
    if (!Array.isArray(rows) || rows.some((row) => !row || typeof row !== "object" || Array.isArray(row))) {
      refused.push({ field: spec.name, value: rows, why: "not-rows" });
      continue;
    }
    refused.push(...await replaceRows(spec, rows));
  }
  showRelevantQuestions();
  return refused;
}

// The request's code and version, as the form's one choice of them.
function writeCode(request) {
  const code = description.codes.find((served) => served.code === request.code);
  const pinned = code && request.version !== undefined && request.version !== null;
  const version = code && (pinned ? code.versions.find((served) => served.version === request.version) : code);
  // The current version is offered once, as "current version": a link that names it is that choice.
  const citation = version && (pinned && version.version === code.current ? code.citation : version.citation);
  if (citation) form.elements.code.value = citation;
  else if (code) return [{ field: "version", value: request.version, why: "no-version", code: code.code }];
  else if (request.code !== undefined) return [{ field: "code", value: request.code, why: "no-code" }];
  // No code named: the reader chooses, as on a form they fill in themselves; a version alone names none.
  else if (request.version !== undefined) return [{ field: "version", value: request.version, why: "version-alone" }];
  return [];
}
