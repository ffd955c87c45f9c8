// A scenario in the page's fragment (never the query string, never stored): a link to copy, and a link or a
// worked example opened.
import { form } from "./page.js";
import { fillForm, readRequest } from "./form.js";
import { showMessage, showRefused } from "./result.js";

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

export function offerLinks() {
  form.querySelector(".checker-share").addEventListener("click", async () => {
    const status = form.querySelector(".checker-share-status");
    const url = new URL(location.href);
    url.hash = "scenario=" + encodeScenario(readRequest());
    if (url.href.length > LONGEST_LINK) {
      const save = form.querySelector(".csv-save");
      status.textContent = `This scenario is too long for a link (${url.href.length.toLocaleString("en-GB")} characters: ` +
        `many e-mail and chat programs cut links longer than ${LONGEST_LINK.toLocaleString("en-GB")}).` +
        (save ? " Save the rows as a spreadsheet instead, below, and share the file." : "");
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
}

// A scenario in the fragment: a shared link, or a worked example on this page (which changes only the fragment).
// Checked at once when the form took all of it. Returns whether there was one.
export function openScenario(check) {
  if (!location.hash.startsWith("#scenario=")) return false;
  let scenario;
  try {
    scenario = decodeScenario(location.hash.slice("#scenario=".length));
  } catch {
    showMessage("The link's scenario could not be read: the link may have been cut short. Ask for it again, or enter "
      + "your answers below.", "status status--error");
    return true;
  }
  fillForm(scenario).then((refused) => (refused.length ? showRefused(refused, "the link") : check()));
  form.scrollIntoView();
  return true;
}

// Answers to fill in, not a scenario to check: a link from a clause ("report a breach of this clause") chooses
// the clause and leaves the rest to the reader. Returns whether there were any.
export function openPrefill() {
  if (!location.hash.startsWith("#prefill=")) return false;
  let answers;
  try {
    answers = decodeScenario(location.hash.slice("#prefill=".length));
  } catch {
    return false;
  }
  fillForm(answers).then((refused) => {
    if (refused.length) showRefused(refused, "the link");
    const first = [...form.elements].find((field) => field.matches("textarea, input:not([type=hidden])") && !field.value);
    if (first) first.focus();
  });
  return true;
}
