# Two commands matter: `make run` (install, bring the index up to date, start the app)
# and `make test` (install, then every check and test). Both work on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export DO_NOT_TRACK := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install index run test test-fast lint browser eval clean

install: $(STAMP)

# torch first, pinned: it is the CPU build; letting a dependency pick it pulls CUDA.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A build that finds the index up to date takes a second; one that fails leaves the last
# build serving, so the app still starts on it (the error above says what to fix).
index: install
	@$(BIN)/python -m rag build || { test -f "$${RAG_INDEX_DIR:-.index}/CURRENT" && \
		echo "make: serving the last index build; fix the error above, then run make run again"; }

run: index
	$(BIN)/python -m ui

browser:
	@bash scripts/install-browser.sh

lint: install
	$(BIN)/ruff check rag ui vectorstore evaluation benchmarks tests
	$(BIN)/lint-imports

test: install browser lint
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

eval: index
	$(BIN)/python -m rag eval eval/dev_questions.jsonl

clean:
	rm -rf .index artifacts
