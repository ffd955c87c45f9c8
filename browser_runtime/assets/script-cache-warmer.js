// Loads Pyodide's script once more, in a worker of its own, so that the browser keeps its compiled code for the
// reader's next visit. Chromium stores a script's compiled code only at its second load and uses it from the
// third: without this, a second visit would compile Pyodide's 1.2 MB of JavaScript again (0.13 s, a sixth of
// that visit, on a two-core machine: bench/README.md). checker-worker.js starts this worker once, after its
// first answers, and only when Pyodide's script came over the network. It runs no Python and downloads nothing
// new: the script comes from the browser's cache, and the WebAssembly module is never asked for.

// Chromium 156 kept the code when this worker was ended at once; staying a little costs nothing (it is idle).
const LINGER_MS = 2_000;

onmessage = async ({ data: { url } }) => {
  try {
    const { default: createPyodideModule } = await import(url);
    // The module's factory is most of the script, and is compiled only when called. It stops where it would
    // instantiate the WebAssembly module: instantiateWasm (Emscripten's hook) never answers.
    createPyodideModule({
      instantiateWasm: () => {
        self.factoryCompiled = true; // read by the tests
        return {};
      },
      noInitialRun: true,
      preRun: [],
      API: { config: {}, runtimeEnv: {} },
      print: () => {},
      printErr: () => {},
    }).catch(() => {});
  } catch {
    // Only a head start for the next visit: if anything here fails, that visit compiles the script as usual.
  }
  setTimeout(close, LINGER_MS);
};
