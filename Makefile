# One venv, made from pyproject.toml; every target below builds on it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE := .demo-store
SEED := tests/fixtures/corpus/seed-2022-11-bucharest.txt
SHARED ?= ../shared

.PHONY: install demo test score clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Ingest the bundled seed letter into a fresh embedded store and answer the two questions.
demo: $(STAMP)
	rm -rf $(DEMO_STORE)
	$(BIN)/natokg --store $(DEMO_STORE) ingest $(SEED)
	@echo
	@echo "Which partners attended session 4?"
	$(BIN)/natokg --store $(DEMO_STORE) query session-participants --param session=4 --param role=partner
	@echo
	@echo "Which countries took part as invitees?"
	$(BIN)/natokg --store $(DEMO_STORE) query meeting-participants --param role=invitee

test: $(STAMP)
	$(BIN)/pytest -q

# The shared gold score over a corpus folder (default: the shared corpus).
score: $(STAMP)
	NATOKG=$(BIN)/natokg $(PYTHON) $(SHARED)/tools/score.py

clean:
	rm -rf $(VENV) $(DEMO_STORE) .pytest_cache
