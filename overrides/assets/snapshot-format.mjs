// The checkers' Pyodide memory snapshot on the wire: only the parts of Python's 31 MB of memory that are not
// zero (about 12 MB). Expanding it is a few copies; inflating a gzipped file in the worker took ~200 ms of the
// worker's own time, and hosts that compress may still gzip this file on the way.
// Layout, little-endian: "COCSNAP1", u32 full length, u32 run count, then (u32 start, u32 length) per run,
// then the runs' bytes in order. Used by tools/snapshot.mjs (pack), snapshot-fetcher.js and the tests (expand).

const MAGIC = "COCSNAP1";
const PAGE = 4096;

// Runs of pages holding any non-zero byte.
export function packSnapshot(full) {
  const runs = [];
  for (let start = 0; start < full.length; start += PAGE) {
    const end = Math.min(start + PAGE, full.length);
    if (!full.subarray(start, end).some((byte) => byte !== 0)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += end - start;
    else runs.push([start, end - start]);
  }
  const header = 16 + 8 * runs.length;
  const packed = new Uint8Array(header + runs.reduce((total, [, length]) => total + length, 0));
  const view = new DataView(packed.buffer);
  packed.set(new TextEncoder().encode(MAGIC));
  view.setUint32(8, full.length, true);
  view.setUint32(12, runs.length, true);
  let offset = header;
  runs.forEach(([start, length], index) => {
    view.setUint32(16 + 8 * index, start, true);
    view.setUint32(20 + 8 * index, length, true);
    packed.set(full.subarray(start, start + length), offset);
    offset += length;
  });
  return packed;
}

export function expandSnapshot(buffer) {
  const packed = new Uint8Array(buffer);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (new TextDecoder().decode(packed.subarray(0, 8)) !== MAGIC) throw new Error("not a checkers snapshot");
  const full = new Uint8Array(view.getUint32(8, true));
  const count = view.getUint32(12, true);
  let offset = 16 + 8 * count;
  for (let index = 0; index < count; index++) {
    const start = view.getUint32(16 + 8 * index, true);
    const length = view.getUint32(20 + 8 * index, true);
    full.set(packed.subarray(offset, offset + length), start);
    offset += length;
  }
  if (offset !== packed.length) throw new Error("a checkers snapshot of the wrong length");
  return full;
}
