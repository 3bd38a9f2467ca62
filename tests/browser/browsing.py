"""The one place that drives Chromium over a built site, shared by browser_test.py and screenshots.py.

- serve(site): the built site on 127.0.0.1, returns its origin;
- chrome(): Debian's Chromium under Selenium (headless, network log on), never a browser of its own;
- page_kinds(site): every page kind of every language the site has (`/` and, when `en/index.html` exists, `/en/`);
- views(driver, origin, site): each of them opened in turn at each width, ready to check or picture;
- at_width(driver, width): the viewport exactly `width` CSS pixels wide (360 is below Chrome's smallest window);
- open_page(driver, url): loads a page and waits until its scripts have drawn (the search page's results);
- open_details(driver): opens every <details>, so the charts' tables are checked and pictured as well;
- axe_violations(driver): axe-core 4.x, the `axe.min.js` bundled by the PyPI package axe-playwright-python,
  injected into the Selenium page (that package's Playwright half is never installed or used);
- screenshot(driver, path): a PNG of the page's full height at the current width.
"""
import functools
import http.server
import importlib.util
import json
import threading
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

WIDTHS = (360, 1280)
WINDOW_HEIGHT = 900


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    """Serves `site` on a free port of 127.0.0.1 in a background thread; returns (origin, server)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def chrome():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


def languages(site):
    """URL prefixes of the site's languages: '' always, 'en/' when the build wrote English pages."""
    return [""] + (["en/"] if (Path(site) / "en/index.html").is_file() else [])


def page_kinds(site, prefix=""):
    """Page kind → site path (starting with /) for one language, found in the built files: home, lists, a list
    (one with a second page when any has one), its page 2, a requirement, industries, an industry, regions, a
    region, search, 404. Kinds the build did not write are left out."""
    root = Path(site) / prefix

    def page(relative):
        return f"/{prefix}{relative}" if (root / relative / "index.html").is_file() else None

    def first(pattern):
        found = sorted(p.parent.relative_to(root).as_posix() for p in root.glob(pattern))
        return found[0] + "/" if found else None

    paged = first("lists/*/page/2/index.html")
    list_path = paged.removesuffix("page/2/") if paged else first("lists/*/index.html")
    requirement = next((p.parent.relative_to(root).as_posix() + "/"
                        for p in sorted(root.glob("lists/*/*/index.html")) if p.parent.name != "page"), None)
    kinds = {
        "home": f"/{prefix}" if (root / "index.html").is_file() else None,
        "lists": page("lists/"),
        "list": f"/{prefix}{list_path}" if list_path else None,
        "list-page-2": f"/{prefix}{paged}" if paged else None,
        "requirement": f"/{prefix}{requirement}" if requirement else None,
        "industries": page("industries/"),
        "industry": f"/{prefix}{first('industries/*/index.html')}" if first("industries/*/index.html") else None,
        "regions": page("regions/"),
        "region": f"/{prefix}{first('regions/*/index.html')}" if first("regions/*/index.html") else None,
        "search": page("search/"),
        "404": f"/{prefix}404.html" if (root / "404.html").is_file() else None,
    }
    return {kind: path for kind, path in kinds.items() if path}


def every_page(site):
    """(language label, kind, path) for every page kind of every language."""
    for prefix in languages(site):
        for kind, path in page_kinds(site, prefix).items():
            yield (prefix.rstrip("/") or "zh", kind, path)


def views(driver, origin, site):
    """Opens every page kind of every language at each width, with its <details> open; yields (language, kind,
    path, width) with the page on screen."""
    for language, kind, path in every_page(site):
        for width in WIDTHS:
            at_width(driver, width)
            open_page(driver, origin + path)
            open_details(driver)
            yield language, kind, path, width


def at_width(driver, width, height=WINDOW_HEIGHT):
    """Makes the viewport exactly `width` × `height` CSS pixels; phones (< 600) are emulated as mobile."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def open_page(driver, url):
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # The search page fills its status line once its script has read the index.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "const s = document.getElementById('search-status'); return !s || s.textContent.trim() !== ''"))


def open_details(driver):
    """Opens every <details> (the charts' tables), so what they hide is checked and pictured too."""
    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")


@functools.cache
def overflow(driver):
    """(scrollWidth, clientWidth, up to five elements reaching past the right edge) of the open page."""
    return driver.execute_script(
        "const e = document.documentElement; return [e.scrollWidth, e.clientWidth,"
        " [...document.querySelectorAll('body *')].filter(n => n.getBoundingClientRect().right > e.clientWidth + 0.5"
        " && getComputedStyle(n).position !== 'absolute' && !n.closest('.visually-hidden'))"
        ".slice(0, 5).map(n => n.tagName.toLowerCase() + (n.className && n.className.baseVal === undefined ? '.' + n.className : ''))]")


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe-playwright-python is not installed (tests/browser/run.sh installs it)")
    return (Path(next(iter(spec.submodule_search_locations))) / "axe.min.js").read_text()


def axe_violations(driver):
    """Every axe-core violation on the open page, any impact: [{id, impact, help, targets}]."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));")
    violations = json.loads(results)
    if isinstance(violations, dict):
        raise RuntimeError(f"axe-core failed: {violations['error']}")
    return [{"id": v["id"], "impact": v.get("impact"), "help": v.get("help"),
             "targets": [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])]} for v in violations]


def axe_version(driver):
    return driver.execute_script("return window.axe && axe.version")


def screenshot(driver, path):
    """A PNG of the whole page, its full height, at the current width."""
    import base64
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    width = metrics["cssLayoutViewport"]["clientWidth"]
    height = metrics["cssContentSize"]["height"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    Path(path).write_bytes(base64.b64decode(shot["data"]))


def file_name(language, kind, width):
    return f"{language}-{kind}-{width}.png"
