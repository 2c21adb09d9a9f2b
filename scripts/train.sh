#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed: the model is cached by a hash of them.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
inputs=$(find config.yml domain.yml nlu stories -type f \( -name '*.yml' -o -name '*.py' -o -name '*.txt' \) -not -path '*/__pycache__/*' | sort)
hash=$(cat $inputs | sha256sum | cut -c1-16)
model="models/rafiq-$hash.tar.gz"
if [ -f "$model" ]; then
  echo "model up to date: $model"
else
  echo "training $model (inputs changed)"
  start=$(date +%s)
  .venv-rasa/bin/rasa train --config config.yml --domain domain.yml --data nlu stories \
      --out models --fixed-model-name "rafiq-$hash" --quiet
  echo "training took $(( $(date +%s) - start )) s"
fi
ln -sf "rafiq-$hash.tar.gz" models/current.tar.gz
