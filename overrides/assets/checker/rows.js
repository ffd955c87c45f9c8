// Repeatable rows (a checker's `rows` input): added, removed and renumbered, and thousands put in at once (a
// whole year's spreadsheet) without freezing the page.
import { form } from "./page.js";
import { writeField } from "./fields.js";

// A list's parts, found once rather than for every row: the template comes after the rows in the page.
const lists = new Map();

export function rowList(spec) {
  if (!lists.has(spec.name)) {
    const list = form.querySelector(`.row-list[data-rows="${spec.name}"]`);
    const template = form.querySelector(`template[data-rows="${spec.name}"]`).innerHTML;
    list.addEventListener("click", (event) => {
      const remove = event.target.closest(".row-remove");
      if (remove) removeRow(spec, remove.closest("fieldset.row"));
    });
    lists.set(spec.name, { list, template });
  }
  return lists.get(spec.name);
}

function removeRow(spec, row) {
  const { list } = rowList(spec);
  const next = row.nextElementSibling || row.previousElementSibling;
  row.remove();
  renumber(spec);
  (next ? next.querySelector("input, select") : form.querySelector(`.row-add[data-rows="${spec.name}"]`)).focus();
}

// After a removal: each row's place in its ids, names and labels.
function renumber(spec) {
  const { list } = rowList(spec);
  [...list.children].forEach((row, index) => {
    const old = row.dataset.field.slice(spec.name.length + 1, -1);
    for (const element of [row, ...row.querySelectorAll("[id], [name], [data-field], [for], [aria-describedby]")]) {
      for (const attribute of ["id", "name", "data-field", "for", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) {
          element.setAttribute(attribute, value
            .replaceAll(`${spec.name}[${old}]`, `${spec.name}[${index}]`)
            .replaceAll(`${spec.name}-${old}-`, `${spec.name}-${index}-`));
        }
      }
    }
    row.querySelector("legend").textContent = `${spec.row_label} ${index + 1}`;
    row.querySelector(".row-remove").textContent = `${spec.remove_label} ${index + 1}`;
  });
}

// Rows from place `from` on, one for each set of values, parsed together and not yet in the page: a fragment,
// with what the form could not take.
function makeRows(spec, from, valueSets) {
  const { template } = rowList(spec);
  const holder = document.createElement("template");
  holder.innerHTML = valueSets.map((_, offset) => template // our own template, never user data
    .replaceAll("__i__", String(from + offset)).replaceAll("__n__", String(from + offset + 1))).join("");
  const refused = [];
  [...holder.content.children].forEach((row, offset) => {
    for (const [name, value] of Object.entries(valueSets[offset])) {
      const field = spec.fields.find((candidate) => candidate.name === name);
      const why = writeField(field, field && row.querySelector(`[data-name="${name}"]`), value);
      if (why) refused.push({ field: `${spec.name}[${from + offset}].${name}`, value, why });
    }
  });
  return { rows: holder.content, refused };
}

export function addRow(spec, values = {}) {
  const { list } = rowList(spec);
  const { rows, refused } = makeRows(spec, list.children.length, [values]);
  const row = rows.firstElementChild;
  list.append(rows);
  return { row, refused };
}

// In batches sized to take about 25 ms each, the page free to respond between them.
const BATCH_MS = 25;

export async function replaceRows(spec, valueSets) {
  const { list } = rowList(spec);
  list.replaceChildren();
  const refused = [];
  let index = 0;
  let size = 50;
  while (index < valueSets.length) {
    const started = performance.now();
    const made = makeRows(spec, index, valueSets.slice(index, index + size));
    list.append(made.rows);
    refused.push(...made.refused);
    index += size;
    const took = Math.max(1, performance.now() - started);
    size = Math.max(10, Math.min(1000, Math.round(size * BATCH_MS / took)));
    if (index < valueSets.length) await new Promise((resolve) => setTimeout(resolve));
  }
  return refused;
}

// Each row's values, as the request's list.
export function readRows(spec, read) {
  return [...rowList(spec).list.children].map((row) => {
    const values = {};
    for (const field of spec.fields) {
      const value = read(field, row.querySelector(`[data-name="${field.name}"]`));
      if (value !== undefined) values[field.name] = value;
    }
    return values;
  });
}
