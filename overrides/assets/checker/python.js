// Talking to the Python worker that checker-boot.js started from <head> (browser_runtime/assets/): its progress,
// its failure, and calls that answer with the command line's JSON. Also window.codesOfConduct, the same contract
// for power users.
import { element, progressAmount, progressBar, progressText } from "./page.js";
import { startTheme, startThemeWhenQuiet } from "./theme.js";

const pending = new Map();
let nextId = 1;
let worker = null;
let failure = null;
let themeAfterChecks = false;

export function failed() {
  return failure;
}

// Python's word that it is ready may come before the page's script listens (a start from the browser's cache, a
// script that came late): heard early, it is handed over in takeOverWorker, at once. What waits for it (keeping the
// checker for use offline) runs then, or at once if it has come.
let isReady = false;

export function whenReady(then) {
  if (isReady) then();
  else window.addEventListener("codes-of-conduct:ready", then, { once: true });
}

const progressLine = progressText.closest(".checker-progress");
// The page's own first words, said again when the reader starts the checker anew.
const firstWords = progressText.textContent;
// What the reader can do while they wait, as the page says it (a checker's form; My case has none).
const meanwhile = progressLine.querySelector(".checker-meanwhile");

// The bar never goes back: the snapshot's download and the Python worker report separately. While it loads, the
// status stays in view at the top of the screen as the reader fills in the form.
function showProgress(percent, text) {
  progressText.textContent = text;
  if (meanwhile) meanwhile.hidden = percent >= 100;
  progressBar.value = Math.max(progressBar.value, percent);
  progressLine.classList.toggle("checker-progress--loading", percent < 100);
  progressLine.classList.toggle("checker-progress--done", percent >= 100);
  if (percent >= 100) progressAmount.textContent = "";
}

// The snapshot's download, most of a first visit's wait on a slow connection: the bar moves from 10 to 90%, and
// the amount says how much of the download has come (the snapshot is most of it). The live text stays as it is,
// so that a screen reader is not told every step.
function showDownload(fraction) {
  if (progressLine.classList.contains("checker-progress--done")) return;
  progressBar.value = Math.max(progressBar.value, 10 + 80 * fraction);
  const total = (window.__codesOfConductBoot || {}).runtime?.download_bytes;
  if (total && fraction < 1) {
    const megabytes = (bytes) => (bytes / 1e6).toFixed(1);
    progressAmount.textContent = `(${megabytes(total * fraction)} of ${megabytes(total)} MB)`;
  } else progressAmount.textContent = "";
}

// What to do depends on what failed: a download (`download`: the connection, or the site) or the browser itself. A
// download that may come if asked again (`transient`: the connection, or the host unable for now) is first tried
// again by itself.
const DOWNLOAD = { download: true, transient: true };

function fail(message, { download = false, transient = false } = {}) {
  if (transient && starting && worker && retries < RETRY_AFTER_MS.length) {
    retryLater(message);
    return;
  }
  failure = message;
  starting = false;
  clearTimeout(stall);
  clearTimeout(silence);
  reached = progressBar.value;
  progressText.hidden = false;
  progressLine.classList.add("checker-progress--failed");
  startTheme();
  // A file the site answers it has not got is the site's fault: the reader's connection is not to blame.
  const next = !download ? " Try an up-to-date browser" :
    transient ? " Check your connection, then try again" : " The fault is the site's, not your connection: try again later";
  showProgress(100, (download ? "The checker could not start: " : "The checker could not start in this browser: ") +
    message + next + ", or run the same checker from the command line (python -m checkers).");
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
  if (download && worker) offerToTryAgain();
  window.dispatchEvent(new Event("codes-of-conduct:failed"));
}

// A button of the checker's start (try again, download now): the theme's look, and what it does.
function actionButton(className, words, act) {
  const button = element("button", `md-button ${className}`, words);
  button.type = "button";
  button.addEventListener("click", act);
  return button;
}

// A button of the status went: the status keeps the focus, and says what happens next.
function focusStatus() {
  progressLine.tabIndex = -1;
  progressLine.focus();
}

// A download cut short (a weak signal, a tunnel, the host busy for a moment) is tried again by itself after each of
// these waits, or when a browser that knows it went offline is back online; what the reader asked for meanwhile
// (a check, a link's answers) waits for the new start. Then the reader is asked.
const RETRY_AFTER_MS = [2_000, 6_000];
// A browser may miss saying it is back online, or think itself offline on a network that works: while it says it is
// offline, the site is also asked this often whether it answers, and the start carries on if it does.
const OFFLINE_RECHECK_MS = 10_000;
// Said in the status's two lines on a phone, without the words on what the reader may do meanwhile.
const RETRYING_WORDS = "The download was interrupted. Trying again…";
const AWAITING_NETWORK_WORDS = "You are offline. The download will carry on when you are back online.";
let retries = 0;
// How far the bar had come when a start failed (and the bar went to 100 beside the failure's words): the next start's
// bar carries on from there, as most of what it had downloaded comes again from the browser's cache (and the amount
// says what a file cut short has brought so far).
let reached = 0;

function retryLater(message) {
  clearTimeout(stall);
  clearTimeout(silence);
  letGoOfWorker();
  const wait = RETRY_AFTER_MS[retries++];
  const offline = navigator.onLine === false;
  // In the status's two lines on a phone: which file, and why, is for the console (and the reader, if it fails again).
  console.warn(`The checker's start failed and is tried again: ${message}`);
  progressText.textContent = offline ? AWAITING_NETWORK_WORDS : RETRYING_WORDS;
  if (meanwhile) meanwhile.hidden = true;
  // Not "using this browser's copy" (offline.js) as well: the checker is not in this browser yet.
  progressLine.classList.add("checker-progress--restarting");
  if (offline) whenBackOnline(() => startAgain());
  else setTimeout(() => startAgain(), wait);
}

// Once the browser says it is back online, or the site answers although the browser still says it is offline.
function whenBackOnline(then) {
  let recheck = null;
  let isBack = false;
  const back = () => {
    if (isBack) return; // the browser's word and the site's answer may both come
    isBack = true;
    window.removeEventListener("online", back);
    clearTimeout(recheck);
    then();
  };
  const ask = () => {
    recheck = setTimeout(() => {
      if (navigator.onLine !== false) back();
      // The page's own address and nothing else: not its fragment, which may hold the reader's answers.
      else fetch(location.origin + location.pathname, { method: "HEAD", cache: "no-store" }).then(back, ask);
    }, OFFLINE_RECHECK_MS);
  };
  window.addEventListener("online", back);
  ask();
}

// A worker that failed: its last words (each call it was asked refused with its failure) are not heard, and the calls
// still unanswered are asked again of the next one.
function letGoOfWorker() {
  worker.onmessage = worker.onerror = null;
  worker = null;
}

// A fresh start on this page (`again`: after a failed one): what the reader has typed stays as it is, which a reload
// would not promise.
function startAgain(again = true) {
  progressLine.classList.remove("checker-progress--restarting");
  // A start tried again by itself left the bar where it was, which the snapshot's download (a worker of its own) may
  // have moved on since: only a failure's 100 is taken back.
  if (progressLine.classList.contains("checker-progress--failed")) progressBar.value = reached;
  failure = null;
  starting = true;
  spoken = false;
  stalledOver = null;
  progressLine.classList.remove("checker-progress--failed");
  showProgress(0, firstWords);
  window.__codesOfConductBoot.start(again);
  takeOverWorker();
  // Every call not yet answered: asked of a worker that failed, or before the checker started (Save-Data).
  if (worker) for (const [id, { message }] of pending) worker.postMessage({ ...message, id });
}

// A download that still failed is tried again at the reader's word, with tries of its own.
function offerToTryAgain() {
  if (progressLine.querySelector(".checker-retry")) return; // one failed start may be told of twice (its error, its end)
  const button = actionButton("checker-retry", "Try again", () => {
    letGoOfWorker();
    retries = 0;
    button.remove();
    focusStatus();
    startAgain();
  });
  progressText.parentElement.append(button);
}

// Checks asked for and not yet answered, and whether one is still to come (a shared link's, once Python has read
// it): the theme's script waits for their answers.
let checksPending = 0;
let checkExpected = false;
const checkRunning = () => checksPending > 0 || streaming.size > 0 || keepsakesToCome.size > 0;

export function expectCheck(expected) {
  checkExpected = expected;
  if (!expected && themeAfterChecks && checksPending === 0) startThemeWhenQuiet(checkRunning);
}

// Once Python is ready, the theme's script may start (when the reader is quiet: theme.js), after the checks already
// asked for have their answers.
function startThemeAfterChecks() {
  if (checksPending === 0 && !checkExpected) startThemeWhenQuiet(checkRunning);
  else themeAfterChecks = true;
}

// The worker's first word comes as soon as its own script has arrived. A download of that script that stalls would
// leave the reader waiting for ever, and the worker cannot say so: the page fails the start after a minute of it.
const SILENT_WORKER_MS = 60_000;
let silence = null;
let spoken = false;

// While Python starts, every word from its workers (a step, a part of the snapshot, a file's answer) shows that the
// start is moving. On a weak mobile connection it may take minutes, and is left to finish: no time limit cuts short a
// download that is still arriving. One that has heard nothing for a minute has stalled (a connection that hangs
// without failing): the reader is told so, and the start carries on when the connection comes back.
const STALLED_AFTER_MS = 60_000;
const STALLED_WORDS = "Waiting for the connection…";
let starting = true;
let stall = null;
let stalledOver = null;

function watchStart() {
  if (!starting) return;
  clearTimeout(stall);
  if (stalledOver !== null) {
    progressText.textContent = stalledOver;
    if (meanwhile) meanwhile.hidden = false;
    stalledOver = null;
  }
  stall = setTimeout(() => {
    stalledOver = progressText.textContent;
    progressText.textContent = STALLED_WORDS;
    if (meanwhile) meanwhile.hidden = true;
  }, STALLED_AFTER_MS);
}

function handle(event) {
  // The snapshot's progress comes from a worker of its own (checker-boot.js): it says nothing of this one.
  if (event.data?.type !== "download") {
    clearTimeout(silence);
    silence = null;
    spoken = true;
  }
  // Until the worker's first word, its silence is what is watched (takeOverWorker).
  if (spoken) watchStart();
  if (event.type === "error") {
    fail("a file it needs did not load.", DOWNLOAD);
    return;
  }
  const message = event.data;
  if (message.type === "progress") showProgress(message.percent, message.text);
  else if (message.type === "download") showDownload(message.fraction);
  else if (message.type === "alive") return; // a file's answer while Python starts: a sign of progress only
  else if (message.type === "ready") {
    isReady = true;
    starting = false;
    retries = 0;
    clearTimeout(stall);
    // A page whose own status says what Python is doing (My case) drops "Ready.", which would tell the reader nothing,
    // and keeps its place, where it says when it is kept for use offline; a failure to start stays in view.
    if ("dropReady" in progressLine.dataset) progressText.hidden = true;
    startThemeAfterChecks();
    window.dispatchEvent(new Event("codes-of-conduct:ready"));
  }
  else if (message.type === "failed") fail(message.message, message);
  else if (message.part || message.complete) arrived(message);
  else if ("keepsakes" in message) keepsakesArrived(message);
  else if (pending.has(message.id)) {
    const { resolve, reject, isCheck } = pending.get(message.id);
    pending.delete(message.id);
    if (isCheck) {
      checksPending--;
      checkExpected = false;
    }
    if (message.error) reject(new Error(message.error));
    else {
      if (message.parts) streaming.set(message.id, message.result.response);
      if (message.keepsakesToCome) {
        message.result.keepsakes = new Promise((resolveKept) => keepsakesToCome.set(message.id, resolveKept));
      }
      resolve(message.result);
    }
    // In a later task: the answer is shown first.
    if (isCheck && themeAfterChecks && checksPending === 0) startThemeWhenQuiet(checkRunning);
  }
}

// The rest of an answer that comes in parts (checker-worker.js): each part added to the response already shown, and
// the page told, so that its lists can offer what has arrived.
const streaming = new Map();

function arrived(message) {
  const response = streaming.get(message.id);
  if (!response) return;
  if (message.complete) streaming.delete(message.id);
  else for (const [key, items] of Object.entries(message.part)) response[key].push(...items);
  window.dispatchEvent(new CustomEvent("codes-of-conduct:more", { detail: { response, complete: Boolean(message.complete) } }));
}

// The record and calendar of an answer already shown (checker-worker.js writes them after it): null where they could
// not be written.
const keepsakesToCome = new Map();

function keepsakesArrived(message) {
  const resolveKept = keepsakesToCome.get(message.id);
  keepsakesToCome.delete(message.id);
  if (resolveKept) resolveKept(message.keepsakes);
}

export function takeOverWorker() {
  const boot = window.__codesOfConductBoot || { runtime: null };
  if (!boot.runtime) {
    fail("this copy of the site was built without the checker runtime.");
    return;
  }
  if (boot.waiting) {
    offerToStart(boot);
    return;
  }
  if (!boot.worker) {
    fail("this browser cannot run module workers.");
    return;
  }
  worker = boot.worker;
  worker.onmessage = handle;
  worker.onerror = (event) => { event.preventDefault(); handle(event); };
  const early = boot.early.splice(0);
  for (const event of early) handle(event);
  if (!early.some((event) => event.data?.type !== "download")) {
    silence = setTimeout(() => fail("its script (checker-worker.js) did not load within a minute.", DOWNLOAD),
      SILENT_WORKER_MS);
  }
}

// Save-Data, or the reader's own choice: nothing downloaded until the reader asks, and how much it will be, first.
function offerToStart(boot) {
  startTheme();
  const megabytes = (boot.runtime.download_bytes / 1e6).toFixed(1);
  progressText.textContent = `To save data, the checker has not been downloaded yet. It needs about ${megabytes} MB, ` +
    "once: after that your browser keeps it.";
  const buttons = [];
  const start = () => {
    askingToStart = null;
    for (const button of buttons) button.remove();
    focusStatus();
    startAgain(false);
  };
  askingToStart = { words: `Download the checker (about ${megabytes} MB) and start it`, buttons, start };
  progressText.parentElement.append(startButton());
}

// While the checker waits for the reader's word before it downloads.
let askingToStart = null;

// A button that downloads and starts the checker, for wherever the reader asked for something of it before letting it
// download; null when it is not waiting for them. Every such button goes once it starts.
function startButton() {
  if (!askingToStart) return null;
  const button = actionButton("checker-start", askingToStart.words, askingToStart.start);
  askingToStart.buttons.push(button);
  return button;
}

// Something the reader asked of the checker before letting it download: `say` puts in `place` that it waits for it
// (`then`: what is done once it has), with the button that starts it, then `started` once it does. Returns whether
// it was waiting.
export function askToStartIn(place, say, then, started) {
  const button = startButton();
  if (!button) return false;
  say(`The checker has not been downloaded yet, to save data: ${then}`);
  button.addEventListener("click", () => say(started));
  place.append(button);
  return true;
}

function call(message) {
  if (failure) return Promise.reject(new Error(failure));
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const isCheck = message.op === "check" || message.op === "run";
    if (isCheck) checksPending++;
    pending.set(id, { resolve, reject, isCheck, message });
    // Asked before the reader started the checker (Save-Data), or while it starts again: sent once it starts.
    if (worker) worker.postMessage({ ...message, id });
  });
}

// The same contract as the command line: a Promise of its JSON response (checkers/page.py).
export const python = {
  run: (name, request) => call({ op: "run", checker: name, request }),
  // One trip: the response, the record and the calendar file, from one run; the day is the reader's own.
  check: (name, request, madeOn, siteUrl) => call({ op: "check", checker: name, request, madeOn, siteUrl }),
  // The page's own check: a long answer comes in parts, the first shown at once ("codes-of-conduct:more" brings the
  // rest to the same response); `keepsakes`, a Promise of its record and calendar, which are written after it.
  checkInParts: (name, request, madeOn, siteUrl) =>
    call({ op: "check", checker: name, request, madeOn, siteUrl, inParts: true }),
  parseCsv: (name, data) => call({ op: "csv", checker: name, data }),
  writeCsv: (name, rows) => call({ op: "csv-write", checker: name, rows }),
  // What the form could not take ([{field, value, why}], `why` a key of checkers/page.py's REFUSED_WHY), in words.
  refusedWords: (name, source, refused) => call({ op: "refused", checker: name, source, refused }),
  shareLink: (name, pageUrl, request) => call({ op: "share-link", checker: name, pageUrl, request }),
  readFragment: (fragment) => call({ op: "read-fragment", fragment }),
  // The case file's operations (checkers/case.py): the case's JSON in, a changed case or an answer out.
  caseOp: (caseOp, args) => call({ op: "case", caseOp, args }),
};
window.codesOfConduct = { run: python.run, check: python.check };
