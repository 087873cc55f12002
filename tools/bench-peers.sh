#!/usr/bin/env bash
# Installs the peer tools the benchmark harness compares `check` with:
# check-jsonschema (Python), from PyPI with pip, and ajv-cli (Node.js),
# from the npm registry into target/bench-peers/ (the harness looks for
# target/bench-peers/node_modules/.bin/ajv, then `ajv` on the PATH). The
# harness says so in its table when one is missing and times the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet 'check-jsonschema>=0.39'
check-jsonschema --version
mkdir -p target/bench-peers
(cd target/bench-peers && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@3)
echo "ajv-cli $(node -p "require('./target/bench-peers/node_modules/ajv-cli/package.json').version")"
