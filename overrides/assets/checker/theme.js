// Material's own script, which the build holds back on checker pages: on two cores its start would compete
// with Python's. Loaded once Python is ready (after a check already asked for), if Python fails, after a few
// seconds whatever happens, or as soon as the reader reaches for the header (where its search box and colour
// switch appear once it runs).
const THEME_AT_THE_LATEST_MS = 4000;
let started = false;

export function startTheme() {
  const held = document.querySelector("script[data-theme-script]");
  if (started || !held) return;
  started = true;
  const script = document.createElement("script");
  script.src = held.dataset.themeScript;
  // It starts on DOMContentLoaded, usually past by now; it listens once, and nothing else on these pages does.
  script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
  document.body.append(script);
}

export function holdThemeBack() {
  setTimeout(startTheme, THEME_AT_THE_LATEST_MS);
  for (const type of ["pointerdown", "focusin"]) {
    document.querySelector(".md-header")?.addEventListener(type, startTheme, { once: true });
  }
}
