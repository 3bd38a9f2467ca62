// Bangdan search over a chunked index (Sources/BangdanRender/Data/SearchIndex.swift says what each file holds):
// the manifest first, then only the token shards a query needs, the facets once a query or a filter needs their
// counts, and the display rows of the results shown. Results come as the reader types; the state lives in the
// URL (replaceState), so a view can be shared and reloaded. Statuses, "closing soon" and the deadline windows
// were decided by the build, never by the reader's clock.
// Each key's answer waits for as little as it can (bench/search.py measures it on a slowed CPU): the fragments
// of the first page are asked for the moment its documents are known, the cards drawn in one go, and what the
// reader does not need to see the results (the facets' counts, the URL) follows in the frame after them.
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
  var shownKey = "", countNodes = null;

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
  // Rice-coded ascending document numbers (Postings in SearchIndex.swift), each passed to `each` when given, else
  // returned in an array. The unary part is read a character's bits at a time (the ones before its first zero).
  function decode(text, each) {
    var k = VALUE[text.charCodeAt(0)], step = Math.pow(2, k), out = each ? null : [], id = -1, pos = 1;
    var n = text.length, word = 0, bits = 0;
    for (;;) {
      var q = 0;
      for (;;) {
        if (bits === 0) {
          if (pos >= n) return out;
          word = VALUE[text.charCodeAt(pos++)];
          bits = 6;
        }
        var mask = (1 << bits) - 1, rest = word & mask;
        if (rest === mask) { q += bits; bits = 0; continue; }
        var zero = 31 - Math.clz32(~rest & mask);  // the first zero, counted from the lowest bit
        q += bits - 1 - zero;
        bits = zero;
        break;
      }
      var r = 0, need = k;
      while (need > 0) {
        if (bits === 0) {
          if (pos >= n) return out;
          word = VALUE[text.charCodeAt(pos++)];
          bits = 6;
        }
        var take = need < bits ? need : bits;
        bits -= take;
        r = r * (1 << take) + ((word >> bits) & ((1 << take) - 1));
        need -= take;
      }
      id += q * step + r + 1;
      if (each) each(id);
      else out.push(id);
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
  // Per facet, per document, the values it has as a bit set: `words` 32-bit words a document, bit v for value v
  // (a tree's values include their descendants' documents). Made once, a facet at a time when the page is idle,
  // so a key typed meanwhile is not held up by them; all at once when a filter waits for them (`now`).
  var building = null, hurry = false;
  function loadFacets(now) {
    if (now) hurry = true;
    if (!building) {
      building = load(manifest.facet_file).then(function (data) {
        return new Promise(function (done) {
          var built = [];
          function next() {
            var facet = manifest.facets[built.length];
            if (!facet) { facets = built; return done(built); }
            var words = Math.max(1, Math.ceil(facet.values.length / 32)), set = new Int32Array(manifest.count * words);
            (data[facet.id] || []).forEach(function (text, v) {
              var w = v >> 5, b = 1 << (v & 31);
              decode(text, function (d) { set[d * words + w] |= b; });
            });
            built.push({ id: facet.id, words: words, set: set, size: facet.values.length });
            later();
          }
          function later() {
            if (hurry) next();
            else idle(next);
          }
          later();
        });
      });
      building.catch(function () { building = null; });
    }
    return building;
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
  function queryString(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) { s.filters[f].forEach(function (v) { params.append(f, v); }); });
    if (s.sort !== "closing") params.set("sort", s.sort);
    var query = params.toString();
    return query ? "?" + query : "";
  }
  function toURL(query) {
    if (location.search !== query) history.replaceState(null, "", location.pathname + query + location.hash);
  }
  function idle(work) {
    if (window.requestIdleCallback) requestIdleCallback(work, { timeout: 500 });
    else setTimeout(work, 0);
  }
  // After the frame that draws what was just changed (at once when the page is hidden and draws no frames).
  function afterPaint(work) {
    if (document.hidden) setTimeout(work, 0);
    else requestAnimationFrame(function () { setTimeout(work, 0); });
  }

  // --- results ------------------------------------------------------------------------------------------------
  // The documents that match the query and every facet, and each facet value's count among the documents that
  // match the query and every other facet (so a facet's counts say what choosing one of its values would give).
  // `counting`: whether the counts are wanted (they are drawn after the results).
  function filter(candidates, s, counting) {
    var want = [], active = [], counts = {};
    facets.forEach(function (facet, f) {
      var chosen = new Int32Array(facet.words);
      manifest.facets[f].values.forEach(function (v, n) {
        if ((s.filters[facet.id] || []).indexOf(v.id) >= 0) chosen[n >> 5] |= 1 << (n & 31);
      });
      want.push(chosen);
      if ((s.filters[facet.id] || []).length) active.push(f);
      counts[facet.id] = new Array(facet.size).fill(0);
    });
    var found = [];
    function has(f, d) {
      var facet = facets[f], words = facet.words, set = facet.set, chosen = want[f], base = d * words;
      for (var w = 0; w < words; w++) if (set[base + w] & chosen[w]) return true;
      return false;
    }
    function count(f, d) {
      var facet = facets[f], words = facet.words, set = facet.set, into = counts[facet.id], base = d * words;
      for (var w = 0; w < words; w++) {
        for (var x = set[base + w]; x !== 0; x &= x - 1) into[w * 32 + 31 - Math.clz32(x & -x)]++;
      }
    }
    var n = candidates ? candidates.length : manifest.count, all = facets.length, enough = counting ? 2 : 1;
    for (var c = 0; c < n; c++) {
      var d = candidates ? candidates[c] : c, failed = -1, fails = 0;
      for (var a = 0; a < active.length && fails < enough; a++) if (!has(active[a], d)) { failed = active[a]; fails++; }
      if (fails === 0) {
        found.push(d);
        if (counting) for (var f = 0; f < all; f++) count(f, d);
      } else if (fails === 1 && counting) {
        count(failed, d);
      }
    }
    return { found: found, counts: counts };
  }
  // Each value's option (industry, region) or count (the checkboxes), found once.
  function countNode(facet, v) {
    if (SELECTS.indexOf(facet.id) >= 0) {
      var option = form.elements[facet.id].querySelector("option[value='" + CSS.escape(v.id) + "']");
      return option && { node: option, text: function (c) { return option.dataset.label + " (" + c + ")"; } };
    }
    var span = form.querySelector("[data-count='" + CSS.escape(facet.id + ":" + v.id) + "']");
    return span && { node: span, text: String };
  }
  function showCounts(counts) {
    if (!countNodes) {
      countNodes = manifest.facets.map(function (facet) {
        return facet.values.map(function (v) { return countNode(facet, v); });
      });
    }
    manifest.facets.forEach(function (facet, f) {
      facet.values.forEach(function (v, n) {
        var target = countNodes[f][n], text = target && target.text(counts ? counts[facet.id][n] : v.count);
        // Only what changed: every write would lay the form out again.
        if (target && target.node.textContent !== text) target.node.textContent = text;
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
    // Until the frame that draws it has been shown, a card off screen is not laid out or painted (page()): that
    // frame costs only what shows. (Set here, not in site.css, whose checker does not know these properties yet.)
    li.style.contentVisibility = "auto";
    li.style.containIntrinsicSize = "auto 14rem";
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
  // Shows results from..to of `current`, fetching only their rows (all at once), drawn together.
  function page(seq, from, to, key) {
    return Promise.all(current.slice(from, to).map(row)).then(function (rows) {
      if (seq !== generation) return false;
      var cards = document.createDocumentFragment(), drawn = rows.map(card);
      drawn.forEach(function (li) { cards.appendChild(li); });
      if (from === 0) list.textContent = "";
      list.appendChild(cards);
      // Then the cards off screen too, so that scrolling, a full-page screenshot or printing finds them drawn.
      afterPaint(function () {
        drawn.forEach(function (li) { li.style.contentVisibility = li.style.containIntrinsicSize = ""; });
      });
      shownCount = to;
      shownKey = key;
      more.hidden = to >= current.length;
      results.setAttribute("data-shown", key);
      results.dispatchEvent(new CustomEvent("bangdan:results", { detail: key }));
      return true;
    });
  }

  function run() {
    clearTimeout(timer);
    if (!manifest) return;
    var seq = ++generation, s = state(), words = queryTokens(s.q), key = queryString(s);
    var filtered = FACETS.some(function (f) { return s.filters[f].length > 0; });
    var wanted = [Promise.all(words.map(postings)), filtered ? loadFacets(true) : null, loadSort(s.sort)];
    var candidates = null;
    // After the results: the URL, then the counts (from the facets, fetched once, unless nothing is asked).
    function after() {
      if (seq !== generation) return;
      toURL(key);
      if (!filtered && !words.length) return showCounts(null);
      loadFacets().then(function () {
        if (seq === generation) showCounts(filter(candidates, s, true).counts);
      }).catch(function () {});
    }
    Promise.all(wanted).then(function (got) {
      if (seq !== generation) return;
      var lists = got[0], rank = got[2], found;
      if (words.length) {
        lists.sort(function (x, y) { return x.length - y.length; });
        candidates = lists.reduce(intersect);
      }
      if (filtered) found = filter(candidates, s, false).found;
      else found = candidates || Array.from({ length: manifest.count }, function (_, i) { return i; });
      if (rank) found = found.slice().sort(function (x, y) { return rank[x] - rank[y]; });
      current = found;
      // The first page's fragments are asked for before anything is drawn.
      var drawn = page(seq, 0, manifest.page, key);
      status.textContent = say(found.length);
      return drawn.then(function (shown) { if (shown) afterPaint(after); });
    }).catch(function () {
      if (seq !== generation) return;
      status.textContent = label.failed;
      toURL(key);
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
    page(generation, shownCount, shownCount + manifest.page, shownKey).then(function () {
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
