// Bangdan search over a chunked index (Sources/BangdanRender/Data/SearchIndex.swift says what each file holds):
// the manifest first, then only the token shards a query needs, the facets once a query or a filter needs their
// counts, and the display rows of the results shown. Results come as the reader types; the state lives in the
// URL (replaceState), so a view can be shared and reloaded. Statuses, "closing soon" and the deadline windows
// were decided by the build, never by the reader's clock.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results-section");
  var more = document.getElementById("search-more");
  if (!script || !form || !list || !status || !results || !more || !window.fetch) return;
  // Without a script the form leads to the links below it; with one, results show here as the reader types.
  results.hidden = false;
  var label = script.dataset;
  var root = new URL(label.manifest, location.href);
  var CHECKS = ["status", "category", "bounty", "deadline"], SELECTS = ["industry", "region"];
  var FACETS = SELECTS.concat(CHECKS);
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", VALUE = {};
  for (var a = 0; a < 64; a++) VALUE[ALPHABET.charCodeAt(a)] = a;
  var WORD = /[\p{L}\p{N}]/u;
  var manifest = null, facets = null, files = {}, tokens = {}, generation = 0, timer = 0, shownCount = 0, current = [];

  // --- the index's files, each fetched once -------------------------------------------------------------------
  function load(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, root)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  // Rice-coded ascending document numbers (Postings in SearchIndex.swift).
  function decode(text) {
    var k = VALUE[text.charCodeAt(0)], out = [], id = -1, pos = 1, word = 0, bits = 0;
    function bit() {
      if (bits === 0) {
        if (pos >= text.length) return -1;
        word = VALUE[text.charCodeAt(pos++)];
        bits = 6;
      }
      bits--;
      return (word >> bits) & 1;
    }
    for (;;) {
      var q = 0, b;
      while ((b = bit()) === 1) q++;
      if (b < 0) return out;
      var r = 0;
      for (var j = 0; j < k; j++) {
        b = bit();
        if (b < 0) return out;
        r = r * 2 + b;
      }
      id += q * Math.pow(2, k) + r + 1;
      out.push(id);
    }
  }
  function isHan(c) {
    return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x323af);
  }
  // The tokens a query looks up (SearchIndex.tokens(querying:)): one Han character alone, else adjacent pairs;
  // a word of letters and digits as its prefix.
  function queryTokens(text) {
    var runs = [], run = [], han = false, out = [];
    function flush() { if (run.length) runs.push({ han: han, chars: run }); run = []; }
    for (var ch of text.normalize("NFKC").toLowerCase()) {
      var h = isHan(ch.codePointAt(0));
      if (!h && !WORD.test(ch)) { flush(); continue; }
      if (h !== han) flush();
      han = h;
      run.push(ch);
    }
    flush();
    runs.forEach(function (r) {
      if (!r.han) out.push(r.chars.slice(0, manifest.prefix).join(""));
      else if (r.chars.length === 1) out.push(r.chars[0]);
      else for (var i = 0; i + 1 < r.chars.length; i++) out.push(r.chars[i] + r.chars[i + 1]);
    });
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }
  // FNV-1a of the token's UTF-8, as the build computes it.
  function shardOf(token) {
    var bytes = new TextEncoder().encode(token), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619);
    return (h >>> 0) % manifest.shards;
  }
  function postings(token) {
    if (tokens[token]) return Promise.resolve(tokens[token]);
    return load(manifest.tokens + shardOf(token) + ".json").then(function (shard) {
      tokens[token] = Object.prototype.hasOwnProperty.call(shard, token) ? decode(shard[token]) : [];
      return tokens[token];
    });
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  // Per facet, per document, the values it has (a tree's values include their descendants' documents).
  function loadFacets() {
    if (facets) return Promise.resolve(facets);
    return load(manifest.facet_file).then(function (data) {
      if (facets) return facets;
      var built = {};
      manifest.facets.forEach(function (facet) {
        var perDoc = new Array(manifest.count);
        for (var d = 0; d < manifest.count; d++) perDoc[d] = [];
        (data[facet.id] || []).forEach(function (text, v) {
          decode(text).forEach(function (d) { perDoc[d].push(v); });
        });
        built[facet.id] = perDoc;
      });
      facets = built;
      return facets;
    });
  }
  function loadSort(sort) {
    var entry = manifest.sorts.filter(function (s) { return s.id === sort && s.file; })[0];
    if (!entry) return Promise.resolve(null);
    return load(entry.file).then(function (data) {
      if (data.rank) return data.rank;
      var rank = new Array(manifest.count), w = data.width, text = data.order;
      for (var i = 0; i * w < text.length; i++) {
        var id = 0;
        for (var j = 0; j < w; j++) id = id * 64 + VALUE[text.charCodeAt(i * w + j)];
        rank[id] = i;
      }
      data.rank = rank;
      return rank;
    });
  }
  function row(id) {
    var rows = manifest.rows;
    return load(manifest.fragments + Math.floor(id / rows) + ".json").then(function (f) { return f[id % rows]; });
  }

  // --- state: the form and the URL ----------------------------------------------------------------------------
  function state() {
    var s = { q: form.elements.q.value.trim(), sort: form.elements.sort.value || "closing", filters: {} };
    SELECTS.forEach(function (f) { s.filters[f] = form.elements[f].value ? [form.elements[f].value] : []; });
    CHECKS.forEach(function (f) {
      s.filters[f] = Array.prototype.filter.call(form.querySelectorAll("input[name='" + f + "']"), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    });
    return s;
  }
  function fromURL() {
    var params = new URLSearchParams(location.search);
    // The checkbox facets fold away on a phone, so results show under the box; open when one is chosen.
    var details = document.getElementById("facets");
    if (details && (CHECKS.some(function (f) { return params.has(f); }) || matchMedia("(min-width: 40rem)").matches)) {
      details.open = true;
    }
    form.elements.q.value = params.get("q") || "";
    form.elements.sort.value = params.get("sort") || "closing";
    if (!form.elements.sort.value) form.elements.sort.value = "closing";
    SELECTS.forEach(function (f) {
      form.elements[f].value = params.get(f) || "";
      if (form.elements[f].selectedIndex < 0) form.elements[f].value = "";
    });
    CHECKS.forEach(function (f) {
      var wanted = params.getAll(f);
      form.querySelectorAll("input[name='" + f + "']").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
    });
  }
  function toURL(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) { s.filters[f].forEach(function (v) { params.append(f, v); }); });
    if (s.sort !== "closing") params.set("sort", s.sort);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // --- results ------------------------------------------------------------------------------------------------
  // The documents that match the query and every facet, and each facet value's count among the documents that
  // match the query and every other facet (so a facet's counts say what choosing one of its values would give).
  function filter(candidates, s) {
    var selected = {}, active = [], counts = {};
    FACETS.forEach(function (f) {
      var facet = manifest.facets.filter(function (x) { return x.id === f; })[0];
      var want = {};
      facet.values.forEach(function (v, n) { if (s.filters[f].indexOf(v.id) >= 0) want[n] = true; });
      selected[f] = want;
      if (s.filters[f].length) active.push(f);
      counts[f] = new Array(facet.values.length).fill(0);
    });
    var found = [];
    function has(f, d) {
      var values = facets[f][d], want = selected[f];
      for (var i = 0; i < values.length; i++) if (want[values[i]]) return true;
      return false;
    }
    function count(f, d) { var values = facets[f][d]; for (var i = 0; i < values.length; i++) counts[f][values[i]]++; }
    var n = candidates ? candidates.length : manifest.count;
    for (var c = 0; c < n; c++) {
      var d = candidates ? candidates[c] : c, failed = null, fails = 0;
      for (var a = 0; a < active.length && fails < 2; a++) if (!has(active[a], d)) { failed = active[a]; fails++; }
      if (fails === 0) {
        found.push(d);
        for (var f = 0; f < FACETS.length; f++) count(FACETS[f], d);
      } else if (fails === 1) {
        count(failed, d);
      }
    }
    return { found: found, counts: counts };
  }
  function showCounts(counts) {
    manifest.facets.forEach(function (facet) {
      facet.values.forEach(function (v, n) {
        var c = counts ? counts[facet.id][n] : v.count;
        if (SELECTS.indexOf(facet.id) >= 0) {
          var option = form.elements[facet.id].querySelector("option[value='" + CSS.escape(v.id) + "']");
          var text = option && option.dataset.label + " (" + c + ")";
          if (option && option.textContent !== text) option.textContent = text;
        } else {
          var span = form.querySelector("[data-count='" + CSS.escape(facet.id + ":" + v.id) + "']");
          // Only what changed: every write would lay the form out again.
          if (span && span.textContent !== String(c)) span.textContent = c;
        }
      });
    });
  }
  function say(n) {
    return n === 0 ? label.empty : n === 1 ? label.resultsOne : label.results.replace("{n}", n);
  }

  // On a page not in Chinese, text from the content that holds Chinese (a title with no title_en, an issuer's
  // name) is marked lang="zh-CN", as the pages mark it.
  // The ranges of `isCJK` (LanguageMarking.swift), which marks the pages.
  var han = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;
  var chinesePage = /^zh/i.test(document.documentElement.lang);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) {
      e.textContent = text;
      if (!chinesePage && han.test(text)) e.lang = "zh-CN";
    }
    return e;
  }
  function fact(dl, name, value) {
    if (!value) return;
    dl.appendChild(el("dt", "", name));
    dl.appendChild(el("dd", "", value));
  }
  function card(r) {
    var li = el("li", "card"), h = el("h3", "card-title"), a = el("a", "", r.t);
    a.href = r.u; h.appendChild(a); li.appendChild(h);
    var meta = el("p", "card-meta");
    meta.appendChild(el("span", "badge status-" + r.s, r.sl));
    if (r.cs === true) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "badge badge-soon", label.soon));
    }
    li.appendChild(meta);
    var dl = el("dl", "card-facts");
    fact(dl, label.issuer, r.i); fact(dl, label.industry, r.in); fact(dl, label.region, r.rn);
    fact(dl, label.bounty, r.bd); fact(dl, label.deadline, r.dd);
    li.appendChild(dl);
    return li;
  }
  // Shows results from..to of `current`, fetching only their rows.
  function page(seq, from, to, key) {
    return Promise.all(current.slice(from, to).map(row)).then(function (rows) {
      if (seq !== generation) return;
      if (from === 0) list.textContent = "";
      rows.forEach(function (r) { list.appendChild(card(r)); });
      shownCount = to;
      more.hidden = to >= current.length;
      results.setAttribute("data-shown", key);
      results.dispatchEvent(new CustomEvent("bangdan:results", { detail: key }));
    });
  }

  function run() {
    clearTimeout(timer);
    if (!manifest) return;
    var seq = ++generation, s = state(), words = queryTokens(s.q);
    var filtered = FACETS.some(function (f) { return s.filters[f].length > 0; });
    // Fetches first, then the URL: the network starts as early as it can.
    var wanted = [Promise.all(words.map(postings)), filtered ? loadFacets() : null, loadSort(s.sort)];
    toURL(s);
    var key = location.search;
    // Counts for a query need the facets; they may come after the results.
    var counting = words.length && !filtered ? loadFacets() : null;
    Promise.all(wanted).then(function (got) {
      if (seq !== generation) return;
      var lists = got[0], rank = got[2], candidates = null;
      if (words.length) {
        lists.sort(function (x, y) { return x.length - y.length; });
        candidates = lists.reduce(intersect);
      }
      var found;
      if (filtered) {
        var out = filter(candidates, s);
        found = out.found;
        showCounts(out.counts);
      } else {
        found = candidates || Array.from({ length: manifest.count }, function (_, i) { return i; });
        if (!words.length) showCounts(null);
      }
      if (rank) found = found.slice().sort(function (x, y) { return rank[x] - rank[y]; });
      current = found;
      status.textContent = say(found.length);
      if (counting) counting.then(function () { if (seq === generation) showCounts(filter(candidates, s).counts); });
      return page(seq, 0, manifest.page, key);
    }).catch(function () {
      if (seq === generation) status.textContent = label.failed;
    });
  }
  // Debounced: a key pressed after a pause runs at once; keys in a quick burst run once, 60 ms after the last.
  var lastKey = 0;
  function soon() {
    var now = performance.now(), idle = now - lastKey > 250;
    lastKey = now;
    clearTimeout(timer);
    if (idle) run();
    else timer = setTimeout(run, 60);
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  form.addEventListener("input", function (e) { if (e.target.name === "q") soon(); });
  form.addEventListener("change", function (e) { if (e.target.name !== "q") run(); });
  more.addEventListener("click", function () {
    page(generation, shownCount, shownCount + manifest.page, location.search).then(function () {
      var next = list.children[shownCount - manifest.page];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
  });
  fromURL();
  status.textContent = label.loading;
  load(root.href).then(function (m) {
    manifest = m;
    run();
    // The facets' counts are needed from the first key on: fetch and read them once the reader comes to the
    // form (before the first key), not for a reader who only looks.
    if (form.contains(document.activeElement)) loadFacets().catch(function () {});
    else form.addEventListener("focusin", function () { loadFacets().catch(function () {}); }, { once: true });
  }).catch(function () { status.textContent = label.failed; });
})();
