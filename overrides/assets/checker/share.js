// A scenario in the page's fragment (never the query string, never stored): a link to copy, and a link or a
// worked example opened. Python writes and reads the fragment (checkers/scenario.py), as it wrote the build's links.
import { description, form } from "./page.js";
import { askToStartIn, expectCheck, failed, python } from "./python.js";
import { fillForm, readRequest } from "./form.js";
import { showMessage, showRefused } from "./result.js";

export function offerLinks() {
  form.querySelector(".checker-share").addEventListener("click", async () => {
    const status = form.querySelector(".checker-share-status");
    // Python makes the link: with Save-Data, it may not be downloaded yet.
    askToStartIn(status, (words) => { status.textContent = words; }, "the link is made once it has. ", "");
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

// The answers a link put into the form, once Python has read them: a check asked for before then waits for them, so
// that it is of the form as the link fills it (a clause's "Report a breach" link opened on a slow connection).
let linkRead = Promise.resolve();

export function linkFilled() {
  return linkRead;
}

// Whether Python, started again by the reader, is ready (or failed again).
function nextStart() {
  return new Promise((resolve) => {
    const settle = (event) => {
      window.removeEventListener("codes-of-conduct:ready", settle);
      window.removeEventListener("codes-of-conduct:failed", settle);
      resolve(event.type === "codes-of-conduct:ready");
    };
    window.addEventListener("codes-of-conduct:ready", settle);
    window.addEventListener("codes-of-conduct:failed", settle);
  });
}

// The field a reader's input went to, by the name the request gives it (a row's, by its list's).
function fieldName(target) {
  const rows = target.closest("[data-rows]");
  return rows ? rows.dataset.rows : target.name;
}

// A scenario in the fragment (a shared link, or a worked example on this page: checked at once when the form took
// all of it), or answers to fill in (a link from a clause: the rest is left to the reader, and what they have
// answered already while Python started is theirs, not overwritten). Returns whether there was one.
export function openFragment(check) {
  if (!/^#(scenario|prefill)=/.test(location.hash)) return false;
  // A shared scenario is checked once read: the theme's script waits for its answer too.
  expectCheck(location.hash.startsWith("#scenario="));
  const answered = new Set();
  const note = (event) => answered.add(fieldName(event.target));
  form.addEventListener("input", note);
  form.addEventListener("change", note);
  const read = () => python.readFragment(location.hash).then(async (found) => {
    form.removeEventListener("input", note);
    form.removeEventListener("change", note);
    if (found.error) {
      expectCheck(false);
      showMessage(found.error, "status status--error");
      return;
    }
    const scenario = found.kind === "scenario";
    const refused = await fillForm(found.request, scenario ? {} : { keep: answered, whole: false });
    if (scenario) {
      if (refused.length) {
        expectCheck(false);
        showRefused(refused, "link");
      } else check();
      return;
    }
    if (refused.length) showRefused(refused, "link");
    const first = [...form.elements].find((field) => field.matches("textarea, input:not([type=hidden])") && !field.value);
    if (first && !form.contains(document.activeElement)) first.focus();
  }).catch((error) => {
    if (failed()) afterFailure();
    else showMessage("The link's answers could not be read: " + error.message, "status status--error");
  });
  // Python did not start (the status says so, and offers to try again): the link is read once it has.
  const afterFailure = () => {
    linkRead = nextStart().then((started) => (started ? read() : afterFailure()));
  };
  linkRead = read();
  form.scrollIntoView();
  return true;
}
