// Repeatable rows (a checker's `rows` input). The rows live here, as the request's values; the page shows one page
// of them at a time, so that a whole year's spreadsheet (tens of thousands of rows) never lays out more than a
// page of widgets, and every task stays short.
import { counted, form } from "./page.js";
import { readField, writeField } from "./fields.js";

// Rows in view at once: enough to see a few on a phone, few enough to lay out at once.
export const ROWS_PER_PAGE = 20;
// Values checked per task when thousands come at once, the page free to respond between them.
const BATCH_MS = 25;

const lists = new Map();

export function rowList(spec) {
  if (!lists.has(spec.name)) {
    const list = form.querySelector(`.row-list[data-rows="${spec.name}"]`);
    const template = form.querySelector(`template[data-rows="${spec.name}"]`).innerHTML;
    const pager = form.querySelector(`.row-pager[data-rows="${spec.name}"]`);
    // The rows the page starts with (sitebuild/templates/fields.html.j2), and whatever was typed in them already.
    const values = [...list.querySelectorAll(":scope > fieldset.row")].map((row) => readRow(spec, row));
    const state = { spec, list, template, pager, values, start: 0 };
    list.addEventListener("click", (event) => {
      const remove = event.target.closest(".row-remove");
      if (remove) removeRow(state, Number(remove.closest("fieldset.row").dataset.index));
    });
    // What the reader types goes into the rows' values as they type it.
    const keep = (event) => {
      const widget = event.target.closest("[data-name]");
      const row = event.target.closest("fieldset.row");
      if (!widget || !row) return;
      const field = spec.fields.find((candidate) => candidate.name === widget.dataset.name);
      const value = readField(field, widget);
      const values = state.values[Number(row.dataset.index)];
      if (value === undefined) delete values[field.name];
      else values[field.name] = value;
    };
    list.addEventListener("input", keep);
    list.addEventListener("change", keep);
    pager.querySelector(".row-previous").addEventListener("click", () => show(state, state.start - ROWS_PER_PAGE, ".row-previous"));
    pager.querySelector(".row-next").addEventListener("click", () => show(state, state.start + ROWS_PER_PAGE, ".row-next"));
    lists.set(spec.name, state);
  }
  return lists.get(spec.name);
}

// What the reader changed in a row of the page (typed before the script ran, or restored by the browser on reload);
// an untouched widget gives nothing, as a row the script draws starts with nothing.
function readRow(spec, row) {
  const values = {};
  for (const field of spec.fields) {
    const widget = row.querySelector(`[data-name="${field.name}"]`);
    if (!widget || !changedFromPage(widget)) continue;
    const value = readField(field, widget);
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}

function changedFromPage(widget) {
  if (widget.tagName === "SELECT") return [...widget.options].some((option) => option.selected !== option.defaultSelected);
  if (widget.type === "checkbox") return widget.checked !== widget.defaultChecked;
  return widget.value !== widget.defaultValue;
}

// The page of rows from `start`, drawn from the values; the pager says where the reader is.
function show(state, start, focusing) {
  const { spec, list, pager, values } = state;
  const last = Math.max(0, Math.floor((values.length - 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE);
  state.start = Math.min(Math.max(0, start), last);
  const shown = values.slice(state.start, state.start + ROWS_PER_PAGE);
  list.replaceChildren(drawRows(state, state.start, shown));
  pager.hidden = values.length <= ROWS_PER_PAGE;
  if (!pager.hidden) {
    const previous = pager.querySelector(".row-previous");
    const next = pager.querySelector(".row-next");
    previous.disabled = state.start === 0;
    next.disabled = state.start + ROWS_PER_PAGE >= values.length;
    pager.querySelector(".row-pager-place").textContent = `${spec.label} ${state.start + 1}–${state.start + shown.length} ` +
      `of ${counted(values.length)}`;
    if (focusing) (pager.querySelector(`${focusing}:not(:disabled)`) || pager.querySelector("button:not(:disabled)")).focus();
  }
  // For the errors shown beside fields (result.js): these rows are now in view.
  form.dispatchEvent(new CustomEvent("rows-shown", { detail: { rows: spec.name } }));
}

// Widgets for rows from place `from`, holding their values: our own template, never user data, as HTML.
function drawRows(state, from, valueSets) {
  const { spec, template } = state;
  const holder = document.createElement("template");
  holder.innerHTML = valueSets.map((_, offset) => template
    .replaceAll("__i__", String(from + offset)).replaceAll("__n__", String(from + offset + 1))).join("");
  [...holder.content.children].forEach((row, offset) => {
    row.dataset.index = String(from + offset);
    for (const [name, value] of Object.entries(valueSets[offset])) {
      const field = spec.fields.find((candidate) => candidate.name === name);
      writeField(field, row.querySelector(`[data-name="${name}"]`), value);
    }
  });
  return holder.content;
}

function removeRow(state, index) {
  state.values.splice(index, 1);
  show(state, state.start);
  const next = state.list.querySelector(`fieldset.row[data-index="${Math.min(index, state.values.length - 1)}"]`);
  (next ? next.querySelector("input, select") : form.querySelector(`.row-add[data-rows="${state.spec.name}"]`)).focus();
}

// A row at the end, in view. Returns the row and what of the values it could not take.
export function addRow(spec, values = {}) {
  const state = rowList(spec);
  const { taken, refused } = checkValues(state, state.values.length, values);
  state.values.push(taken);
  show(state, state.values.length - 1);
  return { row: state.list.lastElementChild, refused };
}

// Values as the form would hold them, by putting them in a spare row's widgets and reading them back: a choice the
// field does not offer, say, is refused with why, as the page's own widget would refuse it.
let spare = null;

function checkValues(state, index, values) {
  const { spec } = state;
  if (!spare || spare.spec !== spec) spare = { spec, row: drawRows(state, 0, [{}]).firstElementChild };
  const taken = {};
  const refused = [];
  for (const [name, value] of Object.entries(values)) {
    const field = spec.fields.find((candidate) => candidate.name === name);
    const widget = field && spare.row.querySelector(`[data-name="${name}"]`);
    const why = writeField(field, widget, value);
    if (why) refused.push({ field: `${spec.name}[${index}].${name}`, value, why });
    else if (widget) {
      const read = readField(field, widget);
      if (read !== undefined) taken[name] = read;
      writeField(field, widget, field.kind === "boolean" ? false : "");
    }
  }
  return { taken, refused };
}

// Every row replaced (a spreadsheet, a link): checked in batches sized to about BATCH_MS each, then the first
// page shown. Returns what the form could not take.
export async function replaceRows(spec, valueSets) {
  const state = rowList(spec);
  const values = [];
  const refused = [];
  let size = 200;
  while (values.length < valueSets.length) {
    const started = performance.now();
    for (const set of valueSets.slice(values.length, values.length + size)) {
      const checked = checkValues(state, values.length, set);
      values.push(checked.taken);
      refused.push(...checked.refused);
    }
    const took = Math.max(1, performance.now() - started);
    size = Math.max(20, Math.min(5000, Math.round(size * BATCH_MS / took)));
    if (values.length < valueSets.length) await new Promise((resolve) => setTimeout(resolve));
  }
  state.values = values;
  show(state, 0);
  return refused;
}

// Each row's values, as the request's list.
export function readRows(spec) {
  return rowList(spec).values.map((values) => ({ ...values }));
}

// The widget for a path in the rows ("donations[1234].amount"), its page brought into view; null if none.
export function revealRow(path) {
  const match = /^([^[]+)\[(\d+)\]/.exec(path);
  const state = match && lists.get(match[1]);
  if (!state || Number(match[2]) >= state.values.length) return null;
  const index = Number(match[2]);
  if (index < state.start || index >= state.start + ROWS_PER_PAGE) show(state, index - (index % ROWS_PER_PAGE));
  return form.querySelector(`[data-field="${CSS.escape(path)}"]:not([type=radio])`);
}
