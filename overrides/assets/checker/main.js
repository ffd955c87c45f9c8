// A checker page, brought to life: the only script checker pages add (overrides/main.html). Each job is a module
// of its own: page.js (the page's parts), python.js (the worker), theme.js (Material's script held back),
// fields.js and rows.js (the widgets), form.js (the request), result.js (the answer), share.js (links),
// spreadsheet.js (CSV), records.js (the record and the calendar file), offline.js (use with no network), keep.js and
// casefile.js (the reader's case, kept on this device by their choice).
import { description, form, resultBody } from "./page.js";
import { holdThemeBack } from "./theme.js";
import { askToStartIn, failed, python, takeOverWorker, whenReady } from "./python.js";
import { chooseCodeFromReferrer, readRequest, showRelevantQuestions } from "./form.js";
import { addRow, rowList } from "./rows.js";
import { offerOptionFilters } from "./choices.js";
import { showErrors, showMessage, showResult } from "./result.js";
import { linkFilled, offerLinks, openFragment } from "./share.js";
import { offerSpreadsheet } from "./spreadsheet.js";
import { awaitRecords, listenForRecords, noRecords, offerRecords } from "./records.js";
import { readersToday } from "./download.js";
import { keepForOffline, markTheAnswer, offerDownloadChoice, sayWhenOffline } from "./offline.js";
import { offerCase } from "./keep.js";

// Which check the page shows: the record and calendar of an earlier one, written after its answer, are not offered.
let latestCheck = 0;

async function check() {
  const mine = ++latestCheck;
  markTheAnswer();
  // Save-Data, or the reader's choice: nothing is downloaded unasked. The check waits for the checker, and the
  // button that starts it is here, where the reader is, as well as in the status above.
  if (!askToStartIn(resultBody, showMessage, "your answers are checked once it has.", "Checking…")) {
    showMessage(failed() ? "" : "Checking…");
  }
  // Not while Python has failed to start: the check is refused at once, with why.
  if (!failed()) await linkFilled();
  if (mine !== latestCheck) return;
  const request = readRequest();
  // A checker that writes whole addresses (a complaint's link to its clause) is told where this site is.
  if (description.page_address) request[description.page_address] = new URL(description.root, location.href).href;
  try {
    // One run of the rules: the answer, then the record and calendar file written from it.
    const checked = await python.checkInParts(description.checker, request, readersToday(),
      new URL(description.root, location.href).href);
    if (mine !== latestCheck) return;
    if (checked.response.errors) {
      showMessage("");
      showErrors(checked.response.errors, checked.response.summary);
    }
    else {
      showResult(checked.response);
      awaitRecords(checked.calendar);
      window.dispatchEvent(new Event("codes-of-conduct:answered"));
      const kept = await checked.keepsakes;
      if (mine !== latestCheck) return;
      if (kept) offerRecords(kept);
      else noRecords();
    }
  } catch (error) {
    showMessage("The check could not run: " + error.message, "status status--error");
  }
}

holdThemeBack();
takeOverWorker();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  check();
});
form.addEventListener("change", showRelevantQuestions);
showRelevantQuestions();
offerOptionFilters();
for (const spec of description.inputs.filter((input) => input.kind === "rows")) {
  rowList(spec);
  form.querySelector(`.row-add[data-rows="${spec.name}"]`).addEventListener("click", () =>
    addRow(spec).row.querySelector("input, select").focus());
}
offerLinks();
offerSpreadsheet();
listenForRecords();
sayWhenOffline();
offerDownloadChoice();
whenReady(keepForOffline);
window.addEventListener("hashchange", () => openFragment(check));
const openedKept = offerCase(check);
if (!openedKept && !openFragment(check)) {
  chooseCodeFromReferrer();
  for (const spec of description.inputs.filter((input) => input.kind === "rows")) {
    for (let count = rowList(spec).values.length; count < (spec.start_with || 0); count++) addRow(spec);
  }
}
