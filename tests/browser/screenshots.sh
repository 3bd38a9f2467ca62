#!/usr/bin/env bash
# make screenshots: builds the sample site and writes PNGs of every page kind at 360 and 1280 px, in every language
# the site has, into .build/screenshots/ (git-ignored). Sets up the same tools as the browser test (run.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
BANGDAN_SETUP_ONLY=1 tests/browser/run.sh
.build/browser-venv/bin/python tests/browser/screenshots.py .build/browser-site .build/screenshots
