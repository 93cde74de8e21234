#!/usr/bin/env bash
# Installs what the app needs: Debian packages (ffmpeg, speech tools) when missing, and
# the npm packages. Safe to run again; it skips what is already there.
#   scripts/setup.sh          app dependencies
#   scripts/setup.sh --test   also what the tests need (Debian's Chromium, Redis)
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-wqy-microhei: Chinese captions and titles burned in by ffmpeg (libass falls back to it)
want=(ffmpeg espeak-ng pocketsphinx pocketsphinx-en-us fonts-dejavu-core fonts-wqy-microhei)
if [[ "${1:-}" == "--test" ]]; then want+=(chromium redis-server sox); fi

missing=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done

if ((${#missing[@]})); then
  if [[ "$(uname)" == "Darwin" ]]; then
    echo "Missing: ${missing[*]}. On macOS: brew install ffmpeg espeak-ng cmu-pocketsphinx redis, and install Chromium or Chrome (set CHROMIUM_PATH)." >&2
    exit 1
  elif [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then
    echo "Installing Debian packages with sudo: ${missing[*]}"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

# Never let a test tool download its own browser: we use Debian's Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
# Native module check: better-sqlite3 must really load on this Node.
node -e "new (require('better-sqlite3'))(':memory:').close()" || {
  echo "better-sqlite3 did not load; rebuilding it for this Node.js" >&2
  npm rebuild better-sqlite3
}
# The local planner (PLANNER=llama) uses llama.cpp's prebuilt binary from the
# @node-llama-cpp/<platform> package; its install script (a source build) never runs.
# (CommonJS -e on purpose: node-llama-cpp tests the binary in a child given our execArgv.)
node -e "import('node-llama-cpp').then(async ({ getLlama }) => (await getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false })).dispose())" 2>/dev/null ||
  echo "Note: node-llama-cpp's prebuilt llama.cpp did not load here; PLANNER=llama will use the rule planner instead." >&2
