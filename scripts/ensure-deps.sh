#!/usr/bin/env bash
# Makes `npm start` and `npm test` work alone on a fresh machine: installs the system packages
# (CJK font for sealed PDFs, poppler-utils for pdfsig/pdftotext, NSS tools, a Java 17 JDK for DynamoDB Local)
# and the npm dependencies, each only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
# A JDK, not only a runtime: javac compiles the launcher that binds DynamoDB Local to 127.0.0.1
# (infra/local/dynamodb-launcher.ts); the jar alone listens on every interface.
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
# Chromium for the browser tests (tests/browser drive /usr/bin/chromium with playwright-core).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "Installing system packages: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies (npm ci)…" >&2
  npm ci --no-audit --no-fund
fi
