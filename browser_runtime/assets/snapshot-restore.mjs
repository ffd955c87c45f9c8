// Restoring the checkers' memory snapshot while Pyodide starts, instead of after: Pyodide is given the memory
// to restore up front (zeros, of the snapshot's size), so it compiles and instantiates its WebAssembly module
// while the snapshot downloads, and waits in its public `fsInit` hook, where that memory is filled in from the
// snapshot and from the module's own memory as instantiated (snapshot-format.mjs). Used by checker-worker.js
// and tests/pyodide_harness.mjs; browser_runtime/tools/snapshot.mjs takes the base the same way.
// `_loadSnapshot` is a private Pyodide option: if anything here fails, the memory's header stays zero, Pyodide
// refuses it ("invalid magic number"), and the caller starts Python the usual way.
// Pyodide 314.0.7 copies a snapshot into its initial heap (30 MiB) without growing it first (Pyodide issue 6254: a
// larger one fails with "offset is out of bounds"): the heap is grown here, in `fsInit`, before the copy, through the
// module's own resize function, which also renews the views Pyodide copies through.
import { expandSnapshot, readHeader } from "./snapshot-format.mjs";

// The first WebAssembly memory instantiated from now on (Pyodide's module exports its memory).
export function watchInstantiation() {
  const original = { instantiate: WebAssembly.instantiate, instantiateStreaming: WebAssembly.instantiateStreaming };
  let memory = null;
  let imports = null;
  let initial = 0;
  const stop = () => Object.assign(WebAssembly, original);
  const keep = (result, given) => {
    const instance = result.instance || result;
    if (!memory && instance.exports && instance.exports.memory instanceof WebAssembly.Memory) {
      memory = instance.exports.memory;
      imports = given;
      initial = memory.buffer.byteLength;
      stop();
    }
    return result;
  };
  WebAssembly.instantiate = async (...args) => keep(await original.instantiate.apply(WebAssembly, args), args[1]);
  if (original.instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (...args) =>
      keep(await original.instantiateStreaming.apply(WebAssembly, args), args[1]);
  }
  return {
    stop,
    memory() {
      if (!memory) throw new Error("Pyodide's WebAssembly memory was not seen");
      return memory;
    },
    // The heap's size when instantiated, before anything grew it.
    initialBytes: () => initial,
    // Grow the heap to at least `bytes`, as the module itself would: the memory and the views onto it.
    growTo(bytes) {
      if (!memory || memory.buffer.byteLength >= bytes) return;
      const resize = imports && imports.env && imports.env.emscripten_resize_heap;
      if (typeof resize !== "function" || !resize(bytes)) {
        throw new Error(`Pyodide's heap could not grow to the snapshot's ${bytes} bytes`);
      }
    },
  };
}

// The memory a full snapshot holds, after Pyodide's header (whose second word says where the memory starts).
export function snapshotMemoryBytes(full) {
  return full.length - new DataView(full.buffer, full.byteOffset).getUint32(4, true);
}

// loadPyodide() options that restore a packed snapshot of `size` bytes (a promise of its bytes); `failure()`
// says why it was not restored, if it was not.
export function snapshotOptions(size, packed) {
  const memory = new Uint8Array(size);
  const instantiation = watchInstantiation();
  let failure = null;
  return {
    options: {
      _loadSnapshot: memory,
      fsInit: async () => {
        try {
          const bytes = await packed;
          // Grown before it is read: growing replaces the memory's buffer, keeping what it held.
          instantiation.growTo(size - readHeader(new Uint8Array(bytes)).offset);
          expandSnapshot(bytes, new Uint8Array(instantiation.memory().buffer), memory);
        } catch (error) {
          failure = error;
          memory.fill(0, 0, 64);
        } finally {
          instantiation.stop();
        }
      },
    },
    failure: () => failure,
    stop: instantiation.stop,
  };
}
