// A checker page: the form, the Python worker, the result. Only checker pages load this file.
// User data is only ever put into the page as text (textContent), never as HTML.

const description = JSON.parse(document.getElementById("checker-description").textContent);
const form = document.getElementById("checker-form");
const progressText = document.querySelector(".checker-progress-text");
const progressBar = document.querySelector(".checker-progress-bar");
const resultSection = document.querySelector(".checker-result");
const resultBody = document.querySelector(".checker-result-body");
const checker = description.checker;

// --- The Python worker -----------------------------------------------------------------------

const pending = new Map();
let nextId = 1;
let worker = null;
let failure = null;

// The bar never goes back: the snapshot's download and the Python worker report separately.
function showProgress(percent, text) {
  progressText.textContent = text;
  progressBar.hidden = percent >= 100;
  progressBar.value = Math.max(progressBar.value, percent);
}

// The snapshot's download, most of a first visit's wait on a slow connection: the bar moves from 10 to 90%.
// The text stays as it is, so that a screen reader is not told every percent.
function showDownload(fraction) {
  if (!progressBar.hidden) progressBar.value = Math.max(progressBar.value, 10 + 80 * fraction);
}

// Material's own script, which the build holds back on checker pages: on two cores its start would compete
// with Python's. Loaded once Python is ready (after a check already asked for), if Python fails, after a few
// seconds whatever happens, or as soon as the reader reaches for the header (where its search box and colour
// switch appear once it runs).
const THEME_AT_THE_LATEST_MS = 4000;
let themeStarted = false;

function startTheme() {
  const held = document.querySelector("script[data-theme-script]");
  if (themeStarted || !held) return;
  themeStarted = true;
  const script = document.createElement("script");
  script.src = held.dataset.themeScript;
  // It starts on DOMContentLoaded, usually past by now; it listens once, and nothing else on these pages does.
  script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
  document.body.append(script);
}

// Once Python is ready: at once, or after the checks already asked for have their answers.
let themeAfterChecks = false;

function startThemeAfterChecks() {
  if (pending.size === 0) startTheme();
  else themeAfterChecks = true;
}

setTimeout(startTheme, THEME_AT_THE_LATEST_MS);
for (const type of ["pointerdown", "focusin"]) {
  document.querySelector(".md-header")?.addEventListener(type, startTheme, { once: true });
}

// What to do depends on what failed: a download (the connection, or the site) or the browser itself.
function fail(message) {
  failure = message;
  startTheme();
  const download = /could not be downloaded|did not load|did not start within/.test(message);
  showProgress(100, (download ? "The checker could not start: " : "The checker could not start in this browser: ") +
    message + (download ? " Check your connection and reload the page" : " Try an up-to-date browser") +
    ", or run the same checker from the command line (python -m checkers).");
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function handle(event) {
  if (event.type === "error") {
    fail("a file it needs did not load.");
    return;
  }
  const message = event.data;
  if (message.type === "progress") showProgress(message.percent, message.text);
  else if (message.type === "download") showDownload(message.fraction);
  else if (message.type === "ready") startThemeAfterChecks();
  else if (message.type === "failed") fail(message.message);
  else if (pending.has(message.id)) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) reject(new Error(message.error));
    else resolve(message.result);
    // In a later task: the answer is shown first.
    if (themeAfterChecks && pending.size === 0) setTimeout(startTheme);
  }
}

function takeOverWorker() {
  // The worker was started from <head> by checker-boot.js.
  const boot = window.__codesOfConductBoot || { runtime: null };
  if (!boot.runtime) {
    fail("this copy of the site was built without the checker runtime.");
    return;
  }
  if (!boot.worker) {
    fail("this browser cannot run module workers.");
    return;
  }
  worker = boot.worker;
  worker.onmessage = handle;
  worker.onerror = (event) => { event.preventDefault(); handle(event); };
  for (const event of boot.early.splice(0)) handle(event);
}

function call(message) {
  if (failure) return Promise.reject(new Error(failure));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

// The same contract as the command line: a Promise of its JSON response.
window.codesOfConduct = {
  run: (name, request) => call({ op: "run", checker: name, request }),
  parseCsv: (data) => call({ op: "csv", data }),
  writeCsv: (rows) => call({ op: "csv-write", rows }),
};

// --- Rows that a candidate can add and remove ------------------------------------------------

function rowCount(list) {
  return list.querySelectorAll(":scope > fieldset.row").length;
}

function renumber(list) {
  const name = list.dataset.rows;
  list.querySelectorAll(":scope > fieldset.row").forEach((row, index) => {
    const old = row.dataset.row;
    row.dataset.row = String(index);
    for (const element of row.querySelectorAll("[id], [name], [data-field], [for], [aria-describedby]")) {
      for (const attribute of ["id", "name", "data-field", "for", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) {
          element.setAttribute(attribute, value
            .replaceAll(`${name}[${old}]`, `${name}[${index}]`)
            .replaceAll(`${name}-${old}-`, `${name}-${index}-`));
        }
      }
    }
    row.querySelector("legend").textContent = row.querySelector("legend").dataset.label + " " + (index + 1);
    const remove = row.querySelector(".row-remove");
    remove.textContent = remove.dataset.label + " " + (index + 1);
  });
}

// A repeatable list's parts, found once rather than for every row: a whole year's spreadsheet is thousands of
// rows, and the template comes after them in the page. Removing a row is handled once for the whole list.
const rowLists = new Map();

function rowList(name) {
  if (!rowLists.has(name)) {
    const list = form.querySelector(`.row-list[data-rows="${name}"]`);
    const template = form.querySelector(`template[data-rows="${name}"]`).innerHTML;
    list.addEventListener("click", (event) => {
      const remove = event.target.closest(".row-remove");
      if (remove) removeRow(name, remove.closest("fieldset.row"));
    });
    rowLists.set(name, { list, template });
  }
  return rowLists.get(name);
}

function removeRow(name, row) {
  const { list } = rowList(name);
  const next = row.nextElementSibling || row.previousElementSibling;
  row.remove();
  renumber(list);
  (next ? next.querySelector("input, select") : form.querySelector(`.row-add[data-rows="${name}"]`)).focus();
}

// Rows from place `from` on, one for each set of values, parsed together and not yet in the page. Returns them
// in a fragment, with what the form could not take.
function makeRows(name, from, valueSets) {
  const { template } = rowList(name);
  const holder = document.createElement("template");
  holder.innerHTML = valueSets.map((_, offset) => template // our own template, never user data
    .replaceAll("__i__", String(from + offset)).replaceAll("__n__", String(from + offset + 1))).join("");
  const refused = [];
  [...holder.content.children].forEach((row, offset) => {
    const index = from + offset;
    const legend = row.querySelector("legend");
    legend.dataset.label = legend.textContent.replace(/ \d+$/, "");
    const remove = row.querySelector(".row-remove");
    remove.dataset.label = remove.textContent.replace(/ \d+$/, "");
    for (const [field, value] of Object.entries(valueSets[offset])) {
      const why = setValue(row.querySelector(`[data-field="${name}[${index}].${field}"]`), value);
      if (why) refused.push({ field: `${name}[${index}].${field}`, value, why });
    }
  });
  return { rows: holder.content, refused };
}

function addRow(name, values = {}) {
  const { list } = rowList(name);
  const { rows, refused } = makeRows(name, rowCount(list), [values]);
  const row = rows.firstElementChild;
  list.append(rows);
  return { row, refused };
}

// Many rows without freezing the page: in batches sized to take about 25 ms each, the page free to respond
// between them.
const BATCH_MS = 25;

async function replaceRows(name, valueSets) {
  const { list } = rowList(name);
  list.replaceChildren();
  const refused = [];
  let index = 0;
  let size = 50;
  while (index < valueSets.length) {
    const started = performance.now();
    const made = makeRows(name, index, valueSets.slice(index, index + size));
    list.append(made.rows);
    refused.push(...made.refused);
    index += size;
    const took = Math.max(1, performance.now() - started);
    size = Math.max(10, Math.min(1000, Math.round(size * BATCH_MS / took)));
    if (index < valueSets.length) await new Promise((resolve) => setTimeout(resolve));
  }
  return refused;
}

for (const button of form.querySelectorAll(".row-add")) {
  button.addEventListener("click", () => addRow(button.dataset.rows).row.querySelector("input, select").focus());
}

// --- Reading and filling the form --------------------------------------------------------------

function readValue(element) {
  const type = element.dataset.type;
  if (type === "boolean" && element.type === "checkbox") return element.checked;
  if (type === "boolean") {
    const chosen = form.querySelector(`input[type=radio][name="${CSS.escape(element.dataset.field)}"]:checked`);
    return chosen ? chosen.value === "true" : undefined;
  }
  const value = element.value.trim();
  if (value === "") return undefined;
  if (type === "tristate") return value === "true" ? true : value === "false" ? false : undefined;
  if (type === "count") return /^\d+$/.test(value) ? Number(value) : value;
  return value;
}

// Puts a value into its field; returns why it could not (a choice the field does not offer, a date the date
// field cannot hold, a field this form does not have), so that nothing a link or a spreadsheet held is dropped
// without a word.
function setValue(element, value) {
  if (value === undefined) return null;
  if (!element) return "this form has no such field";
  const type = element.dataset.type;
  if (type === "boolean") {
    if (typeof value !== "boolean") return "it must be true or false";
    if (element.type === "checkbox") element.checked = value;
    else for (const radio of element.querySelectorAll("input[type=radio]")) radio.checked = radio.value === String(value);
    return null;
  }
  const text = value === null ? "" : typeof value === "object" ? null : String(value);
  if (text === null) return "it is not a single value";
  element.value = text;
  if (element.value === text) return null;
  element.value = "";
  if (element.tagName === "SELECT") {
    element.selectedIndex = [...element.options].findIndex((option) => option.defaultSelected);
    return "it is not one of the choices offered";
  }
  return element.type === "date" ? "it is not a date written YYYY-MM-DD" : "the field cannot hold it";
}

function fieldElements() {
  // One element per request field: a radio group counts once, through its fieldset.
  return [...form.querySelectorAll("[data-field]")].filter((element) =>
    !element.closest("template") && element.type !== "radio" && !element.classList.contains("rows"));
}

// The code and version each choice of the form stands for, by its value (a citation, made by Python).
const choices = new Map(description.codes.flatMap((code) => [
  [code.citation, { code: code.code }],
  ...code.versions.map((version) => [version.citation, { code: code.code, version: version.version }]),
]));

function readRequest() {
  const { code, version } = choices.get(form.elements.code.value);
  const request = { code };
  const asOf = form.elements.as_of.value;
  if (asOf) request.as_of = asOf;
  else if (version) request.version = version;
  for (const spec of description.inputs) {
    if (spec.type === "rows") request[spec.name] = [];
  }
  for (const element of fieldElements()) {
    const value = readValue(element);
    const match = element.dataset.field.match(/^(\w+)\[(\d+)\]\.(\w+)$/);
    if (match) {
      const rows = request[match[1]];
      rows[Number(match[2])] = rows[Number(match[2])] || {};
      if (value !== undefined) rows[Number(match[2])][match[3]] = value;
    } else if (value !== undefined) {
      request[element.dataset.field] = value;
    }
  }
  return request;
}

// A shared scenario into the form. Returns what it could not take: [{field, value, why}]; a code or version
// this site does not have is among them, and nothing is checked until the reader chooses.
async function fillForm(request) {
  if (!request || typeof request !== "object" || Array.isArray(request)) {
    return [{ field: "scenario", value: request, why: "it is not a set of answers" }];
  }
  const refused = [];
  const code = description.codes.find((served) => served.code === request.code);
  const version = code && (request.version === undefined || request.version === null
    ? code : code.versions.find((served) => served.version === request.version));
  if (version) form.elements.code.value = version.citation;
  else {
    refused.push(code
      ? { field: "version", value: request.version, why: `${code.title} has no such version on this site` }
      : { field: "code", value: request.code, why: "this site has no such code for this checker" });
  }
  const asOfWhy = setValue(form.elements.as_of, request.as_of === undefined ? "" : request.as_of);
  if (asOfWhy) refused.push({ field: "as_of", value: request.as_of, why: asOfWhy });
  const known = new Set(["code", "version", "as_of", ...description.inputs.map((spec) => spec.name)]);
  for (const name of Object.keys(request)) {
    if (!known.has(name)) refused.push({ field: name, value: request[name], why: "this checker has no such question" });
  }
  for (const spec of description.inputs) {
    if (spec.type === "rows") {
      const rows = request[spec.name] === undefined ? [] : request[spec.name];
      if (!Array.isArray(rows) || rows.some((row) => !row || typeof row !== "object" || Array.isArray(row))) {
        refused.push({ field: spec.name, value: rows, why: "it is not a list of rows" });
        continue;
      }
      refused.push(...await replaceRows(spec.name, rows));
    } else {
      const why = setValue(form.querySelector(`[data-field="${spec.name}"]:not([type=radio])`), request[spec.name]);
      if (why) refused.push({ field: spec.name, value: request[spec.name], why });
    }
  }
  return refused;
}

// What a link or a spreadsheet held that the form did not take, and why: shown, never silently dropped.
function showRefused(refused, source) {
  resultSection.hidden = false;
  const heading = element("p", "status status--error", `Not checked: ${source} holds ${refused.length === 1
    ? "an answer" : refused.length + " answers"} this page could not take. Choose or correct ${refused.length === 1
    ? "it" : "them"}, then press Check.`);
  const list = element("ul", "refused");
  for (const { field, value, why } of refused) {
    list.append(element("li", "", `${field}: ${shown(value)} was not taken: ${why}.`));
  }
  resultBody.replaceChildren(heading, list);
  resultSection.focus();
}

function shown(value) {
  if (typeof value === "string") return `"${value.length > 60 ? value.slice(0, 60) + "…" : value}"`;
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 60) + "…" : text;
}

// --- Errors beside the fields they concern -----------------------------------------------------

function clearErrors() {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const element of form.querySelectorAll("[aria-invalid]")) {
    element.removeAttribute("aria-invalid");
    const ids = (element.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }
}

function elementFor(field) {
  const exact = form.querySelector(`[data-field="${CSS.escape(field)}"]:not([type=radio])`);
  if (exact && !exact.closest("template")) return exact;
  const row = field.match(/^(\w+)\[(\d+)\]$/);
  if (row) return form.querySelector(`.row-list[data-rows="${row[1]}"] > fieldset.row[data-row="${row[2]}"]`);
  if (field === "version") return form.elements.code;
  return null;
}

function showErrors(errors, summary) {
  clearErrors();
  const unplaced = [];
  let first = null;
  errors.forEach((error, index) => {
    const element = elementFor(error.field);
    if (!element) { unplaced.push(error); return; }
    const note = document.createElement("p");
    note.className = "field-error";
    note.id = `error-${index}-error`;
    note.textContent = error.sentence || error.message;
    if (element.tagName === "FIELDSET") element.append(note);
    else element.insertAdjacentElement("afterend", note);
    element.setAttribute("aria-invalid", "true");
    element.setAttribute("aria-describedby", [element.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    first = first || element;
  });
  resultSection.hidden = false;
  const heading = element("p", "status status--error", summary);
  const list = document.createElement("ul");
  for (const error of errors) {
    const item = document.createElement("li");
    item.textContent = `${error.field}: ${error.message}`;
    list.append(item);
  }
  resultBody.replaceChildren(heading, list);
  const target = first && (first.matches("fieldset") ? first.querySelector("input, select") || first : first);
  (target || resultSection).focus();
}

// --- The result: every word comes from Python (headline, labels, facts, clause names) -----------------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function showResult(response) {
  // For real-user and benchmark timing: when the first answer reached the reader.
  if (!performance.getEntriesByName("coc:first-result").length) performance.mark("coc:first-result");
  clearErrors();
  const parts = [element("p", `status status--${response.status}`, response.headline)];
  for (const detail of response.details || []) parts.push(element("p", "", detail));
  const list = element("ul", "findings");
  for (const finding of response.findings) {
    const item = element("li", `finding finding--${finding.level}`);
    item.append(element("strong", "", finding.level_label + ": "), document.createTextNode(finding.message));
    if (finding.facts_text) item.append(element("span", "finding-facts", " " + finding.facts_text));
    const cite = element("a", "finding-clause", finding.clause.label);
    cite.href = description.root + finding.clause.url;
    cite.title = finding.clause.citation;
    item.append(document.createTextNode(" "), cite);
    list.append(item);
  }
  if (response.findings.length) parts.push(list);
  for (const note of response.notes || []) parts.push(element("p", "note", note));
  parts.push(element("p", "checker-disclaimer", response.disclaimer));
  resultSection.hidden = false;
  resultBody.replaceChildren(...parts);
  resultSection.focus();
}

async function check() {
  const request = readRequest();
  resultSection.hidden = false;
  resultBody.replaceChildren(element("p", "status", failure ? "" : "Checking…"));
  try {
    const response = await window.codesOfConduct.run(checker, request);
    if (response.errors) showErrors(response.errors, response.summary);
    else showResult(response);
  } catch (error) {
    resultBody.replaceChildren(element("p", "status status--error", "The check could not run: " + error.message));
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  check();
});

// --- Sharing a scenario in the URL fragment (never the query string, never stored) -------------

// Links longer than this are cut by many e-mail and chat programs: the page says so and offers a spreadsheet.
const LONGEST_LINK = 8000;

function encodeScenario(request) {
  const bytes = new TextEncoder().encode(JSON.stringify(request));
  let binary = "";
  // In pieces: a whole year's donations as one call's arguments overflows the stack.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function decodeScenario(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

form.querySelector(".checker-share").addEventListener("click", async () => {
  const status = form.querySelector(".checker-share-status");
  const url = new URL(location.href);
  url.hash = "scenario=" + encodeScenario(readRequest());
  if (url.href.length > LONGEST_LINK) {
    const save = form.querySelector(".csv-save");
    status.textContent = `This scenario is too long for a link (${url.href.length.toLocaleString("en-GB")} characters: ` +
      `many e-mail and chat programs cut links longer than ${LONGEST_LINK.toLocaleString("en-GB")}).` +
      (save ? " Save the donations as a spreadsheet instead, below, and share the file." : "");
    if (save) {
      save.closest("details").open = true;
      save.focus();
    }
    return;
  }
  history.replaceState(null, "", url);
  try {
    await navigator.clipboard.writeText(url.href);
    status.textContent = "Link copied. It holds your answers: share it only with people who may see them.";
  } catch {
    status.textContent = "The address bar now holds a link to this scenario: copy it from there.";
  }
});

// --- A spreadsheet, read in this browser ------------------------------------------------------

// The rows a spreadsheet fills, as the checker's description marks them.
const sheet = description.inputs.find((spec) => spec.spreadsheet);
const csvButton = form.querySelector(".csv-load");
if (csvButton && sheet) {
  const csvStatus = form.querySelector(".csv-status");
  const csvText = form.querySelector("#csv-text");
  // The chosen file's own bytes, read by Python (which knows Excel's encodings), while its text is shown.
  let chosen = null;
  form.querySelector("#csv-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    csvText.value = new TextDecoder().decode(bytes);
    chosen = { bytes, text: csvText.value };
  });
  csvButton.addEventListener("click", async () => {
    csvStatus.textContent = "Reading…";
    try {
      const data = chosen && chosen.text === csvText.value ? chosen.bytes : csvText.value;
      const { donations: rows, errors, notes, summary } = await window.codesOfConduct.parseCsv(data);
      if (errors.length) {
        csvStatus.textContent = [`Nothing was added: ${errors.length === 1 ? "a problem" : errors.length + " problems"} ` +
          "in the spreadsheet.", ...errors.map((e) => `${e.field}: ${e.message}`), ...notes].join(" ");
        return;
      }
      const refused = await replaceRows(sheet.name, rows.map(({ _row, ...values }) => values));
      if (refused.length) showRefused(refused, "the spreadsheet");
      csvStatus.textContent = [summary, ...notes, "Check them, then press Check."].join(" ");
    } catch (error) {
      csvStatus.textContent = "The spreadsheet could not be read: " + error.message;
    }
  });
  form.querySelector(".csv-save").addEventListener("click", async () => {
    const text = await window.codesOfConduct.writeCsv(readRequest()[sheet.name] || []);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    link.download = "donations.csv";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    csvStatus.textContent = "Saved as donations.csv in your downloads. It holds your answers: share it only with people who may see them.";
  });
}

// --- Start ------------------------------------------------------------------------------------

// What works only with this script was hidden until now (the page reads without it).
for (const hidden of document.querySelectorAll("[data-needs-script]")) hidden.hidden = false;

takeOverWorker();

// A scenario in the fragment: a shared link, or a worked example on this page (which changes only the fragment).
function openScenario() {
  if (!location.hash.startsWith("#scenario=")) return false;
  let scenario;
  try {
    scenario = decodeScenario(location.hash.slice("#scenario=".length));
  } catch {
    resultSection.hidden = false;
    resultBody.replaceChildren(element("p", "status status--error", "The link's scenario could not be read: " +
      "the link may have been cut short. Ask for it again, or enter your answers below."));
    return true;
  }
  fillForm(scenario).then((refused) => (refused.length ? showRefused(refused, "the link") : check()));
  form.scrollIntoView();
  return true;
}

window.addEventListener("hashchange", openScenario);
if (!openScenario()) {
  for (const spec of description.inputs) {
    for (let count = 0; spec.type === "rows" && count < (spec.start_with || 0); count++) addRow(spec.name);
  }
}
