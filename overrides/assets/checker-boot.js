// Loaded from <head> on checker pages only: starts Python in its worker while the page is still being
// parsed, instead of after the theme's scripts have run. assets/checker.js takes the worker over.
(function () {
  const script = document.currentScript;
  const boot = { runtime: JSON.parse(script.dataset.runtime || "null"), worker: null, early: [], error: null };
  window.__codesOfConductBoot = boot;
  if (!boot.runtime) return;
  try {
    boot.worker = new Worker(new URL("checker-worker.js", script.src), { type: "module" });
  } catch (error) {
    boot.error = error;
    return;
  }
  // Messages that arrive before checker.js listens are kept and handed over.
  boot.worker.onmessage = (event) => boot.early.push(event);
  boot.worker.onerror = (event) => { event.preventDefault(); boot.early.push(event); };
  boot.worker.postMessage({ op: "start", runtime: boot.runtime });
})();
