#!/usr/bin/env bash
# Make both environments if they are missing or their requirements changed. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
find_python310() {
  for p in python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then echo "$p"; return; fi
  done
  echo "Python 3.10 is required for Rasa 3.6 (install python3.10 and python3.10-venv)" >&2; exit 1
}
find_python311() {
  for p in python3.11 "$HOME"/.pyenv/versions/3.11*/bin/python3.11 /usr/bin/python3.11 python3.12 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then echo "$p"; return; fi
  done
  echo "Python 3.11 or newer is required for the gateway" >&2; exit 1
}
stamp() { cat "$@" | sha256sum | cut -c1-16; }

want=$(stamp requirements/rasa.lock requirements/rasa-nodeps.txt)
if [ "$(cat .venv-rasa/.installed 2>/dev/null)" != "$want" ]; then
  echo "installing the Rasa environment (.venv-rasa, Python 3.10): several minutes the first time"
  [ -x .venv-rasa/bin/python ] || "$(find_python310)" -m venv .venv-rasa
  .venv-rasa/bin/pip install -q --upgrade "pip==24.0"
  .venv-rasa/bin/pip install -q -r requirements/rasa.lock
  .venv-rasa/bin/pip install -q --no-deps -r requirements/rasa-nodeps.txt
  echo "$want" > .venv-rasa/.installed
fi
want=$(stamp requirements/bot.txt)
if [ "$(cat .venv-bot/.installed 2>/dev/null)" != "$want" ]; then
  echo "installing the gateway environment (.venv-bot)"
  [ -x .venv-bot/bin/python ] || "$(find_python311)" -m venv .venv-bot
  .venv-bot/bin/pip install -q --upgrade pip
  .venv-bot/bin/pip install -q -r requirements/bot.txt
  echo "$want" > .venv-bot/.installed
fi
