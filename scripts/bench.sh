#!/usr/bin/env bash
# make bench: training time, model size, peak memory of Rasa and the action server, /model/parse
# p50/p99, and the language-ID figures. Not part of make test. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export RAFIQ_REDIS_URL="${RAFIQ_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
export RAFIQ_RASA_PORT=5205 RAFIQ_ACTIONS_PORT=5255 RAFIQ_HTTP_PORT=8280
export RAFIQ_RASA_URL=http://127.0.0.1:5205 RAFIQ_ACTION_URL=http://127.0.0.1:5255/webhook
. scripts/env.sh
. scripts/redis.sh
. scripts/services.sh
trap 'stop_services; stop_redis' EXIT
mkdir -p reports var/log

echo "=== full training from scratch (2 cores)"
rm -rf var/bench-model && mkdir -p var/bench-model
.venv-bot/bin/python - <<'PY'
import resource, subprocess, time
start = time.perf_counter()
subprocess.run([".venv-rasa/bin/rasa", "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "nlu", "stories",
                "--out", "var/bench-model", "--fixed-model-name", "bench", "--quiet"],
               stdout=open("var/log/bench-train.log", "w"), stderr=subprocess.STDOUT, check=True)
print(f"training time: {time.perf_counter() - start:.1f} s")
print(f"training peak memory: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
PY
printf "model size: %s\n" "$(du -h var/bench-model/bench.tar.gz | cut -f1)"

echo "=== serving"
ensure_redis
.venv-rasa/bin/rasa run actions --actions actions --port "$RAFIQ_ACTIONS_PORT" > var/log/bench-actions.log 2>&1 &
PIDS+=($!); actions_pid=$!
.venv-rasa/bin/rasa run --enable-api -i 127.0.0.1 --port "$RAFIQ_RASA_PORT" --model var/bench-model/bench.tar.gz \
    --endpoints endpoints.yml --credentials credentials.yml > var/log/bench-rasa.log 2>&1 &
PIDS+=($!); rasa_pid=$!
wait_http "http://127.0.0.1:$RAFIQ_ACTIONS_PORT/health" "action server" 120
wait_http "http://127.0.0.1:$RAFIQ_RASA_PORT/status" "Rasa" 300
.venv-bot/bin/python -m bench.serving_bench --rasa "$RAFIQ_RASA_URL" --rasa-pid "$rasa_pid" --actions-pid "$actions_pid"

echo "=== language identification (../shared/eval-data/langid, never trained on)"
.venv-rasa/bin/python -m bench.langid_bench --json reports/langid.json
