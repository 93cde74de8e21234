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
exec node scripts/server.mjs
