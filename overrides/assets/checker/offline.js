// A checker used once works with no network: once Python is ready, the site's service worker (sw.js) is asked to
// keep this page, the files it ran on, and the code pages it cites. Offline, the page says it is working from that
// copy. Also the reader's choice to download the checker only when they ask (checker-boot.js reads it).
import { description } from "./page.js";

const CHOICE = "codes-of-conduct:download";

// The site's own files this page loaded (its scripts and styles), the runtime's (which its workers load, so the
// page's timings do not list them), this page, and the pages it cites.
function filesToKeep() {
  const root = new URL(description.root, location.href);
  const runtime = (window.__codesOfConductBoot || {}).runtime || { files: [] };
  const loaded = performance.getEntriesByType("resource").map((entry) => entry.name)
    .concat(runtime.files.map((file) => new URL(`assets/${file}`, root).href));
  const cited = description.codes.flatMap((code) => [new URL(code.url, root).href,
    ...code.versions.flatMap((version) => version.clauses.map((clause) => new URL(clause.url, root).href))]);
  const page = new URL(location.href);
  page.hash = "";
  return [page.href, ...loaded, ...cited].filter((url) => new URL(url).origin === location.origin);
}

export function keepForOffline() {
  if (!("serviceWorker" in navigator) || !navigator.onLine) return;
  navigator.serviceWorker.ready.then((registration) => {
    if (!registration.active) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => {
      if (!data.failed) document.querySelector(".checker-kept").hidden = false;
    };
    registration.active.postMessage({ type: "keep", urls: filesToKeep() }, [channel.port2]);
  }).catch(() => {});
}

export function sayWhenOffline() {
  const note = document.querySelector(".checker-offline");
  const show = () => { note.hidden = navigator.onLine; };
  show();
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
}

export function offerDownloadChoice() {
  const box = document.getElementById("download-when-asked");
  try {
    box.checked = localStorage.getItem(CHOICE) === "when-asked";
  } catch {
    box.closest("p").hidden = true; // storage refused: the choice could not be kept
    return;
  }
  // Stored only when the reader ticks it, and removed when they untick it.
  box.addEventListener("change", () => {
    if (box.checked) localStorage.setItem(CHOICE, "when-asked");
    else localStorage.removeItem(CHOICE);
  });
}
