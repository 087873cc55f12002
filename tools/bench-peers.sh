#!/usr/bin/env bash
# Installs the peer tool the benchmark harness compares `check` with:
# check-jsonschema (Python), from PyPI with pip. The harness says so in its
# table when it is missing and times everything else.
set -euo pipefail
python3 -m pip install --quiet 'check-jsonschema>=0.39'
check-jsonschema --version
