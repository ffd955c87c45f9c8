// Small enhancements for every page. The site works without them; nothing here loads Pyodide.
const SITE_ROOT = new URL("../", document.currentScript.src);

// The page's fragment as text: a link cut or mangled on its way (a "%" not followed by two hex digits) is not an
// error that stops the rest of this script, only a fragment that names nothing.
function fragment() {
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return "";
  }
}

// "Read this clause in the current version": keep the clause the reader came for.
function pointBannerAtClause() {
  const banner = document.querySelector(".superseded");
  if (!banner) return;
  const anchor = fragment();
  const link = banner.querySelector(".current-clause-link");
  const removed = (banner.dataset.removed || "").split(" ");
  if (!anchor || !link || anchor.startsWith("as-at=")) return;
  if (removed.includes(anchor)) {
    banner.querySelector(".removed-note").hidden = false;
    link.href = banner.dataset.current;
  } else {
    link.href = banner.dataset.current + "#" + encodeURIComponent(anchor);
  }
}

// "As at a date": choose the version in force on a day from the history's data.
function enableAsAt() {
  for (const form of document.querySelectorAll("form.as-at")) {
    const versions = JSON.parse(form.dataset.versions);
    const output = form.querySelector("output");
    form.classList.remove("needs-script");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const day = form.elements.date.value;
      const found = versions.find((v, i) =>
        (v.from === null ? i === 0 : v.from <= day) && (v.until === null || day <= v.until));
      if (!found) {
        output.textContent = "No version of this code was in force on that day.";
        return;
      }
      const dated = versions.some((v) => v.from !== null);
      output.textContent = dated ? "" : "This code's dates are not stated; showing its only known version.";
      // The version's page from its top, with a banner that says which day was asked for.
      location.href = found.url + "#as-at=" + day;
    });
  }
}

// Arrived from "the version in force on" a day: the banner at the top says the day asked for and this version's
// dates, and the page starts there.
function showAsAtBanner() {
  const banner = document.querySelector(".as-at-banner");
  const asked = /^#as-at=(\d{4}-\d{2}-\d{2})$/.exec(location.hash);
  if (!banner || !asked) return;
  const iso = asked[1];
  const day = new Date(iso + "T12:00:00Z");
  // A day that is no day (a link typed or changed by hand: 2024-02-30) is not read as another (1 March).
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) return;
  const words = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
  // The picker's own rule (enableAsAt): a link made by hand, or before a correction changed a version's dates, may
  // name a day on which this version was not in force, and the banner must not say that it was.
  const { version, period, from, until, afterToday } = banner.dataset;
  const inForce = (!from || from <= iso) && (!until || iso <= until);
  // A version whose start the code does not state may not have existed yet on the day; a day after today may see a
  // version published later take its place, in the checkers' own words (checkers/contract.py, AFTER_TODAY).
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  const later = iso > today ? ` That day is after today: ${afterToday}.` : "";
  banner.querySelector(".as-at-banner-title").textContent = (inForce
    ? `You asked for the version in force on ${words}. This is version ${version}, ${period}` +
      (from ? "." : ", so whether it was in force on that day is not stated.")
    : `You asked for the version in force on ${words}, but this version, ${version}, was not in force that day. ` +
      `Its dates: ${period}.`) + later;
  banner.querySelector(".as-at-banner-other").hidden = inForce;
  banner.classList.toggle("warning", !inForce);
  banner.classList.toggle("info", inForce);
  banner.hidden = false;
  window.scrollTo(0, 0);
  banner.focus({ preventScroll: true });
}

// Clicking a clause number also copies its address, and says so to screen readers.
function copyClauseLinks() {
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.append(status);
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.anchor-link");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(
      () => { status.textContent = "Link to " + link.dataset.cite + " copied"; },
      () => { /* clipboard refused: the address bar still has the link */ });
  });
}

// The service worker (sw.js): keeps a checker used once working with no network (it keeps nothing until a
// checker page or the reader asks). A newer build's worker waits until the reader asks to reload.
let reloadAsked = false;

function offerUpdate(worker) {
  if (document.querySelector(".site-update")) return;
  const note = document.createElement("div");
  note.className = "site-update";
  note.setAttribute("role", "status");
  note.append("A newer version of this site is ready. ");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = "Reload to use it";
  button.addEventListener("click", () => {
    reloadAsked = true;
    worker.postMessage({ type: "skip-waiting" });
  });
  note.append(button);
  document.body.append(note);
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloadAsked) location.reload();
  });
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname }).then((registration) => {
    // Only a worker waiting behind the one that serves this page is a newer version. A first visit's worker passes
    // through "installed" on its way to active, and Firefox may report that after the worker already serves the page.
    const waiting = () => {
      const next = registration.waiting;
      const serving = navigator.serviceWorker.controller;
      if (next && next.state === "installed" && serving && serving !== next) offerUpdate(next);
    };
    waiting();
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => { if (worker.state === "installed") waiting(); });
    });
  }).catch(() => { /* no service worker (a private window, say): the site works as before */ });
}

// On the checkers' index: keep every checker for use offline, the size said first.
async function offerEveryCheckerOffline() {
  const panel = document.querySelector(".offline-all");
  if (!panel || !("serviceWorker" in navigator)) return;
  let runtime;
  try {
    runtime = await (await fetch(new URL("assets/checkers-runtime.json", SITE_ROOT))).json();
  } catch {
    return; // built without the checkers' runtime: nothing to keep
  }
  const megabytes = (runtime.download_bytes / 1e6).toFixed(1);
  panel.querySelector(".offline-size").textContent = megabytes;
  panel.hidden = false;
  const status = panel.querySelector(".offline-status");
  panel.querySelector(".offline-keep").addEventListener("click", async () => {
    status.textContent = `Downloading about ${megabytes} MB…`;
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => {
      status.textContent = data.failed
        ? `Kept ${data.kept} files; ${data.failed} could not be downloaded. Try again when the connection is better.`
        : "Every checker is kept in this browser: they work with no network.";
    };
    // The build lists what the checkers' index keeps: every checker, its runtime and the pages it cites.
    registration.active.postMessage({ type: "keep", pages: [panel.dataset.page] }, [channel.port2]);
  });
}

// A table's name as a region: its place among the page's tables, and its columns.
function tableName(box) {
  const table = box.querySelector("table");
  const number = [...document.querySelectorAll(".md-content table")].indexOf(table) + 1;
  const columns = [...(table?.querySelectorAll("thead th") || [])].map((cell) => cell.textContent.trim()).join(", ");
  return `Table ${number}${columns ? ` (${columns})` : ""}, scrolls sideways`;
}

// A table wider than the screen (a phone of 320 px) scrolls sideways in the box Material's script puts round it,
// which takes no focus: a keyboard could not bring the columns out of view into sight. The box takes the focus, named
// as a region, while (and only while) it scrolls. Material wraps a table when its script runs, which a checker page
// holds back, so boxes are watched for as they come.
function letTheKeyboardScrollWideTables() {
  const content = document.querySelector(".md-content");
  // Tables come in the page's HTML (a checker page has none, and its answers add many nodes: nothing is watched there).
  if (!content?.querySelector("table") || !("ResizeObserver" in window)) return;
  const scrolls = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      if (target.scrollWidth > target.clientWidth) {
        target.tabIndex = 0;
        target.setAttribute("role", "region");
        target.setAttribute("aria-label", tableName(target));
      } else {
        for (const name of ["tabindex", "role", "aria-label"]) target.removeAttribute(name);
      }
    }
  });
  const watch = (root) => {
    if (root.matches?.(".md-typeset__scrollwrap")) scrolls.observe(root);
    for (const box of root.querySelectorAll?.(".md-typeset__scrollwrap") || []) scrolls.observe(box);
  };
  watch(content);
  new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach(watch)))
    .observe(content, { childList: true, subtree: true });
}

pointBannerAtClause();
window.addEventListener("hashchange", pointBannerAtClause);
letTheKeyboardScrollWideTables();
enableAsAt();
showAsAtBanner();
window.addEventListener("hashchange", showAsAtBanner);
copyClauseLinks();
registerServiceWorker();
offerEveryCheckerOffline();

// The navigation drawer on a phone's width opens from Material's label, which a keyboard cannot reach, and site.css
// hides it while closed: a real button takes the label's place, says whether the drawer is open, and Escape closes
// the drawer, bringing the focus back to the button.
function menuButton() {
  const toggle = document.getElementById("__drawer");
  const label = document.querySelector(".md-header__button[for='__drawer']");
  const drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = `${label.className} site-menu`;
  button.setAttribute("aria-label", "Menu");
  drawer.id ||= "site-menu";
  button.setAttribute("aria-controls", drawer.id);
  button.append(...label.childNodes);
  label.replaceWith(button);
  const show = () => button.setAttribute("aria-expanded", String(toggle.checked));
  show();
  toggle.addEventListener("change", show);
  button.addEventListener("click", () => toggle.click());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      toggle.click();
      button.focus();
    }
  });
}
menuButton();
