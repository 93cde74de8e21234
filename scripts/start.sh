#!/usr/bin/env bash
# Installs what is missing, builds, and serves the app on http://localhost:3000 with
# the embedded engine (BACKEND=local unless set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx next build
export NODE_ENV=production BACKEND="${BACKEND:-local}"
if [[ -z "${SESSION_PASSWORD:-}" ]]; then
  # A local install keeps one generated secret so restarts keep visitors' sessions.
  mkdir -p "${DATA_DIR:-./data}"
  secret_file="${DATA_DIR:-./data}/.session-password"
  [[ -s "$secret_file" ]] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > "$secret_file"
  SESSION_PASSWORD="$(cat "$secret_file")"
  export SESSION_PASSWORD
fi
if [[ "${PLANNER:-}" == "llama" ]]; then
  # The local planner's model (about 1.1 GB, once): fetched now rather than on the first
  # chat turn. Offline it fails fast and the rule planner answers until it is there.
  npx tsx scripts/fetch-llama-model.ts || echo "Starting anyway: the built-in planner answers until the local model is downloaded." >&2
fi
# The whisper speech model for captions (about 148 MB, once): offered now when this
# machine is online, skipped quietly when not (then pocketsphinx makes the captions).
npx tsx scripts/fetch-whisper-model.ts || echo "Starting anyway: the speech model is downloaded the first time captions are asked for." >&2
exec node scripts/server.mjs
