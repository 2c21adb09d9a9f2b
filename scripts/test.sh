#!/usr/bin/env bash
# make test: install, validate, train, then every suite against real Redis, real Rasa and the actions.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# Tests use their own Redis database and ports, so they never touch a running `make run`.
export RAFIQ_REDIS_URL="${RAFIQ_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
export RAFIQ_RASA_PORT=5105 RAFIQ_ACTIONS_PORT=5155 RAFIQ_HTTP_PORT=8180
export RAFIQ_RASA_URL=http://127.0.0.1:5105 RAFIQ_ACTION_URL=http://127.0.0.1:5155/webhook
. scripts/env.sh
. scripts/redis.sh
. scripts/services.sh
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
start_services_for_tests() {
  mkdir -p var/log
  .venv-rasa/bin/rasa run actions --actions actions --port "$RAFIQ_ACTIONS_PORT" > var/log/test-actions.log 2>&1 &
  PIDS+=($!)
  .venv-rasa/bin/rasa run --enable-api -i 127.0.0.1 --port "$RAFIQ_RASA_PORT" --model models/current.tar.gz \
      --endpoints endpoints.yml --credentials credentials.yml > var/log/test-rasa.log 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$RAFIQ_ACTIONS_PORT/health" "action server" 120
  wait_http "http://127.0.0.1:$RAFIQ_RASA_PORT/status" "Rasa" 300
}
start_services_for_tests
.venv-bot/bin/python -m pytest tests/bot -q || { tail -30 var/log/test-actions.log; failed=1; }

echo
if [ "$failed" = 0 ]; then echo "make test: all suites passed"; else echo "make test: FAILED (see above)"; fi
exit "$failed"
