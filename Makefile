# wacana — each target is one stage; `make help` lists them. Raw inputs (data/sample, ../shared) are never
# modified; stage outputs go to build/.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
WACANA := $(VENV)/bin/wacana
SHARED ?= ../shared
SAMPLE := data/sample/articles
BUILD := build

.PHONY: help install train ingest segment roles test eval-seeds eval-detik eval-pfsa bench-segment clean
.PHONY: bench-dask
.PHONY: dataset baseline report
.PHONY: labelstudio labelstudio-stop bench-push

help: ## List the stages
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed ## Create .venv and install wacana with its test tools

# issue 4: the PFSA-ID sample articles join the seed articles in one Parquet when they are present
SAMPLE_PFSA := $(wildcard data/sample/pfsa-id/articles.jsonl)

$(BUILD)/articles.parquet: $(VENV)/.installed $(wildcard $(SAMPLE)/*) $(SAMPLE_PFSA)
	$(WACANA) ingest $(SAMPLE) $(SAMPLE_PFSA) -o $@

ingest: $(BUILD)/articles.parquet ## Clean the shipped sample into build/articles.parquet

$(BUILD)/statements.jsonl: $(BUILD)/articles.parquet corpus/data/roles.yaml
	$(WACANA) segment $< -o $@

segment: $(BUILD)/statements.jsonl ## Extract speaker-attributed statements into build/statements.jsonl

$(BUILD)/statements.roles.jsonl: $(BUILD)/statements.jsonl
	$(WACANA) roles $< -o $@

roles: $(BUILD)/statements.roles.jsonl ## Optional: role_category of speakers named without a title, from the corpus

# --- issue 4: dataset → baseline model → report (models/) ---
LABELS := data/sample/labels
ADJUDICATIONS := $(wildcard $(LABELS)/adjudications.jsonl)
PROVENANCE := $(wildcard $(LABELS)/README.md data/sample/pfsa-id/README.md)
STUDY := kebijakan-publik.v1
SPLIT_SEED := 13
DATASET := $(BUILD)/dataset
MODEL := models/baseline

$(DATASET)/README.md: $(BUILD)/statements.jsonl $(BUILD)/articles.parquet $(LABELS)/annotations.jsonl $(ADJUDICATIONS) $(PROVENANCE) models/dataset.py
	$(WACANA) dataset $< --articles $(BUILD)/articles.parquet --labels $(LABELS)/annotations.jsonl \
		$(if $(ADJUDICATIONS),--adjudications $(ADJUDICATIONS)) $(foreach p,$(PROVENANCE),--provenance $(p)) \
		--study $(STUDY) --seed $(SPLIT_SEED) --license cc-by-nc-sa-4.0 -o $(DATASET)

dataset: $(DATASET)/README.md ## Labelled statements → Hugging Face dataset folder build/dataset

$(MODEL)/metrics.json: $(DATASET)/README.md models/train.py models/tasks.py models/lexicon.yaml models/templates/model_card.md
	$(WACANA) train --data $(DATASET) --name $(notdir $(MODEL)) --out-dir $(dir $(MODEL))

baseline: $(MODEL)/metrics.json ## Train the baseline classifier into models/baseline

report: $(MODEL)/metrics.json ## Print where the model, metrics and plots are, and the test scores
	@cat $(MODEL)/report.txt

train: report ## The main job on the shipped sample: ingest → segment → dataset → baseline → report

test: $(VENV)/.installed ## Run the test suite (installs what it needs first)
	$(VENV)/bin/pytest -q

eval-seeds: $(VENV)/.installed ## Score the extractor on the seed gold (needs ../shared)
	$(WACANA) segment $(SHARED)/seeds -o $(BUILD)/eval/seeds.jsonl --articles $(BUILD)/eval/seeds.parquet
	$(WACANA) evaluate $(SHARED)/examples/seed_statements.jsonl $(BUILD)/eval/seeds.jsonl --articles $(BUILD)/eval/seeds.parquet -o $(BUILD)/eval/seeds-report.json

eval-detik: $(VENV)/.installed ## Score on the project's Detik gold set (needs ../shared)
	$(WACANA) segment $(SHARED)/data/detik/articles.jsonl -o $(BUILD)/eval/detik.jsonl --articles $(BUILD)/eval/detik.parquet
	$(WACANA) evaluate data/gold/detik-gold-v1.jsonl $(BUILD)/eval/detik.jsonl --articles $(BUILD)/eval/detik.parquet --source $(SHARED)/data/detik/articles.jsonl -o $(BUILD)/eval/detik-report.json
	@# the held-out sets: each was measured blind once, then used for development (data/gold/README.md);
	@# their first-run numbers are the unbiased ones; v15 and v16 have not been developed on
	for g in detik-heldout-v1 detik-heldout-v2 detik-heldout-v3 detik-heldout-v4 detik-heldout-v5 detik-heldout-v6 detik-heldout-v7 detik-heldout-v8 detik-heldout-v9 detik-heldout-v10 detik-heldout-v11 detik-heldout-v12 detik-heldout-v13 detik-heldout-v14 detik-heldout-v15 detik-heldout-v16 detik-heldout-v17 detik-heldout-v18; do $(WACANA) evaluate data/gold/$$g.jsonl $(BUILD)/eval/detik.jsonl --articles $(BUILD)/eval/detik.parquet --source $(SHARED)/data/detik/articles.jsonl -o $(BUILD)/eval/$$g-report.json || exit 1; done

eval-pfsa: $(VENV)/.installed ## Score direct quotes and speakers on PFSA-ID dev (needs ../shared)
	$(WACANA) pfsa-articles $(SHARED)/data/pfsa-id/dev-40.txt -o $(BUILD)/eval/pfsa-articles.jsonl
	$(WACANA) segment $(BUILD)/eval/pfsa-articles.jsonl -o $(BUILD)/eval/pfsa.jsonl --articles $(BUILD)/eval/pfsa.parquet
	$(WACANA) evaluate $(SHARED)/data/pfsa-id/dev-40.txt $(BUILD)/eval/pfsa.jsonl --articles $(BUILD)/eval/pfsa.parquet -o $(BUILD)/eval/pfsa-report.json

bench-segment: $(VENV)/.installed ## Speed and memory benchmark of segmentation (needs ../shared)
	$(PY) scripts/bench_segment.py

# --- scaling out (issue 5) ---
bench-dask: $(VENV)/.installed ## 1 process vs Dask 1 and 2 workers on 200k replicated articles (needs ../shared; ~1 h)
	$(PY) scripts/bench_dask.py $(BENCH_DASK_ARGS)

clean: ## Remove build outputs (not the venv)
	rm -rf $(BUILD)

# --- label schema and codebook (issue 3, part B) ---
.PHONY: codebook
codebook: $(VENV)/.installed ## Regenerate docs/codebook-<study>.md from annotate/studies/*.yaml
	for s in $$(ls annotate/studies/*.yaml | xargs -n1 basename | sed 's/\.yaml$$//'); do \
		$(WACANA) codebook $$s -o docs/codebook-$$s.md; done

# --- Label Studio (issue 3): its own venv (.venv-ls), data in .labelstudio/, login and token in .env ---
LS_PORT ?= 8080

labelstudio: ## Install (first time) and start Label Studio on 127.0.0.1:$(LS_PORT); prints URL and login
	$(PYTHON) -m annotate.server start --port $(LS_PORT)

labelstudio-stop: ## Stop the Label Studio server started by `make labelstudio`
	$(PYTHON) -m annotate.server stop

bench-push: $(VENV)/.installed ## Push benchmark: 10,000 statements with predictions vs one raw SDK import
	$(PY) scripts/bench_push.py
