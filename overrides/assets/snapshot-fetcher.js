// Downloads and expands the memory snapshot on a thread of its own, then hands the bytes to the Python worker
// through the port it is given, without a copy: receiving 12 MB and expanding it to 31 MB would otherwise hold
// up the worker that starts Python. Started by checker-boot.js.
import { expandSnapshot } from "./snapshot-format.mjs";

onmessage = async ({ data: { url, port } }) => {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const full = expandSnapshot(await response.arrayBuffer());
    port.postMessage({ snapshot: full }, [full.buffer]);
  } catch (error) {
    port.postMessage({ error: String(error && error.message || error) });
  }
  close();
};
