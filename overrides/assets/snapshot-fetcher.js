// Downloads the memory snapshot on a thread of its own and hands its bytes to the Python worker through the
// port it is given, without a copy: reading 9 MB would otherwise hold up the worker that starts Python, which
// expands it (snapshot-restore.mjs). Tells the page how much has arrived, for its progress bar: on a slow
// connection this download is most of the wait. Started by checker-boot.js.

onmessage = async ({ data: { url, size, port } }) => {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const packed = await read(response, size);
    port.postMessage({ snapshot: packed.buffer }, [packed.buffer]);
  } catch (error) {
    port.postMessage({ error: String(error && error.message || error) });
  }
  close();
};

// The body, its progress posted in whole percents of `size`, the file's own size (a host may compress it on
// the way, so Content-Length does not say).
async function read(response, size) {
  const reader = response.body.getReader();
  let bytes = new Uint8Array(size || 1 << 20);
  let received = 0;
  let told = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > bytes.length) {
      const larger = new Uint8Array(Math.max(2 * bytes.length, received + value.length));
      larger.set(bytes.subarray(0, received));
      bytes = larger;
    }
    bytes.set(value, received);
    received += value.length;
    const percent = size ? Math.min(100, Math.floor((100 * received) / size)) : 0;
    if (percent > told) {
      told = percent;
      postMessage({ downloaded: percent / 100 });
    }
  }
  return received === bytes.length ? bytes : bytes.slice(0, received);
}
