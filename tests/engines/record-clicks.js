// Where each click landed, and when, and each change of the address's fragment that followed: a test that times out
// can then say whether its last taps reached their controls, and whether a link's tap reached the page's script
// (tests/engines/__init__.py reads window.__clicks). Set in each page by both engines: Firefox's before the page's
// own scripts (firefox.mjs), WebKit's after each load (__init__.py).
if (!window.__clicks) {
  window.__clicks = [];
  const at = () => `${Math.round(performance.now())} ms: `;
  addEventListener("click", (e) => window.__clicks.push(
    `${at()}${e.target.tagName.toLowerCase()}.${e.target.className}`.slice(0, 120)), true);
  const cut = (text) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);
  addEventListener("hashchange", () => window.__clicks.push(`${at()}hashchange to ${cut(location.hash) || "no fragment"}`), true);
}
