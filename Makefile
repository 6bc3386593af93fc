# One venv, made from pyproject.toml; every target below builds on it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_STORE := .demo-store
SEED := tests/fixtures/corpus/seed-2022-11-bucharest.txt
SHARED ?= ../shared

.PHONY: install demo test score bench bench-full fuzz docs compare-facts clean

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

# The fuzz tests with many more examples than the suite runs (tests/test_fuzz.py): minutes, not
# seconds. More still: `make fuzz FUZZ_EXAMPLES=20000`.
FUZZ_EXAMPLES ?= 1500
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz NATOKG_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/test_fuzz.py

# Corpus scale (bench/README.md): generated letters ingested, queried and exported; one table.
# Extra options go in BENCH_ARGS, e.g. `make bench BENCH_ARGS="--jobs 1"`.
bench: $(STAMP)
	$(BIN)/python bench/run.py --letters 1000 $(BENCH_ARGS)

bench-full: $(STAMP)
	$(BIN)/python bench/run.py --letters 10000 $(BENCH_ARGS)

# Every fact an extraction change changes, against another commit (default: the last one): the
# corpus, the real letters in ../shared, every test fixture and N generated letters.
# `make compare-facts REF=a2d237d N=3000`
REF ?= HEAD
N ?= 3000
compare-facts: $(STAMP)
	$(BIN)/python -m kg.tools.compare_facts $(REF) --generated $(N)

# The generated docs: docs/queries.md (from the queries' `#+` headers, with answers on the seed
# letter), docs/ontology.html (pyLODE) and docs/ontology.svg (Graphviz). tests/test_docs.py
# fails when the first two are not current.
docs: $(STAMP)
	$(BIN)/python -m kg.tools.make_docs

clean:
	rm -rf $(VENV) $(DEMO_STORE) .pytest_cache
