#!/usr/bin/env bash
# `npm test`: typecheck, lint, then every suite under one throwaway Secret
# Service session where the machine has none (scripts/with-keyring.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"
npm run -s typecheck
echo "== lint"
npm run -s lint
exec bash scripts/with-keyring.sh node scripts/run-suites.mjs
