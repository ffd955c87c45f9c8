// Where each click landed, and when: a test that times out can then say whether its last taps reached their
// controls (tests/engines/__init__.py reads window.__clicks). Set in each page by both engines: Firefox's before the
// page's own scripts (firefox.mjs), WebKit's after each load (__init__.py).
if (!window.__clicks) {
  window.__clicks = [];
  addEventListener("click", (e) => window.__clicks.push(
    `${Math.round(performance.now())} ms: ${e.target.tagName.toLowerCase()}.${e.target.className}`.slice(0, 120)), true);
}
