// Our worker and runtime files on an otherwise empty page: separates the runtime's cost from the page's.
// The worker (and the snapshot's fetcher) are started by checker-boot.js, as on a checker page.
const worker = window.__codesOfConductBoot.worker;
worker.onmessage = (event) => {
  if (event.data.id === 1) {
    performance.mark("coc:first-result");
    document.getElementById("result").textContent = JSON.stringify(event.data.result);
  }
};
worker.postMessage({ id: 1, op: "run", checker: "nominations", request: { code: "momentum-ncg-elections", verified: 25 } });
