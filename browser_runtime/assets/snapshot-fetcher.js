// Downloads the memory snapshot on a thread of its own and hands its bytes to the Python worker through the
// port it is given, without a copy: reading 9 MB would otherwise hold up the worker that starts Python, which
// expands it (snapshot-restore.mjs). Tells the page how much has arrived, for its progress bar: on a slow
// connection this download is most of the wait. Checks the bytes against the build's checksum as they arrive,
// so that a damaged file is refused (and Python starts the usual way) at no cost to the start. Started by
// checker-boot.js.
import { crc32 } from "./snapshot-format.mjs";

onmessage = async ({ data: { url, size, checksum, port } }) => {
  try {
    let { bytes, crc } = await download(url, size);
    if (checksum !== undefined && crc !== checksum) {
      // A copy kept damaged (the browser's cache, or the service worker's) would be refused on every visit: asked for
      // anew, it replaces the kept one; Python starts the usual way meanwhile only if that fails too.
      ({ bytes, crc } = await download(url, size, "reload"));
    }
    if (checksum !== undefined && crc !== checksum) {
      throw new Error("the checkers snapshot arrived damaged (its checksum does not match the build's)");
    }
    port.postMessage({ snapshot: bytes.buffer }, [bytes.buffer]);
  } catch (error) {
    port.postMessage({ error: String(error && error.message || error) });
  }
  close();
};

async function download(url, size, cache = "default") {
  const response = await fetch(url, { cache });
  if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
  return read(response, size);
}

// The page redraws its progress for each message: on a phone's slow core, each redraw is a task that can hold up
// the reader's typing, so the progress is told at most this often (and once at the end).
const TELL_EVERY_MS = 500;

// The body and its CRC-32, its progress posted in whole percents of `size`, the file's own size (a host may
// compress it on the way, so Content-Length does not say).
async function read(response, size) {
  const reader = response.body.getReader();
  let bytes = new Uint8Array(size || 1 << 20);
  let received = 0;
  let told = 0;
  let toldAt = -Infinity;
  let crc = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > bytes.length) {
      const larger = new Uint8Array(Math.max(2 * bytes.length, received + value.length));
      larger.set(bytes.subarray(0, received));
      bytes = larger;
    }
    bytes.set(value, received);
    crc = crc32(value, crc);
    received += value.length;
    const percent = size ? Math.min(100, Math.floor((100 * received) / size)) : 0;
    if (percent > told && (percent === 100 || performance.now() - toldAt >= TELL_EVERY_MS)) {
      told = percent;
      toldAt = performance.now();
      postMessage({ downloaded: percent / 100 });
    }
  }
  return { bytes: received === bytes.length ? bytes : bytes.slice(0, received), crc };
}
