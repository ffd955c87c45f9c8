// "Keep in my case" on a checker page: the reader's choice to keep checks on this device (casefile.js stores, Python
// changes the case: checkers/case.py), the election a check is kept for, and a kept check opened again from
// "My case" (#case=<its id>). Nothing is stored until the reader presses "Keep my case on this device".
import { description, form } from "./page.js";
import { python } from "./python.js";
import { readRequest, fillForm } from "./form.js";
import { readersToday } from "./download.js";
import { CaseLocked, askToPersist, caseFacts, changeCase, readCase, startCase, unlock } from "./casefile.js";
import { showMessage, showRefused } from "./result.js";
import { onUnlock, onePartOf, partsOf, statusLine } from "./caseview.js";

const casePanel = document.querySelector(".case-panel");
const caseStatus = casePanel.querySelector(".case-status");
const caseParts = partsOf(casePanel, ["offer", "unlock", "choose"]);
const elections = casePanel.querySelector(".case-election");
const newName = casePanel.querySelector(".case-new");
let answered = false;
let afterUnlock = null;

const showOnly = onePartOf(caseParts);
const sayInPanel = statusLine(caseStatus);

function showPart(which) {
  showOnly(which);
  casePanel.hidden = false;
}

// A case operation in Python on a case (as JSON text); an error where Python refuses it.
async function caseOp(op, text, args) {
  const result = await python.caseOp(op, { ...args, case: text ? JSON.parse(text) : null, today: readersToday() });
  if (result.errors) throw new Error(result.errors.map((error) => error.summary_line).join(" "));
  return result;
}

// The elections as Python last stored them: listed without waiting for Python to start.
async function listElections(chosen) {
  const text = await readCase();
  const found = text ? JSON.parse(text) : { elections: [] };
  elections.replaceChildren(...found.elections.map((election) => new Option(election.name, election.id)),
    new Option("A new election…", ""));
  if (chosen) elections.value = chosen;
  else if (found.elections.length) elections.value = found.elections[found.elections.length - 1].id;
  else elections.value = "";
  newName.hidden = elections.value !== "";
  return found;
}

// What the casePanel offers now: nothing kept (offered after an answer), a locked case, or the elections to keep for.
// What the storage could not do (casefile.js says why) is said in the panel, never left as an error in the console.
export async function showCasePanel() {
  try {
    const facts = await caseFacts();
    if (!facts) {
      if (answered) showPart("offer");
      return;
    }
    if (facts.locked) {
      showPart("unlock");
      return;
    }
    await listElections(elections.value || null);
    showPart("choose");
  } catch (error) {
    casePanel.hidden = false;
    sayInPanel(error.message, true);
  }
}

// Taps on Keep in a hurry are kept one after the other, but each says what it did after a wait of its own: only the
// latest tap's words are shown, so that an earlier tap's never replaces them.
let latestKeep = 0;

async function keepThisCheck() {
  const tap = ++latestKeep;
  sayInPanel("");
  let election = elections.value;
  try {
    const request = readRequest();
    // The election named and the check kept in one turn, stored once: a second tap waits for the first, and finds it
    // kept.
    const kept = await changeCase(async (text) => {
      if (!election) {
        const started = await caseOp("new-election", text, { name: casePanel.querySelector(".case-new-name").value });
        election = started.election;
        text = JSON.stringify(started.case);
      }
      const result = await caseOp("keep", text, { election, checker: description.checker, request });
      return { text: JSON.stringify(result.case), answer: result };
    });
    await listElections(election);
    if (tap === latestKeep) sayInPanel(kept.message);
    const entry = kept.case.elections.find((found) => found.id === election).entries.find((found) => found.id === kept.entry);
    // The kept list is longer than the form's (rows added to it): the whole list, checked again, is shown.
    const rows = description.inputs.filter((spec) => spec.kind === "rows");
    if (rows.some((spec) => (entry.request[spec.name] || []).length > request[spec.name].length)) {
      await fillForm(entry.request);
      form.requestSubmit();
    }
  } catch (error) {
    // Forgotten or locked on another page meanwhile: the panel offers what can be done now, and says why.
    await showCasePanel();
    sayInPanel(error.message, true);
  }
}

// A kept check, opened from "My case": its answers into the form, checked at once.
async function openKept(id, check) {
  try {
    const text = await readCase();
    const entry = text && JSON.parse(text).elections.flatMap((election) =>
      election.entries.map((found) => ({ ...found, election: election.id }))).find((found) => found.id === id);
    if (!entry || entry.checker !== description.checker) {
      showMessage("That kept check is not in the case kept in this browser: open it from My case.", "status status--error");
      return;
    }
    const refused = await fillForm(entry.request);
    await listElections(entry.election);
    showPart("choose");
    if (refused.length) showRefused(refused, "case");
    else check();
  } catch (error) {
    if (error instanceof CaseLocked) {
      afterUnlock = () => openKept(id, check);
      showPart("unlock");
      sayInPanel(error.message);
      casePanel.scrollIntoView();
    } else showMessage(error.message, "status status--error");
  }
}

export function offerCase(check) {
  casePanel.querySelector(".case-start").addEventListener("click", async () => {
    try {
      await startCase();
      askToPersist();
      await listElections(null);
      showPart("choose");
      sayInPanel("Your case is kept on this device from now on. Name the election and press Keep. My case says whether " +
        "this browser may delete it to make room.");
      casePanel.querySelector(".case-new-name").focus();
    } catch (error) {
      sayInPanel(error.message, true);
    }
  });
  elections.addEventListener("change", () => { newName.hidden = elections.value !== ""; });
  casePanel.querySelector(".case-keep").addEventListener("click", keepThisCheck);
  onUnlock(caseParts.unlock, async (passphrase) => {
    sayInPanel("Opening your case…");
    try {
      await unlock(passphrase);
      sayInPanel("");
      await showCasePanel();
      if (afterUnlock) afterUnlock();
      afterUnlock = null;
      return true;
    } catch (error) {
      sayInPanel(error.message, true);
      return false;
    }
  });
  window.addEventListener("codes-of-conduct:answered", () => {
    answered = true;
    showCasePanel();
  });
  showCasePanel();
  const match = /^#case=([ek]-[0-9a-f]{12})$/.exec(location.hash);
  if (match) openKept(match[1], check);
  return Boolean(match);
}
