# Two commands for everyone: `make build` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DEPS := $(VENV)/.installed-site
TEST_DEPS := $(VENV)/.installed-test
NODE_DEPS := node_modules/.package-lock.json

.DEFAULT_GOAL := help
.PHONY: help build serve images check hooks new-page test links lint format lock clean check-zensical bench-images bench-links bench-pages screenshots

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { echo "error: could not create $(VENV). On Debian or Ubuntu run: sudo apt install python3-venv" >&2; exit 1; }
	@$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "hinge-course.pth").write_text("$(CURDIR)/scripts\n")'

# Reinstall only when a lock file changes.
$(SITE_DEPS): requirements/site.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.txt
	@touch $@

$(TEST_DEPS): requirements/site.txt requirements/test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.txt -r requirements/test.txt
	@touch $@ $(SITE_DEPS)

# Lighthouse, for the page budget test and bench-pages (package.json, package-lock.json).
$(NODE_DEPS): package-lock.json
	@command -v npm >/dev/null || { echo "error: the tests need Node.js and npm for Lighthouse. On Debian or Ubuntu run: sudo apt install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build: $(SITE_DEPS) ## Set everything up and build the site into site/
	$(BIN)/python -m hinge build

serve: images ## Live preview at http://127.0.0.1:8000/hinge-course/ (the address is printed; re-makes images, re-checks pages on save)
	$(BIN)/mkdocs serve --no-strict

check: $(SITE_DEPS) ## Check the pages: front matter, headings, images, links, nav, ladder, glossary, testimonials, spelling
	$(BIN)/python -m hinge check

hooks: $(TEST_DEPS) ## Run the checks on every git commit (installs pre-commit's git hook)
	$(BIN)/pre-commit install

# TITLE, KIND and SECTION reach new_page.py as typed, in its environment: neither make nor a
# shell expands them, so quotes, $ and backticks in a title stay text.
new-page: override export TITLE := $(value TITLE)
new-page: override export KIND := $(value KIND)
new-page: override export SECTION := $(value SECTION)
new-page: $(SITE_DEPS) ## Start a page: make new-page TITLE="Hip thrust" KIND=step|article [SECTION="About"]
	$(BIN)/python -m hinge new-page

images: $(SITE_DEPS) ## Make the site's responsive images from images/ (incremental)
	$(BIN)/python -m hinge images

test: $(TEST_DEPS) $(NODE_DEPS) ## Run the whole test suite
	$(BIN)/python -m pytest

lint: $(TEST_DEPS) ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_DEPS) ## Fix code style with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: $(TEST_DEPS) ## Re-pin every dependency after editing requirements/*.in
	$(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --no-header --quiet requirements/site.in -o requirements/site.txt
	$(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --no-header --quiet requirements/test.in -o requirements/test.txt
	$(BIN)/uv pip compile --universal --python-version 3.11 --generate-hashes --no-header --quiet requirements/zensical.in -o requirements/zensical.txt

screenshots: $(TEST_DEPS) build ## Screenshots of home and a step page, phone and desktop, light and dark, into screenshots/
	$(BIN)/python tests/screenshots.py --out screenshots

links: build ## Check every link of the built site (ARGS=--external also checks the web)
	$(BIN)/python -m hinge links $(ARGS)

# Zensical (Material's successor) lives in its own venv: `make check-zensical` compares builds.
ZENSICAL_VENV := .venv-zensical
ZENSICAL_DEPS := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_VENV)/bin/python:
	@$(PYTHON) -m venv $(ZENSICAL_VENV) || { echo "error: could not create $(ZENSICAL_VENV). On Debian or Ubuntu run: sudo apt install python3-venv" >&2; exit 1; }
	@$(ZENSICAL_VENV)/bin/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "hinge-course.pth").write_text("$(CURDIR)/scripts\n")'

$(ZENSICAL_DEPS): requirements/zensical.txt | $(ZENSICAL_VENV)/bin/python
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/zensical.txt
	@touch $@

check-zensical: images $(ZENSICAL_DEPS) ## Build with Zensical too; list what readers would see differently
	$(BIN)/python -m hinge zensical $(ARGS)

bench-images: $(TEST_DEPS) ## Benchmark the image pipeline against sharp (needs npm)
	cd bench/images && npm ci --no-audit --no-fund
	$(BIN)/python bench/images/run.py
	$(BIN)/python bench/motion/run.py

bench-links: $(SITE_DEPS) ## Benchmark the link checker against lychee, html-proofer, LinkChecker, linkinator
	$(BIN)/python bench/links/run.py

bench-pages: $(TEST_DEPS) $(NODE_DEPS) build ## Lighthouse on our pages vs Material's defaults and Starlight (needs npm)
	cd bench/pages && npm ci --no-audit --no-fund
	$(BIN)/python bench/pages/run.py

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .ruff_cache
