#!/usr/bin/env bash
# Installs what takedown needs on a fresh Debian machine with Node 20: Debian's Chromium (Playwright
# cannot download its own browser here), the npm dependencies, and the compiled dist/ the `takedown`
# command starts from. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium (apt)…" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)…" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# The `takedown` command runs the compiled dist/ when it is as new as src/ (bin/compiled.js), else tsx.
if ! node bin/compiled.js; then
  echo "setup: compiling src/ to dist/ (npm run build)…" >&2
  npm run build --silent || echo "setup: the build failed; the takedown command will run the sources through tsx" >&2
fi
