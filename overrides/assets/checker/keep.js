// What a reader may keep of a check: the record (to save or print) and the deadlines as a calendar file. Python
// writes both (checkers/documents.py); this module only offers them as files made in the browser.
import { description, resultSection } from "./page.js";
import { python } from "./python.js";

const panel = resultSection.querySelector(".checker-keep");
const printed = resultSection.querySelector(".checker-record");
const calendarButton = panel.querySelector(".checker-keep-calendar");
let kept = null;

// The reader's own date, not the machine's UTC one: a record says the day it was made where it was made.
function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

function save(document_, type) {
  const link = window.document.createElement("a");
  link.href = URL.createObjectURL(new Blob([document_.text], { type }));
  link.download = document_.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

export async function offerKeeping(request) {
  panel.hidden = true;
  kept = null;
  try {
    kept = await python.keep(description.checker, request, today(), new URL(description.root, location.href).href);
  } catch {
    return; // the answer is shown; without Python there is nothing to keep
  }
  printed.textContent = kept.record.text;
  calendarButton.hidden = !kept.calendar;
  panel.hidden = false;
}

export function listenForKeeping() {
  panel.querySelector(".checker-keep-save").addEventListener("click", () => save(kept.record, "text/plain;charset=utf-8"));
  panel.querySelector(".checker-keep-print").addEventListener("click", () => window.print());
  calendarButton.addEventListener("click", () => save(kept.calendar, "text/calendar;charset=utf-8"));
}
