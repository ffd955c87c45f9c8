# The two commands: `make serve` and `make test`. Each installs whatever is missing first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# What the checkers read (checkers/content.py), made from the codes' files by the build's reader.
CHECKERS_DATA := checkers/codes.json

.PHONY: setup site serve test test-fast bench clean new-version

setup: $(PY_STAMP) $(NODE_STAMP) $(CHECKERS_DATA)

$(PY_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create .venv: install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --group dev
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20 or newer with npm is needed"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CHECKERS_DATA): $(PY_STAMP) $(wildcard docs/codes/*/*.md docs/law/*.yml sitebuild/*.py checkers/*.py)
	$(PY) build_site.py --checkers-data $@

# ENGINE=zensical builds with Zensical instead of MkDocs (docs/maintainers/zensical.md). ENGINE and PORT reach
# Python as data, as CODE and VERSION do (below): nothing typed in them is run, by make or by the shell.
unexport ENGINE PORT
site: export BUILD_ENGINE := $(value ENGINE)
site: setup
	$(PY) build_site.py $(if $(value ENGINE),--engine "$$BUILD_ENGINE")

# PORT=8080 serves at another port.
serve: export SERVE_PORT := $(value PORT)
serve: site
	$(PY) -m sitebuild.serve $(if $(value PORT),--port "$$SERVE_PORT")

# The site is built once, for every test that needs it; the tests then run in three processes, a test file in one
# process (Firefox and WebKit, tests/test_every_engine.py, in one while Chromium's run in the others). Most of a
# browser test's time is spent waiting on the browser: with two processes the two cores were busy under half the
# time (6 December 2026: 12 min with two, 10 min with three).
TEST_SITE := .cache/test-site
test: setup
	$(PY) -m ruff check .
	@rm -rf $(TEST_SITE); $(PY) build_site.py --site-dir $(TEST_SITE) >/dev/null \
	  || echo "The site did not build: the tests that need it build it again and say why."
	TEST_SITE=$(TEST_SITE) $(PY) -m pytest -n 3 --dist loadfile

# A new version of a code, copied from its newest: make new-version CODE=nec-candidates VERSION=2027
# CODE and VERSION reach Python as data: $(value ...) stops make expanding them (and unexport stops it expanding them
# to put them in the environment), and the shell reads them from the environment, where nothing in them is run.
unexport CODE VERSION
new-version: export NEW_CODE := $(value CODE)
new-version: export NEW_VERSION := $(value VERSION)
new-version: $(PY_STAMP)
	@test -n "$$NEW_CODE" -a -n "$$NEW_VERSION" || { echo "Say which: make new-version CODE=<code-id> VERSION=<new version id>"; exit 2; }
	@$(PY) -m sitebuild.new_version --docs docs --code "$$NEW_CODE" --version "$$NEW_VERSION"

bench: site
	$(PY) bench/build_scale.py
	$(PY) bench/preview_rebuild.py
	$(PY) bench/checkers_native.py
	$(PY) bench/pyodide_startup.py
	$(PY) bench/warm_visit_trace.py
	$(PY) bench/lighthouse.py
	$(PY) bench/markdown_inputs.py

clean:
	rm -rf site .cache .pytest_cache .ruff_cache .hypothesis $(CHECKERS_DATA)
