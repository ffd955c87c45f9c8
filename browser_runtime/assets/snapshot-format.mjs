// The checkers' Pyodide memory snapshot on the wire: only the pages of Python's 31 MB of memory that differ
// from a base (about 9 MB). The base is what the page has anyway: zeros, and the WebAssembly module's memory as
// Pyodide instantiates it (its static data, 3.4 MB that the snapshot would otherwise repeat). A checksum of
// the base pages left out makes a snapshot refuse a module whose memory is not the one it was made against.
// Expanding is a few copies; inflating a gzipped file in the worker took ~200 ms of the worker's own time, and
// hosts that compress may still gzip this file on the way.
// Layout, little-endian: "COCSNAP2", then u32s: full length, base offset, base length, base checksum, run
// count; then (u32 start, u32 length) per run, then the runs' bytes in order. Used by browser_runtime/tools/snapshot.mjs
// (pack), snapshot-restore.mjs and the tests (expand).

const MAGIC = "COCSNAP2";
const PAGE = 4096;
const HEADER = 28;

// The base as a snapshot sees it: `base` placed at `offset`, zeros elsewhere.
function baseByte(base, offset, index) {
  const at = index - offset;
  return at >= 0 && at < base.length ? base[at] : 0;
}

function samePage(full, base, offset, start, end) {
  for (let index = start; index < end; index++) if (full[index] !== baseByte(base, offset, index)) return false;
  return true;
}

// The parts of [offset, offset + length) that no run covers: the base bytes a snapshot leaves out.
function omitted(runs, offset, length) {
  const parts = [];
  let from = offset;
  for (const [start, size] of runs) {
    if (start > from) parts.push([from, Math.min(start, offset + length)]);
    from = Math.max(from, start + size);
  }
  if (from < offset + length) parts.push([from, offset + length]);
  return parts.filter(([start, end]) => end > start);
}

// FNV-1a over the base bytes of the given parts.
function checksum(base, offset, parts) {
  let hash = 0x811c9dc5;
  for (const [start, end] of parts) {
    for (let index = start - offset; index < end - offset; index++) hash = Math.imul(hash ^ base[index], 0x01000193);
  }
  return hash >>> 0;
}

// Runs of pages that differ from the base.
export function packSnapshot(full, base = new Uint8Array(0), offset = 0) {
  let baseLength = base.length;
  while (baseLength > 0 && base[baseLength - 1] === 0) baseLength--;
  base = base.subarray(0, baseLength);
  const runs = [];
  for (let start = 0; start < full.length; start += PAGE) {
    const end = Math.min(start + PAGE, full.length);
    if (samePage(full, base, offset, start, end)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += end - start;
    else runs.push([start, end - start]);
  }
  const header = HEADER + 8 * runs.length;
  const packed = new Uint8Array(header + runs.reduce((total, [, length]) => total + length, 0));
  const view = new DataView(packed.buffer);
  packed.set(new TextEncoder().encode(MAGIC));
  [full.length, offset, baseLength, checksum(base, offset, omitted(runs, offset, baseLength)), runs.length]
    .forEach((value, index) => view.setUint32(8 + 4 * index, value, true));
  let at = header;
  runs.forEach(([start, length], index) => {
    view.setUint32(HEADER + 8 * index, start, true);
    view.setUint32(HEADER + 4 + 8 * index, length, true);
    packed.set(full.subarray(start, start + length), at);
    at += length;
  });
  return packed;
}

export function readHeader(packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.length < HEADER || new TextDecoder().decode(packed.subarray(0, 8)) !== MAGIC) {
    throw new Error("not a checkers snapshot");
  }
  const [size, offset, baseLength, sum, count] = [0, 1, 2, 3, 4].map((index) => view.getUint32(8 + 4 * index, true));
  const runs = [];
  for (let index = 0; index < count; index++) {
    runs.push([view.getUint32(HEADER + 8 * index, true), view.getUint32(HEADER + 4 + 8 * index, true)]);
  }
  return { size, offset, baseLength, sum, runs, data: HEADER + 8 * count };
}

// The full length of the memory a packed snapshot expands to.
export function snapshotSize(buffer) {
  return readHeader(new Uint8Array(buffer)).size;
}

// The full snapshot, written into `into` (zeros, of the full length) if given.
export function expandSnapshot(buffer, base = new Uint8Array(0), into = null) {
  const packed = new Uint8Array(buffer);
  const { size, offset, baseLength, sum, runs, data } = readHeader(packed);
  if (runs.reduce((total, [, length]) => total + length, data) !== packed.length) {
    throw new Error("a checkers snapshot of the wrong length");
  }
  const parts = omitted(runs, offset, baseLength);
  if (base.length < baseLength || checksum(base, offset, parts) !== sum) {
    throw new Error("the checkers snapshot was made for another Pyodide: its memory does not match");
  }
  const full = into || new Uint8Array(size);
  if (full.length !== size) throw new Error(`a checkers snapshot of ${size} bytes, not ${full.length}`);
  for (const [start, end] of parts) full.set(base.subarray(start - offset, end - offset), start);
  let at = data;
  for (const [start, length] of runs) {
    full.set(packed.subarray(at, at + length), start);
    at += length;
  }
  return full;
}

// CRC-32 (the zlib one, which the build writes in the runtime's manifest), continued from `crc` over more bytes:
// a damaged download of the right length is refused before Python is restored from it.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes, crc = 0) {
  let c = ~crc >>> 0;
  for (let index = 0; index < bytes.length; index++) c = CRC_TABLE[(c ^ bytes[index]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
