# Two commands for everyone: `make build` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_DEPS := $(VENV)/.installed-site
TEST_DEPS := $(VENV)/.installed-test

.DEFAULT_GOAL := help
.PHONY: help build serve images test links lint format lock clean bench-images bench-links

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

build: images ## Set everything up and build the site into site/
	$(BIN)/python scripts/testimonials.py
	$(BIN)/mkdocs build --strict

serve: images ## Live preview at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve

images: $(SITE_DEPS) ## Make the site's responsive images from images/ (incremental)
	$(BIN)/python scripts/process_images.py

test: $(TEST_DEPS) ## Run the whole test suite
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

links: build ## Check every link of the built site (ARGS=--external also checks the web)
	$(BIN)/python scripts/check_links.py $(ARGS)

bench-images: $(TEST_DEPS) ## Benchmark the image pipeline against sharp (needs npm)
	cd bench/images && npm ci --no-audit --no-fund
	$(BIN)/python bench/images/run.py

bench-links: $(SITE_DEPS) ## Benchmark the link checker against lychee, html-proofer, LinkChecker, linkinator
	$(BIN)/python bench/links/run.py

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache .ruff_cache
