// A checker used once works with no network: once Python is ready, the site's service worker (sw.js) is asked to
// keep this page, with what the build lists it needs: its files, the runtime, and the code pages it cites. Offline, the page says it is working from that
// copy. Also the reader's choice to download the checker only when they ask (checker-boot.js reads it).
import { description } from "./page.js";

const CHOICE = "codes-of-conduct:download";

export function keepForOffline() {
  if (!("serviceWorker" in navigator) || !navigator.onLine) return;
  navigator.serviceWorker.ready.then((registration) => {
    if (!registration.active) return;
    const channel = new MessageChannel();
    const said = document.querySelector(".checker-kept");
    channel.port1.onmessage = ({ data }) => {
      // How it went, where a developer looking at the page (or a test that gave up waiting) can read it.
      said.dataset.keep = `kept ${data.kept}, failed ${data.failed}`;
      if (!data.failed) said.hidden = false;
    };
    // The build lists what this page needs (sitebuild/offline.py): the page names itself, nothing more.
    registration.active.postMessage({ type: "keep", pages: [description.page] }, [channel.port2]);
    said.dataset.keep = `asked ${registration.active.state}`;
  }).catch(() => {});
}

// Offline, the page says so: when the browser knows it has no network, and when the service worker served this page
// from its kept copy because the network did not answer (a browser may believe itself online on a connection that
// answers nothing). It says so in the status's place, instead of what the reader may do meanwhile and of the word
// that the page is kept, so that nothing below moves whenever the network comes and goes.
let fromKeptCopy = false;

function offline() {
  return !navigator.onLine || fromKeptCopy;
}

export function sayWhenOffline() {
  const status = document.querySelector(".checker-progress");
  const note = status.querySelector(".checker-offline");
  const show = () => {
    note.hidden = !offline();
    status.classList.toggle("checker-progress--offline", offline());
  };
  show();
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  const worker = "serviceWorker" in navigator && navigator.serviceWorker.controller;
  if (!worker) return;
  const channel = new MessageChannel();
  channel.port1.onmessage = ({ data }) => {
    fromKeptCopy = Boolean(data && data.kept);
    show();
  };
  worker.postMessage({ type: "served-kept" }, [channel.port2]);
}

// Each answer given offline says that it comes from the kept copy, with the codes as they were then: set as the answer
// is asked for, never while it is read, so that the answer does not move under the reader.
export function markTheAnswer() {
  document.querySelector(".checker-answered-offline").hidden = !offline();
}

export function offerDownloadChoice() {
  const box = document.getElementById("download-when-asked");
  try {
    box.checked = localStorage.getItem(CHOICE) === "when-asked";
  } catch {
    box.closest(".checker-download-choice").hidden = true; // storage refused: the choice could not be kept
    return;
  }
  // Stored only when the reader ticks it, and removed when they untick it.
  box.addEventListener("change", () => {
    if (box.checked) localStorage.setItem(CHOICE, "when-asked");
    else localStorage.removeItem(CHOICE);
  });
}
