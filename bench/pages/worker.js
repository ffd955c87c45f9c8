// Our worker and runtime files on an otherwise empty page: separates the runtime's cost from the page's.
const runtime = await (await fetch("/assets/checkers-runtime.json")).json();
const worker = new Worker("/assets/checker-worker.js", { type: "module" });
worker.postMessage({ op: "start", runtime });
worker.onmessage = (event) => {
  if (event.data.id === 1) {
    performance.mark("coc:first-result");
    document.getElementById("result").textContent = JSON.stringify(event.data.result);
  }
};
worker.postMessage({ id: 1, op: "run", checker: "nominations", request: { code: "momentum-ncg-elections", verified: 25 } });
