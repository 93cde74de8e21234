#!/usr/bin/env bash
# Installs what the tests need (Debian's Chromium, never a downloaded browser) and runs
# every test: type check, lint, Vitest unit and integration tests, then Playwright end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== Type check"
npx tsc --noEmit

echo "== Lint (layer boundaries, import cycles, React hooks)"
npx eslint .

echo "== Format (Prettier; npm run format fixes it)"
npx prettier --check . --log-level warn

echo "== Unit and integration tests (Vitest)"
npx vitest run

echo "== Build"
npx next build

echo "== End-to-end tests (Playwright, Debian Chromium)"
npx playwright test

echo "== End-to-end: the main story with BACKEND=nemo against the fake NemoVideo server"
npx playwright test -c playwright.nemo.config.ts
