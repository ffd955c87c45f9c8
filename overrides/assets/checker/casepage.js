// "My case" (sitebuild/templates/case.md.j2): the checks the reader kept on this device, answered again today by
// Python (checkers/case.py: the overview, every sentence of it); what to do soonest first; saving, bringing in,
// locking and forgetting the case. This module stores (casefile.js) and places Python's words; it writes none.
import { description, element, errorSummary } from "./page.js";
import { holdThemeBack } from "./theme.js";
import { python, takeOverWorker, whenReady } from "./python.js";
import { readersToday, saveFile } from "./download.js";
import { keepForOffline, sayWhenOffline } from "./offline.js";
import { onUnlock, onePartOf, partsOf, statusLine } from "./caseview.js";
import { askToPersist, caseExists, caseFacts, changeCase, isPersisted, markExported, readCase, setPassphrase, startCase,
  unlock, forgetEverything } from "./casefile.js";

const root = new URL(description.root, location.href).href;
const status = document.querySelector(".case-status");
const parts = partsOf(document, ["none", "unlock", "open"]);
const tools = document.querySelector(".case-tools");
let overview = null;
let kept = null;

const sayOnly = statusLine(status);

// The status is held at the foot of the screen while the reader is further up (site.css): whatever the browser
// scrolls into view, a control tapped or reached by the keyboard, stops above it rather than under it.
function keepControlsAboveStatus() {
  const held = status.textContent && getComputedStyle(status).position === "sticky";
  document.documentElement.style.scrollPaddingBottom = held ? `${status.getBoundingClientRect().height}px` : "";
}

function say(text, problem = false) {
  sayOnly(text, problem);
  // At once, so that nothing scrolled into view before the next frame goes under the new status; and again once
  // the frame has laid out whatever else the same step changed.
  keepControlsAboveStatus();
  requestAnimationFrame(keepControlsAboveStatus);
}
if ("ResizeObserver" in window) new ResizeObserver(keepControlsAboveStatus).observe(status);

const showOnly = onePartOf(parts);

// Problems with a file brought in, or a name typed: GOV.UK's summary at the top, focused.
function showProblems(errors, fieldId = "") {
  const list = errorSummary.querySelector(".error-summary-list");
  list.replaceChildren(...errors.map((error) => {
    // Python's words where it found the problem (checkers/case.py, said_where); this page's own are whole sentences.
    const text = error.summary_line || error.message;
    const item = element("li");
    if (!fieldId) item.textContent = text;
    else {
      const link = element("a", "", text);
      link.href = `#${fieldId}`;
      item.append(link);
    }
    return item;
  }));
  errorSummary.hidden = false;
  errorSummary.focus();
}

function show(which) {
  showOnly(which);
  const open = which === "open";
  tools.hidden = which === "unlock";
  for (const part of tools.querySelectorAll(".case-copies, .case-copies-buttons")) part.hidden = !open;
  document.querySelector(".case-lock").hidden = !open;
  // A case locked with a passphrase the reader has forgotten can still be erased.
  document.querySelector(".case-forget").hidden = which === "none";
  requestAnimationFrame(keepControlsAboveStatus);
}

async function storedCase() {
  const text = await readCase();
  return text ? JSON.parse(text) : null;
}

// A change to the case, made by Python and stored whole, in its turn; then the page answered again.
async function change(op, args, fieldId = "") {
  errorSummary.hidden = true;
  let result;
  try {
    result = await changeCase(async (text) => {
      const changed = await python.caseOp(op, { ...args, case: text ? JSON.parse(text) : null, today: readersToday() });
      return { text: changed.errors ? null : JSON.stringify(changed.case), answer: changed };
    });
  } catch (error) {
    // Forgotten on another page, or locked there: the page shows what is kept now, and says why nothing changed.
    await render();
    say(error.message, true);
    return null;
  }
  if (result.errors) {
    showProblems(result.errors, fieldId);
    return null;
  }
  await render();
  say(result.message);
  return result;
}

// A button that asks before it forgets: "Yes, forget" and "Cancel" in its place. Once the reader says yes, neither
// can be pressed again (a cancel could not stop what has begun); once it is done, failed or held up, the question
// gives way to what the page says of it, and the button comes back where the page did not redraw it.
function confirmThen(button, question, action) {
  const ask = element("p", "case-confirm");
  const yes = element("button", "md-button md-button--primary case-confirm-yes", "Yes, forget it");
  const no = element("button", "md-button case-confirm-no", "Cancel");
  yes.type = no.type = "button";
  ask.append(element("span", "", question + " "), yes, " ", no);
  button.hidden = true;
  button.after(ask);
  yes.focus();
  const putBack = () => {
    // The focus goes back to the button, unless what the answer did has taken it elsewhere (an error summary).
    const focusHere = ask.contains(document.activeElement) || document.activeElement === document.body;
    ask.remove();
    button.hidden = false;
    if (focusHere) button.focus();
  };
  no.addEventListener("click", putBack);
  yes.addEventListener("click", async () => {
    yes.disabled = no.disabled = true;
    try {
      await action();
    } catch (error) {
      say(error.message, true);
    } finally {
      // Still there when nothing redrew it: the change was refused, failed or is held up.
      if (ask.isConnected) putBack();
    }
  });
}

function todoItem(item) {
  const line = element("li", item.overdue ? "case-todo-item case-todo-item--overdue" : "case-todo-item");
  line.append(element("strong", "", item.label + ": "), item.text);
  if (item.when) line.append(" ", element("span", "case-when", item.when + "."));
  const link = element("a", "", item.where);
  link.href = new URL(item.link, root).href;
  line.append(" ", link);
  return line;
}

function entryBlock(election, entry) {
  const block = element("div", "case-entry");
  const heading = element("h3", "", entry.checker_title + (entry.size ? `: ${entry.size}` : ""));
  block.append(heading, element("p", "", entry.kept_text));
  if (entry.headline) block.append(element("p", "case-headline", entry.headline));
  if (entry.problem) block.append(element("p", "status status--error", entry.problem));
  if (entry.changes && entry.changes.length) {
    const list = element("ul", "case-changes");
    list.append(...entry.changes.map((text) => element("li", "", text)));
    block.append(list);
  }
  const buttons = element("p", "case-entry-buttons");
  const open = element("a", "md-button", "Open this check");
  open.href = new URL(entry.link, root).href;
  buttons.append(open);
  if (entry.spreadsheet) {
    const sheet = element("button", "md-button case-entry-csv", "Save as a spreadsheet (.csv)");
    sheet.type = "button";
    sheet.addEventListener("click", async () => {
      const found = await python.caseOp("spreadsheet", { case: await storedCase(), election: election.id, entry: entry.id });
      if (found.errors) showProblems(found.errors);
      else saveFile(found.text, found.filename, "text/csv;charset=utf-8");
    });
    buttons.append(" ", sheet);
  }
  const forget = element("button", "md-button case-entry-forget", "Forget this check");
  forget.type = "button";
  forget.addEventListener("click", () => confirmThen(forget, "Forget this check?",
    () => change("forget", { election: election.id, entry: entry.id })));
  buttons.append(" ", forget);
  block.append(buttons);
  return block;
}

function electionBlock(election) {
  const section = element("section", "case-election-block");
  const heading = element("h2", "", election.name);
  heading.id = `election-${election.id}`;
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading);
  if (!election.entries.length) {
    const none = element("p", "", "Nothing kept for this election yet: keep a check from its answer, on ");
    const link = element("a", "", "a checker's page");
    link.href = new URL("checkers/", root).href;
    none.append(link, ".");
    section.append(none);
  }
  section.append(...election.entries.map((entry) => entryBlock(election, entry)));
  const forget = element("button", "md-button case-election-forget", "Forget this election");
  forget.type = "button";
  forget.addEventListener("click", () => confirmThen(forget, `Forget ${election.name} and every check kept for it?`,
    () => change("forget", { election: election.id })));
  section.append(element("p", "", ""), forget);
  return section;
}

// Renders may overlap (the browser's answer on persistent storage comes while a change is being shown): only the
// latest one asked for shows, so an older overview never replaces a newer one.
let renders = 0;
const CHECKING = "Checking your case again…";

// A case forgotten or locked leaves nothing of itself on the page, hidden or not.
function forgetShown() {
  kept = overview = null;
  for (const selector of [".case-todo", ".case-elections"]) document.querySelector(selector).replaceChildren();
  document.querySelector(".case-reminder").textContent = "";
}

// What the storage could not do (casefile.js says why) is said, never left as an error in the console.
export async function render() {
  try {
    await renderCase();
  } catch (error) {
    say(error.message, true);
  }
}

async function renderCase() {
  const mine = ++renders;
  const facts = await caseFacts();
  if (mine !== renders) return;
  if (!facts || facts.locked) {
    forgetShown();
    show(facts ? "unlock" : "none");
    return;
  }
  const stored = await storedCase();
  if (mine !== renders) return;
  say(CHECKING);
  const answered = await python.caseOp("overview", { case: stored, today: readersToday(), site_url: root,
    facts: { ...facts, persisted: await isPersisted() } });
  if (mine !== renders) return;
  kept = stored;
  overview = answered;
  if (overview.errors) {
    show("open");
    say(overview.errors.map((error) => error.summary_line).join(" "), true);
    return;
  }
  document.querySelector(".case-reminder").textContent = overview.reminder;
  const todo = document.querySelector(".case-todo");
  todo.replaceChildren(...overview.todo.map(todoItem));
  document.querySelector(".case-todo-none").hidden = overview.todo.length > 0;
  const more = document.querySelector(".case-todo-more");
  more.hidden = !overview.todo_more;
  more.textContent = overview.todo_more ? `And ${overview.todo_more} more: each is in its check, below.` : "";
  document.querySelector(".case-elections").replaceChildren(...overview.elections.map(electionBlock));
  document.querySelector(".case-calendar").hidden = !overview.calendar;
  document.querySelector(".case-lock-state").textContent = facts.encrypted
    ? "Your case is locked with a passphrase." : "Your case has no passphrase: anyone using this browser can read it.";
  show("open");
  // What a change said (set after its render) stays; only this render's own word goes.
  if (status.textContent === CHECKING) say("");
}

function listen() {
  for (const button of document.querySelectorAll(".case-start")) {
    button.addEventListener("click", async () => {
      try {
        await startCase();
        askToPersist().then(render);
        await render();
        say("Your case is kept on this device from now on. Name the election you stand in, below.");
        document.getElementById("case-another-name").focus();
      } catch (error) {
        say(error.message, true);
      }
    });
  }
  onUnlock(parts.unlock, async (passphrase) => {
    try {
      await unlock(passphrase);
      await render();
      return true;
    } catch (error) {
      say(error.message, true);
      return false;
    }
  });
  document.querySelector(".case-add-election").addEventListener("click", async () => {
    const field = document.getElementById("case-another-name");
    if (await change("new-election", { name: field.value }, field.id)) field.value = "";
  });
  document.querySelector(".case-export").addEventListener("click", async () => {
    saveFile(JSON.stringify({ ...kept, exported_on: readersToday() }, null, 2), overview.export_filename,
      "application/json;charset=utf-8");
    let noted;
    try {
      noted = await markExported();
    } catch (error) {
      say(error.message, true);
      return;
    }
    await render();
    say("Saved. The file holds your whole case: keep it where only you can read it." + (noted ? "" :
      " (This browser's storage did not answer in time to note that you saved it, so it may remind you to save again.)"));
  });
  document.querySelector(".case-summary").addEventListener("click",
    () => saveFile(overview.summary.text, overview.summary.filename, "text/plain;charset=utf-8"));
  document.querySelector(".case-print").addEventListener("click", () => window.print());
  document.querySelector(".case-calendar").addEventListener("click",
    () => saveFile(overview.calendar.text, overview.calendar.filename, "text/calendar;charset=utf-8"));
  document.querySelector(".case-import").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > description.most_file_bytes) {
      showProblems([{ field: "file", message: description.too_large }]);
      return;
    }
    try {
      const text = await file.text();
      if (!await caseExists()) {
        await startCase();
        askToPersist().then(render);
      }
      await change("import", { text });
    } catch (error) {
      say(error.message, true);
    }
  });
  document.querySelector(".case-lock-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const first = document.getElementById("case-new-passphrase");
    const again = document.getElementById("case-new-passphrase-again");
    errorSummary.hidden = true;
    if (first.value !== again.value) {
      showProblems([{ field: "", message: "The two passphrases are not the same: type them again." }], again.id);
      return;
    }
    if (first.value && first.value.length < 8) {
      showProblems([{ field: "", message: "Enter a passphrase of at least 8 characters." }], first.id);
      return;
    }
    const chosen = first.value;
    try {
      await setPassphrase(chosen);
    } catch (error) {
      say(error.message, true);
      return;
    }
    first.value = again.value = "";
    await render();
    say(chosen ? "Your case is now encrypted with your passphrase: you will need it on each page."
      : "Your case has no passphrase now.");
  });
  const forgetAll = document.querySelector(".case-forget-all");
  forgetAll.addEventListener("click", () => confirmThen(forgetAll,
    "Forget everything kept on this device? This cannot be undone.", async () => {
      // The question itself gives way as its answer ends (confirmThen), here or when it was held up.
      const forgotten = async () => {
        await render();
        say("Everything kept on this device is forgotten. Files you saved are not: delete them yourself.");
      };
      // A deletion the browser holds up is said at once; when it is done after all, the page says so then.
      await forgetEverything(() => forgotten().catch((error) => say(error.message, true)));
      await forgotten();
    }));
}

holdThemeBack();
takeOverWorker();
sayWhenOffline();
whenReady(keepForOffline);
listen();
render();
