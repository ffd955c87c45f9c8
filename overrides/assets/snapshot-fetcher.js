// Downloads the memory snapshot on a thread of its own and hands its bytes to the Python worker through the
// port it is given, without a copy: reading 9 MB would otherwise hold up the worker that starts Python, which
// expands it (snapshot-restore.mjs). Started by checker-boot.js.

onmessage = async ({ data: { url, port } }) => {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const packed = await response.arrayBuffer();
    port.postMessage({ snapshot: packed }, [packed]);
  } catch (error) {
    port.postMessage({ error: String(error && error.message || error) });
  }
  close();
};
