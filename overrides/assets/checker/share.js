// A scenario in the page's fragment (never the query string, never stored): a link to copy, and a link or a
// worked example opened. Python writes and reads the fragment (checkers/scenario.py), as it wrote the build's links.
import { description, form } from "./page.js";
import { expectCheck, python } from "./python.js";
import { fillForm, readRequest } from "./form.js";
import { showMessage, showRefused } from "./result.js";

export function offerLinks() {
  form.querySelector(".checker-share").addEventListener("click", async () => {
    const status = form.querySelector(".checker-share-status");
    const link = await python.shareLink(description.checker, location.href, readRequest());
    if (link.too_long) {
      const save = form.querySelector(".csv-save");
      status.textContent = link.message;
      if (link.spreadsheet && save) {
        save.closest("details").open = true;
        save.focus();
      }
      return;
    }
    history.replaceState(null, "", link.url);
    try {
      await navigator.clipboard.writeText(link.url);
      status.textContent = link.copied;
    } catch {
      status.textContent = link.not_copied;
    }
  });
}

// A scenario in the fragment (a shared link, or a worked example on this page: checked at once when the form took
// all of it), or answers to fill in (a link from a clause: the rest is left to the reader). Returns whether there
// was one.
export function openFragment(check) {
  if (!/^#(scenario|prefill)=/.test(location.hash)) return false;
  // A shared scenario is checked once read: the theme's script waits for its answer too.
  expectCheck(location.hash.startsWith("#scenario="));
  python.readFragment(location.hash).then(async (found) => {
    if (found.error) {
      expectCheck(false);
      showMessage(found.error, "status status--error");
      return;
    }
    const refused = await fillForm(found.request);
    if (found.kind === "scenario") {
      if (refused.length) {
        expectCheck(false);
        showRefused(refused, "link");
      } else check();
      return;
    }
    if (refused.length) showRefused(refused, "link");
    const first = [...form.elements].find((field) => field.matches("textarea, input:not([type=hidden])") && !field.value);
    if (first) first.focus();
  }).catch((error) => showMessage("The link's answers could not be read: " + error.message, "status status--error"));
  form.scrollIntoView();
  return true;
}
