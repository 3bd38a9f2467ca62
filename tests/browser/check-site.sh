#!/usr/bin/env bash
# make browser-check SITE=DIR: the reader's checks (tests/browser/check_site.py) on any site folder, such as a
# site of real lists kept outside the project. Builds it with this checkout's bangdan into
# .build/browser-check/ and serves that at the root of 127.0.0.1, so the site's base_url must have no path
# (https://example.org/, not https://example.org/lists/). Same tools as the browser test (run.sh).
set -euo pipefail
site=$(cd "${1:?usage: check-site.sh SITE}" && pwd)
cd "$(dirname "$0")/../.."
BANGDAN_SETUP_ONLY=1 tests/browser/run.sh
.build/debug/bangdan build --site "$site" --output .build/browser-check --force
.build/browser-venv/bin/python tests/browser/check_site.py .build/browser-check
