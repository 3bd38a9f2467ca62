#!/usr/bin/env python3
"""Search that scales (issue 13 item 4): what the search page downloads and how fast it answers, in a real browser.

Builds the N-requirement corpus of bench/generate.py (default 10,000), serves the output on 127.0.0.1, opens
the search page in headless Chromium (Debian's chromium + chromedriver, driven by Selenium as tests/browser does)
with the CPU slowed ×4 (CDP Emulation.setCPUThrottlingRate, a mid-range phone), and measures:

- bytes before the first results: every response (page, CSS, script, manifest, shards, facets, fragments) that
  ended before the first results of a query were on screen, from a cold load (cache disabled) of a shared URL
  (/search/?q=…) and of the page followed by typing. Bytes are bodies as sent (the test server sends no gzip);
  the gzip -6 size of the same files is given beside them, for servers that compress.
- keystroke-to-results: from each keystroke's `input` event (or a facet click's `change`) to the frame after the
  results it asked for were drawn (search.js fires `bangdan:results`), typing one key at a time and waiting for
  each answer; median and p95. Then the same keys again on the same page, every file now cached: the script's
  own time, so what the network (here a Python server on the same, shared machine) adds can be told apart.

Writes the figures to bench/RESULTS.md's search section (between <!-- search --> markers, which bench/run.sh
keeps) with the machine, the date, the commit and the load average. A benchmark, never a test.

Usage: bench/search.py [--size N] [--work DIR] [--bangdan PATH] [--runs R]
Needs selenium (tests/browser/run.sh makes .build/browser-venv with it; this script uses that venv when its own
Python lacks selenium), chromium and chromium-driver.
"""
import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    venv = REPO / ".build/browser-venv/bin/python"
    if venv.exists() and Path(sys.executable).resolve() != venv.resolve():
        os.execv(str(venv), [str(venv), __file__] + sys.argv[1:])
    sys.exit("bench/search.py: selenium is needed: run `make browser-test` once (it makes .build/browser-venv), "
             "or `pip install selenium`")

P = argparse.ArgumentParser()
P.add_argument("--size", type=int, default=10000)
P.add_argument("--work", type=Path, default=Path("/dev/shm/bangdan-search") if Path("/dev/shm").is_dir()
               else REPO / "bench/work/search")
P.add_argument("--bangdan", type=Path, default=None)
P.add_argument("--runs", type=int, default=3, help="times each typing scenario is repeated")
A = P.parse_args()

# --- the site ----------------------------------------------------------------------------------------------------
bangdan = A.bangdan or os.environ.get("BANGDAN")
if not bangdan:
    for mode in ("release", "debug"):
        candidate = REPO / ".build" / mode / "bangdan"
        if candidate.exists():
            bangdan = candidate
            break
if not bangdan:
    subprocess.run(["swift", "build", "-c", "release", "-q"], cwd=REPO, check=True)
    bangdan = REPO / ".build/release/bangdan"
corpus = A.work / f"corpus-{A.size}"
if not (corpus / ".complete").exists():
    subprocess.run([sys.executable, str(REPO / "bench/generate.py"),
                    str(A.size), str(corpus)], check=True, stdout=subprocess.DEVNULL)
    (corpus / ".complete").touch()
site = A.work / f"site-{A.size}"
shutil.rmtree(site, ignore_errors=True)
env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01, as bench/run.sh
subprocess.run([str(bangdan), "build", "--site", str(corpus / "bangdan"), "--output", str(site / "public")],
               check=True, env=env, stdout=subprocess.DEVNULL)
public = site / "public"


class Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # connections kept alive, as any real server keeps them
    # TCP_NODELAY, as static servers set it on kept-alive connections (nginx's tcp_nodelay is on by default). This
    # handler writes the headers and the body in two sends; with Nagle's algorithm the body waits for the
    # browser's delayed ACK of the headers, some 40 ms, on about half the responses of a key (measured).
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(public)))
threading.Thread(target=server.serve_forever, daemon=True).start()
ORIGIN = f"http://127.0.0.1:{server.server_address[1]}"

# --- the browser -------------------------------------------------------------------------------------------------
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(60)
driver.set_window_size(390, 900)
driver.execute_cdp_cmd("Network.enable", {})
driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
# Before any of the page's scripts: keystroke and result times, and room for every resource entry.
driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
  performance.setResourceTimingBufferSize(5000);
  window.__bench = {inputs: [], results: []};
  document.addEventListener("input", function (e) { __bench.inputs.push(e.timeStamp); }, true);
  document.addEventListener("change", function (e) {
    if (e.target.name !== "q") __bench.inputs.push(e.timeStamp);
  }, true);
  document.addEventListener("bangdan:results", function (e) {
    var key = e.detail;
    requestAnimationFrame(function () { __bench.results.push({t: performance.now(), key: key}); });
  }, true);
"""})


def results_count():
    return driver.execute_script("return window.__bench.results.length")


def wait_results(after):
    WebDriverWait(driver, 30, poll_frequency=0.02).until(lambda d: results_count() > after)
    return driver.execute_script("return window.__bench.results")[-1]


def transferred(until):
    """Bodies of every response that ended by `until` (ms), with their paths, the page's navigation included."""
    entries = driver.execute_script("""
      return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
        .map(function (e) { return {name: e.name, end: e.responseEnd, body: e.encodedBodySize,
                                    transfer: e.transferSize}; });""")
    return [e for e in entries if e["end"] <= until + 0.5]


def gzip_size(url):
    path = urllib.parse.unquote(urllib.parse.urlparse(url).path)
    file = public / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0


def summary(entries):
    body = sum(e["body"] for e in entries)
    index = sum(e["body"] for e in entries if "/search/" in e["name"] and not e["name"].split("?")[0].endswith("/search/"))
    return {"bytes": body, "gzip": sum(gzip_size(e["name"]) for e in entries), "index": index,
            "files": len(entries)}


# Queries on the generated corpus's words (bench/generate.py): a Chinese pair, one character, a Latin word (a
# code, typed letter by letter), a longer Chinese phrase with a facet.
SHARED = [("Chinese pair", {"q": "光刻"}), ("one character", {"q": "胶"}), ("Latin word", {"q": "b0042"}),
          ("phrase with a facet", {"q": "燃料电池", "status": "open"})]
cold = []
for name, params in SHARED:
    driver.get(ORIGIN + "/search/?" + urllib.parse.urlencode(params))
    last = wait_results(0)
    # The first results event is for the URL's state: search.js restores it before its first run.
    first = driver.execute_script("return window.__bench.results")[0]
    cold.append((name, params, summary(transferred(first["t"])),
                 driver.find_element(By.ID, "search-status").text))

latencies, typed_bytes = {}, []


def keystroke(label, act):
    before, inputs = results_count(), driver.execute_script("return window.__bench.inputs.length")
    act()
    result = wait_results(before)
    t0 = driver.execute_script("return window.__bench.inputs")[inputs]
    latencies.setdefault(label, []).append(result["t"] - t0)
    time.sleep(0.3)  # a pause, so each key is answered on its own (search.js runs a key after a pause at once)
    return result


def type_query(label, text, facet=None):
    box = driver.find_element(By.ID, "q")
    for ch in text:
        result = keystroke(label, lambda: box.send_keys(ch))
    if facet:
        driver.execute_script("document.getElementById('facets').open = true")  # folded away on a phone
        keystroke(label + " + facet", lambda: driver.find_element(
            By.CSS_SELECTOR, f"input[name='{facet[0]}'][value='{facet[1]}']").click())
    return result


def retype_cached(label, text):
    """The same keys again on the same page: every file is cached, so this is the script's own time."""
    box = driver.find_element(By.ID, "q")
    for _ in text:
        keystroke("(cleared)", lambda: box.send_keys(Keys.BACKSPACE))
    for ch in text:
        keystroke(label + ", files cached", lambda: box.send_keys(ch))


for run in range(A.runs):
    for label, text, facet in [("Chinese", "光刻胶", None), ("Latin", "b0042", None),
                               ("Chinese", "燃料电池", ("status", "open"))]:
        driver.get(ORIGIN + "/search/")
        wait_results(0)
        result = type_query(label, text, facet)
        if run == 0 and facet is None:
            typed_bytes.append((text, summary(transferred(result["t"]))))
        if facet is None:
            retype_cached(label, text)
driver.quit()
server.shutdown()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


latencies.pop("(cleared)", None)
all_latencies = [v for label, vs in latencies.items() if "cached" not in label for v in vs]
cached = [v for label, vs in latencies.items() if "cached" in label for v in vs]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=REPO).returncode != 0
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
load = open("/proc/loadavg").read().split()[:3]
chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
worst = max(c[2]["bytes"] for c in cold)
worst_gzip = max(c[2]["gzip"] for c in cold)
median, p95 = statistics.median(all_latencies), pct(all_latencies, 95)
kb = lambda n: f"{n / 1024:.1f} KB"
lines = [
    "<!-- search -->",
    f"## Search (issue 13 item 4; `bench/search.py`, N = {A.size})",
    "",
    f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores ({cpu}), "
    f"{platform.system()} {platform.release()}; {chromium} headless, CPU throttled ×4, cache disabled; "
    f"Bangdan {commit}{' (with uncommitted changes)' if dirty else ''}; load average {' '.join(load)}. "
    "KB = 1024 bytes, bodies as sent (no compression by the test server); gzip -6 of the same files beside.",
    "",
    "| goal | figure | verdict |",
    "|---|---|---|",
    f"| bytes before the first results ≤ 150 KB (worst query below, everything the page loaded) | {kb(worst)} "
    f"(gzip: {kb(worst_gzip)}) | {'met' if worst <= 150 * 1024 else '**not met**'} |",
    f"| keystroke to results ≤ 100 ms (median, p95 of {len(all_latencies)} keystrokes and clicks) | "
    f"{median:.0f} ms, {p95:.0f} ms | {'met' if p95 <= 100 else ('median met, p95 **not met**' if median <= 100 else '**not met**')} |",
    f"| the same keys again, every file cached: the script's own time (median, p95 of {len(cached)}) | "
    f"{statistics.median(cached):.0f} ms, {pct(cached, 95):.0f} ms | (what the network adds is the difference) |",
    "",
    "Cold load of a shared search URL, until its first results:",
    "",
    "| query | results | files | bytes | of which the index | gzip |",
    "|---|---|---|---|---|---|",
]
for name, params, s, status in cold:
    lines.append(f"| {name}: `{urllib.parse.urlencode(params, safe='')}` → {urllib.parse.unquote(urllib.parse.urlencode(params))} "
                 f"| {status} | {s['files']} | {kb(s['bytes'])} | {kb(s['index'])} | {kb(s['gzip'])} |")
lines += ["", "Cold load of the page, then typing the query a key at a time, until its last results:", "",
          "| typed | files | bytes | of which the index | gzip |", "|---|---|---|---|---|"]
for text, s in typed_bytes:
    lines.append(f"| {text} | {s['files']} | {kb(s['bytes'])} | {kb(s['index'])} | {kb(s['gzip'])} |")
lines += ["", "Keystroke (or facet click) to results drawn, ms:", "", "| typing | keystrokes | median | p95 | max |",
          "|---|---|---|---|---|"]
for label, values in latencies.items():
    lines.append(f"| {label} | {len(values)} | {statistics.median(values):.0f} | {pct(values, 95):.0f} | {max(values):.0f} |")
index_files = list((public / "search").rglob("*.json"))
manifest = public / "search/manifest.json"
lines += ["", f"The index: {len(index_files)} files, {kb(sum(f.stat().st_size for f in index_files))} in all; "
          f"manifest {kb(manifest.stat().st_size)}; {json.loads(manifest.read_text())['shards']} token shards.",
          "<!-- /search -->"]
section = "\n".join(lines) + "\n"
print(section)
results = REPO / "bench/RESULTS.md"
text = results.read_text() if results.exists() else "# Benchmark results\n"
if "<!-- search -->" in text and "<!-- /search -->" in text:
    start, end = text.index("<!-- search -->"), text.index("<!-- /search -->") + len("<!-- /search -->\n")
    text = text[:start] + section + text[end:]
else:
    # After the figures of bench/run.sh, before the history it appends.
    marker = text.find("\n## How the time came down")
    text = (text[:marker + 1] + section + "\n" + text[marker + 1:]) if marker > 0 else text.rstrip("\n") + "\n\n" + section
results.write_text(text)
(A.work / "search-section.md").write_text(section)
