// Material's own script, which the build holds back on checker pages: on a phone its start blocks the page for a
// few hundred milliseconds (bench/README.md), and on two cores it would compete with Python's. It starts as soon
// as the reader reaches for the header (where its search box and colour switch appear once it runs), if Python
// fails, or once Python is ready, its answers shown and the reader has left the page alone for a while: never
// while they type or read what came back.
const QUIET_MS = 10_000;
const ACTIVITY = ["pointerdown", "keydown", "input", "scroll", "touchstart"];
let started = false;
let quiet = null;

export function startTheme() {
  const held = document.querySelector("script[data-theme-script]");
  if (started || !held) return;
  started = true;
  clearTimeout(quiet);
  for (const type of ACTIVITY) window.removeEventListener(type, waitForQuiet, true);
  const script = document.createElement("script");
  script.src = held.dataset.themeScript;
  // It starts on DOMContentLoaded, usually past by now; it listens once, and nothing else on these pages does.
  script.onload = () => {
    document.dispatchEvent(new Event("DOMContentLoaded"));
    running = true;
    if (tapped) setTimeout(() => tapped.click());
  };
  document.body.append(script);
}

// The colour switch, which Material's script shows when it runs, is shown from the start as it would show it; a tap
// on it before the script runs starts it, and is made again once it is running (the script reads the colours from
// what it saved, not from the switch).
let running = false;
let tapped = null;

function showColourSwitch() {
  const options = [...document.querySelectorAll("[data-md-component=palette] .md-option")];
  if (!options.length) return;
  const saved = globalThis.__md_get?.("__palette");
  const index = saved?.index ?? options.findIndex((option) => matchMedia(option.dataset.mdColorMedia).matches);
  const shown = options[Math.max(0, Math.min(index, options.length - 1))].nextElementSibling;
  if (shown) shown.hidden = false;
  for (const option of options) {
    option.nextElementSibling?.addEventListener("click", (event) => {
      if (running) return;
      event.preventDefault();
      tapped = event.currentTarget;
      startTheme();
    });
  }
}

function waitForQuiet() {
  clearTimeout(quiet);
  quiet = setTimeout(() => (readerWaiting() ? waitForQuiet() : (window.requestIdleCallback || setTimeout)(startTheme)), QUIET_MS);
}

// Python is ready and has answered what was asked: the theme may start once the reader is quiet, and not while a
// check they asked for is still running (`isBusy`: they are waiting for its answer).
let readerWaiting = () => false;

export function startThemeWhenQuiet(isBusy) {
  if (isBusy) readerWaiting = isBusy;
  if (started || quiet !== null) return;
  for (const type of ACTIVITY) window.addEventListener(type, waitForQuiet, { capture: true, passive: true });
  waitForQuiet();
}

export function holdThemeBack() {
  for (const type of ["pointerdown", "focusin"]) {
    document.querySelector(".md-header")?.addEventListener(type, startTheme, { once: true });
  }
  showColourSwitch();
}
