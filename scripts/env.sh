# Shared settings for the scripts: sourced, not run. Values can be overridden from the environment or .env.
set -a
[ -f .env ] && . ./.env
set +a
export RAFIQ_REDIS_URL="${RAFIQ_REDIS_URL:-redis://127.0.0.1:6379/0}"
# Rasa's endpoints.yml wants host, port and db separately.
_rest="${RAFIQ_REDIS_URL#redis://}"; _hostport="${_rest%%/*}"; _db="${_rest#*/}"
[ "$_db" = "$_rest" ] && _db=0
export RAFIQ_REDIS_HOST="${_hostport%%:*}" RAFIQ_REDIS_PORT="${_hostport##*:}" RAFIQ_REDIS_DB="${_db:-0}"
[ "$RAFIQ_REDIS_PORT" = "$_hostport" ] && export RAFIQ_REDIS_PORT=6379
export RAFIQ_RASA_PORT="${RAFIQ_RASA_PORT:-5005}" RAFIQ_ACTIONS_PORT="${RAFIQ_ACTIONS_PORT:-5055}"
export RAFIQ_RASA_URL="${RAFIQ_RASA_URL:-http://127.0.0.1:${RAFIQ_RASA_PORT}}"
export RAFIQ_ACTION_URL="${RAFIQ_ACTION_URL:-http://127.0.0.1:${RAFIQ_ACTIONS_PORT}/webhook}"
export RAFIQ_HTTP_PORT="${RAFIQ_HTTP_PORT:-8080}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# The action server binds to SANIC_HOST (rasa_sdk 3.6 has no --host flag): localhost only.
export SANIC_HOST=127.0.0.1
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
