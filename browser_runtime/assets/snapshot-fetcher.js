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

// A weak mobile signal drops a download now and then, mid-way or before it starts: one that fails on the way (the
// network, or the host answering that it cannot for now) is asked for again, a little later each time, before Python
// starts the usual way without it, which downloads more. One the host does not have (404) is not asked for again.
const TRIES = 3;
const RETRY_AFTER_MS = 1000;

async function download(url, size, cache = "default") {
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    try {
      const response = await fetch(url, { cache });
      status = response.status;
      if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
      return await read(response, size);
    } catch (error) {
      // No answer (0), or an answer cut short while it arrived (200): the network; 408, 429 and 5xx: the host, for now.
      const passing = status < 400 || status === 408 || status === 429 || status >= 500;
      if (attempt === TRIES || !passing) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS * attempt));
    }
  }
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
