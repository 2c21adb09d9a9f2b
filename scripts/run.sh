#!/usr/bin/env bash
# make run: install, train if needed, start Redis (if none answers), Rasa, actions and the gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
scripts/train.sh
. scripts/env.sh
. scripts/redis.sh
. scripts/services.sh
ensure_redis
trap 'echo; echo "stopping"; stop_services; stop_redis; exit 0' INT TERM
start_services
echo
echo "Rafiq is running."
echo "  Web chat:  http://127.0.0.1:$RAFIQ_HTTP_PORT/"
echo "  Rasa API:  $RAFIQ_RASA_URL (localhost only)"
echo "  Logs:      var/log/"
echo "Press Ctrl-C to stop."
wait
