# The README's two commands: `make demo` and `make test`. Each sets up .venv when needed.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: demo test setup

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/monitor demo

test: $(VENV)/.installed
	$(PY) -m pytest -q
