# Rafiq. `make help` lists the targets; CI calls `make test` through .ci/run.
.DEFAULT_GOAL := help
SHELL := /bin/bash

.PHONY: help install train run test bench validate clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: ## make both Python environments (Rasa 3.6 on 3.10, gateway on 3.11)
	@scripts/install.sh

train: install ## train the Rasa model if its inputs changed (cached by hash)
	@scripts/train.sh

run: ## start Redis (if needed), Rasa, the action server and the gateway with the web chat
	@scripts/run.sh

test: ## install, train, and run every suite (needs nothing running beforehand)
	@scripts/test.sh

bench: install ## print training time, model size, memory, parse latency and language-ID figures
	@scripts/bench.sh

validate: install ## rasa data validate
	@. scripts/env.sh && .venv-rasa/bin/rasa data validate --config config.yml --domain domain.yml --data nlu stories --fail-on-warnings

clean: ## remove trained models and run-time files (not the environments)
	rm -rf models var reports .rasa
