# Sourced: start Rasa, the action server and the gateway in the background; stop_services ends them.
PIDS=()
wait_http() {  # url, name, seconds
  for _ in $(seq "$3"); do
    if .venv-bot/bin/python -c "import urllib.request,sys; urllib.request.urlopen('$1', timeout=2)" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not come up at $1; see var/log/" >&2; return 1
}
isolated_ports() {  # rasa_port actions_port http_port: a test or bench run beside a running `make run`
  export RAFIQ_REDIS_URL="${RAFIQ_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
  export RAFIQ_RASA_PORT="$1" RAFIQ_ACTIONS_PORT="$2" RAFIQ_HTTP_PORT="$3"
  export RAFIQ_RASA_URL="http://127.0.0.1:$1" RAFIQ_ACTION_URL="http://127.0.0.1:$2/webhook"
}
start_rasa() {  # model, log prefix: the action server and Rasa (localhost), waited for; sets ACTIONS_PID, RASA_PID
  mkdir -p var/log
  .venv-rasa/bin/rasa run actions --actions actions --port "$RAFIQ_ACTIONS_PORT" > "var/log/$2actions.log" 2>&1 &
  ACTIONS_PID=$!; PIDS+=("$ACTIONS_PID")
  .venv-rasa/bin/rasa run --enable-api -i 127.0.0.1 --port "$RAFIQ_RASA_PORT" --model "$1" \
      --endpoints endpoints.yml --credentials credentials.yml > "var/log/$2rasa.log" 2>&1 &
  RASA_PID=$!; PIDS+=("$RASA_PID")
  wait_http "http://127.0.0.1:$RAFIQ_ACTIONS_PORT/health" "action server" 120
  wait_http "http://127.0.0.1:$RAFIQ_RASA_PORT/status" "Rasa" 300
}
start_services() {
  .venv-bot/bin/python -m bot > var/log/gateway.log 2>&1 &
  PIDS+=($!)
  start_rasa models/current.tar.gz ""
  wait_http "http://127.0.0.1:$RAFIQ_HTTP_PORT/healthz" "gateway" 60
}
stop_services() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
