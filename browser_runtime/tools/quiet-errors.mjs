// Imported first by the Node scripts that run Pyodide. On an error, Node quotes the line of source it came from:
// for Pyodide's minified files that is a megabyte, and through a pipe the message itself can then be lost. Print
// the message alone (a Python traceback, for Python errors) and exit with failure.
process.on("uncaughtException", (error) => {
  console.error(error?.message ?? error);
  process.exitCode = 1;
});
