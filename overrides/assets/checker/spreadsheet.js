// A spreadsheet for the rows the checker's description marks (`spreadsheet`), read and written by Python in
// the worker (checkers/csvinput.py): nothing leaves the browser.
import { description, element, form } from "./page.js";
import { askToStartIn, python } from "./python.js";
import { readRequest } from "./form.js";
import { replaceRows } from "./rows.js";
import { markInvalid, showRefused, unmarkInvalid } from "./result.js";
import { saveFile } from "./download.js";

export function offerSpreadsheet() {
  const sheet = description.inputs.find((spec) => spec.spreadsheet);
  if (!sheet || !form.querySelector(".csv-load")) return;
  const status = form.querySelector(".csv-status");
  const input = form.querySelector("#csv-file");
  const text = form.querySelector("#csv-text");
  // The chosen file's own bytes, read by Python (which knows Excel's encodings), while its text is shown.
  let chosen = null;
  input.addEventListener("change", async (event) => {
    say(status, "");
    unmarkInvalid(input);
    const file = event.target.files[0];
    if (!file) return;
    // Refused before it is read, beside the field: a wrong file (a video, say) would hold the page's memory, then
    // Python's.
    if (file.size > sheet.most_file_bytes) {
      event.target.value = "";
      chosen = null;
      markInvalid(input, "csv-file-error", sheet.too_large);
      input.focus();
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A long file's text is not laid out in the box (300 ms a year's spreadsheet, twice): it is read from its bytes.
    const shown = bytes.length <= sheet.most_shown_bytes;
    text.value = shown ? new TextDecoder().decode(bytes) : "";
    chosen = { bytes, text: text.value };
    if (!shown) say(status, sheet.not_shown);
  });
  form.querySelector(".csv-load").addEventListener("click", async () => {
    unmarkInvalid(input); // the file refused before is not what is read now
    const reading = description.labels.csv_reading;
    // Python reads it: with Save-Data, it may not be downloaded yet.
    if (!askToStartIn(status, (words) => say(status, words), "the spreadsheet is read once it has.", reading)) {
      say(status, reading);
    }
    try {
      const data = chosen && chosen.text === text.value ? chosen.bytes : text.value;
      const read = await python.parseCsv(description.checker, data);
      say(status, read.status, read.errors.map((error) => error.summary_line));
      if (read.errors.length) return;
      const refused = await replaceRows(sheet, read.rows.map(({ _row, ...values }) => values));
      if (refused.length) await showRefused(refused, "spreadsheet");
    } catch (error) {
      say(status, `${description.labels.csv_failed} ${error.message}`);
    }
  });
  form.querySelector(".csv-save").addEventListener("click", async () => {
    askToStartIn(status, (words) => say(status, words), "the spreadsheet is written once it has.", "");
    const saved = await python.writeCsv(description.checker, readRequest()[sheet.name] || []);
    if (saved.errors) {
      say(status, saved.errors.map((error) => error.summary_line).join(" "));
      return;
    }
    saveFile(saved.csv, saved.filename, "text/csv");
    say(status, saved.status);
  });
}

// The status line under the buttons: a sentence, and the problems it introduces as a list.
function say(status, sentence, lines = []) {
  const parts = sentence ? [element("p", "", sentence)] : [];
  if (lines.length) {
    const list = element("ul");
    list.append(...lines.map((line) => element("li", "", line)));
    parts.push(list);
  }
  status.replaceChildren(...parts);
}
