"""Starting the checkers' Python in a browser: one room of its own, which nothing but the build's entry
(build_site.py) and the tests call.

- build.py stages the runtime: the checkers' wheel, Pyodide's files, a precompiled standard library and a
  memory snapshot of Python with the checkers imported, with its manifest.
- assets/ holds what a checker page runs: checker-boot.js starts the Python worker (checker-worker.js) and the
  snapshot's fetcher (snapshot-fetcher.js); snapshot-format.mjs and snapshot-restore.mjs pack and restore the
  snapshot; script-cache-warmer.js loads Pyodide's script again so that the next visit finds it compiled.
- tools/ holds the Node scripts the build runs inside Pyodide (precompile.mjs, snapshot.mjs).
- stdlib_on_demand.py is put into the snapshot's Python: the standard library is fetched only if an import
  needs it.

A Pyodide upgrade touches this room and package-lock.json only.
"""
