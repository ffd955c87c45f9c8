// Loaded from <head> on checker pages only: starts Python in its worker while the page is still being
// parsed, instead of after the theme's scripts have run. assets/checker.js takes the worker over.
// When the browser asks to save data (Save-Data), or the reader has asked the site to download the checker only
// when they say so, nothing is downloaded yet: checker.js offers to start, and says how much it will download.
(function () {
  // The page's script will run: what only it makes true (the checker is starting) may be shown.
  document.documentElement.classList.add("scripted");
  const script = document.currentScript;
  const boot = { runtime: JSON.parse(script.dataset.runtime || "null"), worker: null, fetcher: null, early: [], waiting: false,
    start };
  window.__codesOfConductBoot = boot;
  if (!boot.runtime) return;
  if (savingData()) {
    boot.waiting = true;
    return;
  }
  start();

  function savingData() {
    try {
      return Boolean(navigator.connection && navigator.connection.saveData) ||
        localStorage.getItem("codes-of-conduct:download") === "when-asked";
    } catch {
      return false; // storage refused: the browser's own setting still counts
    }
  }

  // Also a fresh start after a failed one (python.js, `again`): what the failed one left running stops first.
  function start(again = false) {
    boot.waiting = false;
    for (const running of [boot.worker, boot.fetcher]) if (running) running.terminate();
    boot.worker = boot.fetcher = null;
    try {
      boot.worker = new Worker(new URL("checker-worker.js", script.src), { type: "module" });
    } catch {
      return; // checker.js says that this browser cannot run module workers
    }
    // Messages that arrive before checker.js listens are kept and handed over.
    boot.worker.onmessage = (event) => boot.early.push(event);
    boot.worker.onerror = (event) => { event.preventDefault(); boot.early.push(event); };
    const snapshot = boot.runtime.snapshot ? fetchSnapshot(boot.worker, boot.runtime, script.src) : null;
    if (snapshot) boot.worker.postMessage({ op: "start", runtime: boot.runtime, snapshot, again }, [snapshot]);
    else boot.worker.postMessage({ op: "start", runtime: boot.runtime, again });
  }

  // The snapshot is the largest download: a worker of its own fetches it from now on, in parallel with the
  // Python worker's start, and hands it over on a channel; returns the Python worker's end of it.
  // Without it, Python starts the usual way.
  function fetchSnapshot(python, runtime, base) {
    try {
      const channel = new MessageChannel();
      const fetcher = new Worker(new URL("snapshot-fetcher.js", base), { type: "module" });
      boot.fetcher = fetcher;
      fetcher.onerror = (event) => { event.preventDefault(); python.postMessage({ op: "no-snapshot" }); };
      // Its progress reaches the page as if from the Python worker, before checker.js listens or after.
      fetcher.onmessage = ({ data }) => python.dispatchEvent(
        new MessageEvent("message", { data: { type: "download", fraction: data.downloaded } }));
      fetcher.postMessage({ url: new URL(runtime.snapshot, new URL("./", base)).href, size: runtime.snapshot_bytes,
        checksum: runtime.snapshot_crc32, port: channel.port1 }, [channel.port1]);
      return channel.port2;
    } catch {
      return null;
    }
  }
})();
