#!/usr/bin/env bash
# make test: install, validate, train, then every suite against real Redis, real Rasa and the actions.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
. scripts/services.sh
# Tests use their own Redis database and ports, so they never touch a running `make run`.
isolated_ports 5105 5155 8180
. scripts/env.sh
. scripts/redis.sh
failed=0
mkdir -p var reports
step() { echo; echo "=== $*"; }
trap 'stop_services; stop_redis' EXIT

step "unit tests (gateway environment): locales, facts"
.venv-bot/bin/python -m pytest tests/unit -q || failed=1

step "rasa data validate"
.venv-rasa/bin/rasa data validate --config config.yml --domain domain.yml --data nlu stories --fail-on-warnings > var/validate.log 2>&1 \
  && echo "rasa data validate: clean" || { cat var/validate.log | grep -v "Warning\|declare_namespace\|^ *$" | tail -30; failed=1; }

step "train (cached by input hash)"
scripts/train.sh

step "language ID, actions and NLU quality gate (Rasa environment)"
.venv-rasa/bin/python -m pytest -c tests/rasa/pytest.ini tests/rasa -q -s || failed=1

step "conversation tests (rasa test core on tests/stories)"
mkdir -p reports/stories
.venv-rasa/bin/rasa test core --model models/current.tar.gz --stories tests/stories --out reports/stories \
    --fail-on-prediction-errors > var/stories.log 2>&1 \
  && echo "conversation tests: all stories passed ($(grep -c '^- story' tests/stories/test_stories.yml) stories)" \
  || { grep -v "Warning\|declare_namespace\|^ *$" var/stories.log | tail -20; cat reports/stories/failed_test_stories.yml 2>/dev/null | head -40; failed=1; }

step "gateway tests against real Rasa, actions and Redis"
ensure_redis
.venv-bot/bin/python -c "import redis; redis.Redis.from_url('$RAFIQ_REDIS_URL').flushdb()"
start_rasa models/current.tar.gz test-
.venv-bot/bin/python -m pytest tests/bot -q || { tail -30 var/log/test-actions.log; failed=1; }

echo
if [ "$failed" = 0 ]; then echo "make test: all suites passed"; else echo "make test: FAILED (see above)"; fi
exit "$failed"
