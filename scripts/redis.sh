# Sourced by run.sh and test.sh: use Redis at RAFIQ_REDIS_URL, or start a local one with append-only persistence.
redis_ping() { .venv-bot/bin/python -c "import redis,sys; redis.Redis.from_url('$RAFIQ_REDIS_URL', socket_timeout=2).ping()" 2>/dev/null; }
ensure_redis() {
  if redis_ping; then echo "using Redis at $RAFIQ_REDIS_HOST:$RAFIQ_REDIS_PORT"; return; fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "No Redis answers at $RAFIQ_REDIS_URL and redis-server is not installed." >&2
    echo "Install it (Debian/Ubuntu: apt-get install redis-server) or set RAFIQ_REDIS_URL." >&2
    exit 1
  fi
  mkdir -p var/redis
  echo "starting a local redis-server on port $RAFIQ_REDIS_PORT (append-only file in var/redis)"
  redis-server --port "$RAFIQ_REDIS_PORT" --bind 127.0.0.1 --appendonly yes --dir "$PWD/var/redis" \
      --daemonize yes --pidfile "$PWD/var/redis/redis.pid" --logfile "$PWD/var/redis/redis.log"
  REDIS_STARTED=1
  for _ in $(seq 50); do redis_ping && return; sleep 0.1; done
  echo "redis-server did not start; see var/redis/redis.log" >&2; exit 1
}
stop_redis() {  # only the one we started
  if [ "${REDIS_STARTED:-}" = 1 ] && [ -f var/redis/redis.pid ]; then kill "$(cat var/redis/redis.pid)" 2>/dev/null || true; fi
}
