// A spreadsheet for the rows the checker's description marks (`spreadsheet`), read and written by Python in
// the worker (checkers/csvinput.py): nothing leaves the browser.
import { description, form } from "./page.js";
import { python } from "./python.js";
import { readRequest } from "./form.js";
import { replaceRows } from "./rows.js";
import { showRefused } from "./result.js";
import { saveFile } from "./download.js";

export function offerSpreadsheet() {
  const sheet = description.inputs.find((spec) => spec.spreadsheet);
  if (!sheet || !form.querySelector(".csv-load")) return;
  const status = form.querySelector(".csv-status");
  const text = form.querySelector("#csv-text");
  // The chosen file's own bytes, read by Python (which knows Excel's encodings), while its text is shown.
  let chosen = null;
  form.querySelector("#csv-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    // Refused before it is read: a wrong file (a video, say) would hold the page's memory, then Python's.
    if (file.size > sheet.most_file_bytes) {
      event.target.value = "";
      chosen = null;
      status.textContent = sheet.too_large;
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    text.value = new TextDecoder().decode(bytes);
    chosen = { bytes, text: text.value };
  });
  form.querySelector(".csv-load").addEventListener("click", async () => {
    status.textContent = "Reading…";
    try {
      const data = chosen && chosen.text === text.value ? chosen.bytes : text.value;
      const { rows, errors, notes, summary } = await python.parseCsv(description.checker, data);
      if (errors.length) {
        status.textContent = [`Nothing was added: ${errors.length === 1 ? "a problem" : errors.length + " problems"} ` +
          "in the spreadsheet.", ...errors.map((e) => e.summary_line), ...notes].join(" ");
        return;
      }
      const refused = await replaceRows(sheet, rows.map(({ _row, ...values }) => values));
      if (refused.length) showRefused(refused, "the spreadsheet");
      status.textContent = [summary, ...notes, "Check them, then press Check."].join(" ");
    } catch (error) {
      status.textContent = "The spreadsheet could not be read: " + error.message;
    }
  });
  form.querySelector(".csv-save").addEventListener("click", async () => {
    const csv = await python.writeCsv(description.checker, readRequest()[sheet.name] || []);
    saveFile(csv, `${sheet.name}.csv`, "text/csv");
    status.textContent = `Saved as ${sheet.name}.csv in your downloads. It holds your answers: share it only with ` +
      "people who may see them.";
  });
}
