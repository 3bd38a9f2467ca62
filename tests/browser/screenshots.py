"""make screenshots: a full-height PNG of every page kind, at 360 and 1280 px, in every language the built site
has, for a reviewer to look at rather than read. Usage: screenshots.py SITE OUT_DIR. Drives Chromium through the
browser test's own module (browsing.py).
"""
import sys
from pathlib import Path

import browsing

site, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
out.mkdir(parents=True, exist_ok=True)
for old in out.glob("*.png"):
    old.unlink()
origin, server = browsing.serve(site)
driver = browsing.chrome()
written = 0
try:
    for language, kind, path, width in browsing.views(driver, origin, site):
        browsing.screenshot(driver, out / browsing.file_name(language, kind, width))
        written += 1
finally:
    driver.quit()
    server.shutdown()
print(f"{written} screenshots in {out}")
