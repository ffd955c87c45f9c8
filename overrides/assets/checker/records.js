// What a reader may keep of a check: the record (to save or print) and the dates as a calendar file. Python writes
// both from the answer's run, once the answer is shown (checkers/page.py, keepsakes_json); this module only offers
// them as files made in the browser.
import { resultSection } from "./page.js";
import { saveFile } from "./download.js";

const panel = resultSection.querySelector(".checker-keep");
const printed = resultSection.querySelector(".checker-record");
const calendarButton = panel.querySelector(".checker-keep-calendar");
let kept = null;

const buttons = [...panel.querySelectorAll("button")];

// The record's place, kept from the moment the answer is shown (`calendar`: whether Python said a calendar comes too),
// its buttons waiting for the files: nothing below it moves when they arrive, under a thumb reaching for the next
// thing (Keep in my case).
export function awaitRecords(calendar) {
  kept = null;
  printed.textContent = ""; // the last answer's record is not what a reader printing now would want
  for (const button of buttons) button.disabled = true;
  calendarButton.hidden = !calendar;
  panel.hidden = false;
}

// None where Python wrote none: the place is given up.
export function noRecords() {
  panel.hidden = true;
}

// A record comes as text, or as a file when the answer is long (checker-worker.js): read for printing in a task of
// its own.
export function offerRecords(documents) {
  kept = documents;
  for (const button of buttons) button.disabled = false;
  if (kept.record.file) {
    printed.textContent = "";
    kept.record.file.text().then((text) => { if (kept === documents) printed.textContent = text; });
  }
  else printed.textContent = kept.record.text;
  calendarButton.hidden = !kept.calendar;
  panel.hidden = false;
}

export function listenForRecords() {
  panel.querySelector(".checker-keep-save").addEventListener("click",
    () => saveFile(kept.record.file || kept.record.text, kept.record.filename, "text/plain;charset=utf-8"));
  panel.querySelector(".checker-keep-print").addEventListener("click", () => window.print());
  calendarButton.addEventListener("click",
    () => saveFile(kept.calendar.file || kept.calendar.text, kept.calendar.filename, "text/calendar;charset=utf-8"));
}
