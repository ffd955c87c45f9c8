// Material for MkDocs' start-up helpers (from its partials/javascripts/base.html), as a file for the CSP.
__md_scope = new URL(document.currentScript.dataset.scope, location);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
// Material writes the palette as soon as a page loads; the site stores nothing the reader did not ask for, so
// the palette is kept only once the reader has chosen one (a change on the palette's own inputs, seen here
// before Material's own listener).
var __md_palette_chosen = false;
document.addEventListener("change", (event) => {
  if (event.isTrusted && event.target.closest && event.target.closest("[data-md-component=palette]")) {
    __md_palette_chosen = true;
  }
}, true);
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  if (e === "__palette" && !__md_palette_chosen) return;
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) { /* storage refused: keep defaults */ }
};
