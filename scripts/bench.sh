#!/usr/bin/env bash
# make bench: training time, model size, peak memory of Rasa and the action server, /model/parse
# p50/p99, and the language-ID figures. Not part of make test. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
isolated_ports 5205 5255 8280
. scripts/env.sh
. scripts/redis.sh
trap 'stop_services; stop_redis' EXIT
mkdir -p reports var/log

echo "=== full training from scratch (2 cores)"
rm -rf var/bench-model && mkdir -p var/bench-model
.venv-bot/bin/python - <<'PY'
import os, resource, subprocess, time
start = time.perf_counter()
# RASA_MAX_CACHE_SIZE=0: no component comes from Rasa's training cache (.rasa/cache): from scratch.
subprocess.run([".venv-rasa/bin/rasa", "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "nlu", "stories",
                "--out", "var/bench-model", "--fixed-model-name", "bench", "--quiet"],
               stdout=open("var/log/bench-train.log", "w"), stderr=subprocess.STDOUT, check=True,
               env={**os.environ, "RASA_MAX_CACHE_SIZE": "0"})
print(f"training time: {time.perf_counter() - start:.1f} s")
print(f"training peak memory: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
PY
printf "model size: %s\n" "$(du -h var/bench-model/bench.tar.gz | cut -f1)"

echo "=== serving"
ensure_redis
start_rasa var/bench-model/bench.tar.gz bench-
.venv-bot/bin/python -m bench.serving_bench --rasa "$RAFIQ_RASA_URL" --rasa-pid "$RASA_PID" --actions-pid "$ACTIONS_PID"

echo "=== language identification (../shared/eval-data/langid, never trained on)"
.venv-rasa/bin/python -m bench.langid_bench --json reports/langid.json
