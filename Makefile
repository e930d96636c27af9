# stspd : les deux commandes du README, et ce qu'elles préparent.
#   make demo  -> vérifie strategies/ et produit la feuille de route dans build/ (html, pdf, docx, odt)
#   make test  -> ruff, mypy --strict et pytest
# Chacune crée l'environnement virtuel (.venv) et installe les dépendances épinglées
# (requirements/constraints.txt) si besoin.
# The venv is made by Python (with pip: the tests build a wheel with it), then filled by uv, which
# pip installs first: uv fetches and unpacks the ninety packages in parallel and compiles none
# of them ahead (each module is compiled at its first import, by make test's unit target). On
# this 2-core machine, with empty download caches: see docs/performance.md, « Mise en place ».
# uv trusts the system's certificates (--system-certs, as pip does through its configuration:
# a registry behind a proxy with its own authority); where uv still fails (an index only pip's
# configuration names), pip installs the same pins.

# The interpreter of the venv: the distribution's Python when it is fit, built with PGO and
# LTO, otherwise python3 (scripts/choose-python.sh). The venv remembers which one made it
# ($(VENV)/.python) and is made again when another one is chosen (make PYTHON=...).
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell bash scripts/choose-python.sh)
endif
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MADE_BY := $(VENV)/.python
DEPENDENCIES := -c requirements/constraints.txt -e ".[dev,pdf,convertir]"

ifneq ($(shell cat $(MADE_BY) 2>/dev/null),$(PYTHON))
$(STAMP): FORCE
endif

.PHONY: FORCE demo test lint typecheck unit schema docs clean sysdeps office-models wheel check-install editor-check

$(STAMP): pyproject.toml requirements/constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "stspd demande Python 3.11 ou plus récent")'
	$(PYTHON) -m venv --clear $(VENV)
	@echo '$(PYTHON)' > $(MADE_BY)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -c requirements/constraints.txt uv
	$(BIN)/uv pip install --quiet --system-certs --python $(BIN)/python $(DEPENDENCIES) \
	  || { echo "stspd : uv n'a pas pu installer les dépendances ; pip prend le relais" >&2; \
	       $(BIN)/python -m pip install --quiet --disable-pip-version-check $(DEPENDENCIES); }
	@touch $(STAMP)

demo: $(STAMP) sysdeps
	$(BIN)/stspd validate strategies/
	$(BIN)/stspd render strategies/ -o build/ --format html
	$(BIN)/stspd render strategies/ -o build/ --format pdf
	$(BIN)/stspd render strategies/ -o build/ --format docx
	$(BIN)/stspd render strategies/ -o build/ --format odt

# The three at once: mypy alone kept one core busy for seconds (6.6 s in a fresh clone) while
# the other waited; together, pytest's workers take the rest. Each line of output is whole.
test: $(STAMP) sysdeps
	@$(MAKE) --no-print-directory -j 3 --output-sync=line PYTHON=$(PYTHON) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/stspd fmt --check strategies/ examples/

typecheck: $(STAMP)
	$(BIN)/mypy

# On every core (pytest-xdist): tests that share a file, a cache, HOME or a LibreOffice profile
# each get their own (tests/conftest.py); worksteal keeps both cores busy to the end. Bytecode
# is written even where the environment says not to (PYTHONDONTWRITEBYTECODE, set in some
# containers): pytest then rewrites the asserts of each test module once, not in each process
# at each run, and the stspd processes the tests start compile stspd once.
unit: $(STAMP) sysdeps
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -n auto --dist worksteal

# Chromium, poppler-utils, fonts and Pango for `stspd render` and its tests (Debian packages).
sysdeps:
	bash scripts/install-system-deps.sh

# The wheel to install elsewhere (pip, pipx or uv, README « Installer stspd »): dist/.
wheel: $(STAMP)
	rm -rf dist
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation -w dist .
	@ls dist/*.whl

# The README's install line and stspd init's pre-commit set-up, in a fresh folder outside this
# repository (downloads the dependencies from PyPI): scripts/check-install.sh.
check-install: wheel
	bash scripts/check-install.sh

# What editors show from the JSON Schema, asked to the real yaml-language-server (installed with
# npm into build/editor-check/ when absent): scripts/editor_check.py.
editor-check: $(STAMP)
	$(BIN)/python scripts/editor_check.py

# Regenerate the committed artefacts that tests compare against (the JSON Schema, and the model
# compiled for the validation without pydantic: stspd_cli/model/compile.py).
schema: $(STAMP)
	$(BIN)/stspd schema > schema/stspd-1.schema.json
	$(BIN)/python -c "import sys; from stspd_cli.model.compile import compiled_text; sys.stdout.write(compiled_text())" > stspd_cli/data/modele-compile.json

docs: $(STAMP)
	$(BIN)/stspd regles --format md > docs/regles.md
	$(BIN)/python -c "from stspd_cli.modeldoc import model_markdown; print(model_markdown())" > docs/modele.md

# Regenerate the default reference documents of the docx and odt formats (committed).
office-models: $(STAMP)
	$(BIN)/python scripts/make_office_models.py

FORCE:

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache .hypothesis
