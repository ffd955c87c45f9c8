// Restoring the checkers' memory snapshot while Pyodide starts, instead of after: Pyodide is given the memory
// to restore up front (zeros, of the snapshot's size), so it compiles and instantiates its WebAssembly module
// while the snapshot downloads, and waits in its public `fsInit` hook, where that memory is filled in from the
// snapshot and from the module's own memory as instantiated (snapshot-format.mjs). Used by checker-worker.js
// and tests/pyodide_harness.mjs; browser_runtime/tools/snapshot.mjs takes the base the same way.
// `_loadSnapshot` is a private Pyodide option: if anything here fails, the memory's header stays zero, Pyodide
// refuses it ("invalid magic number"), and the caller starts Python the usual way.
import { expandSnapshot } from "./snapshot-format.mjs";

// The first WebAssembly memory instantiated from now on (Pyodide's module exports its memory).
export function watchInstantiation() {
  const original = { instantiate: WebAssembly.instantiate, instantiateStreaming: WebAssembly.instantiateStreaming };
  let memory = null;
  const stop = () => Object.assign(WebAssembly, original);
  const keep = (result) => {
    const instance = result.instance || result;
    if (!memory && instance.exports && instance.exports.memory instanceof WebAssembly.Memory) {
      memory = instance.exports.memory;
      stop();
    }
    return result;
  };
  WebAssembly.instantiate = async (...args) => keep(await original.instantiate.apply(WebAssembly, args));
  if (original.instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (...args) => keep(await original.instantiateStreaming.apply(WebAssembly, args));
  }
  return {
    stop,
    memory() {
      if (!memory) throw new Error("Pyodide's WebAssembly memory was not seen");
      return memory;
    },
  };
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
          expandSnapshot(await packed, new Uint8Array(instantiation.memory().buffer), memory);
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
