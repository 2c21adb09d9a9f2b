# Sourced: start Rasa, the action server and the gateway in the background; stop_services ends them.
PIDS=()
wait_http() {  # url, name, seconds
  for _ in $(seq "$3"); do
    if .venv-bot/bin/python -c "import urllib.request,sys; urllib.request.urlopen('$1', timeout=2)" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not come up at $1; see var/log/" >&2; return 1
}
start_services() {
  mkdir -p var/log
  .venv-rasa/bin/rasa run actions --actions actions --port "$RAFIQ_ACTIONS_PORT" > var/log/actions.log 2>&1 &
  PIDS+=($!)
  .venv-rasa/bin/rasa run --enable-api -i 127.0.0.1 --port "$RAFIQ_RASA_PORT" --model models/current.tar.gz \
      --endpoints endpoints.yml --credentials credentials.yml > var/log/rasa.log 2>&1 &
  PIDS+=($!)
  .venv-bot/bin/python -m bot > var/log/gateway.log 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$RAFIQ_ACTIONS_PORT/health" "action server" 120
  wait_http "http://127.0.0.1:$RAFIQ_RASA_PORT/status" "Rasa" 240
  wait_http "http://127.0.0.1:$RAFIQ_HTTP_PORT/healthz" "gateway" 60
}
stop_services() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
