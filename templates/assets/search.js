// Bangdan search: filters the compact index at search/index.json. The filter state lives in the URL, so a
// filtered view can be shared. Plain substring matching works for Chinese without word segmentation.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results-section");
  if (!script || !form || !list) return;
  // Without a script the form leads to the links below it; with one, results show here as the reader chooses.
  if (results) results.hidden = false;
  var label = script.dataset;
  var fields = ["q", "industry", "region", "status", "category", "bounty", "deadline", "sort"];
  var index = null;

  // The build date, not the reader's clock, decides statuses, "closing soon" (`cs`, the build's one rule) and the
  // deadline windows, so the search says what the pages and the open data say ("状态截至" in every page's footer).
  function days(iso) { return Math.round((Date.parse(iso + "T00:00:00Z") - Date.parse(index.built + "T00:00:00Z")) / 86400000); }
  function norm(s) { return (s || "").toLowerCase().replace(/\s+/g, ""); }

  function state() {
    var params = new URLSearchParams(location.search), s = {};
    fields.forEach(function (f) { s[f] = params.get(f) || ""; });
    return s;
  }
  function fill(s) {
    fields.forEach(function (f) { if (form.elements[f]) form.elements[f].value = s[f] || (f === "sort" ? "closing" : ""); });
  }

  function bandMatches(r, band) {
    if (!band) return true;
    if (band === "negotiable") return r.n === true;
    if (typeof r.b !== "number") return false;
    if (band === "lt100") return r.b < 100;
    if (band === "100-500") return r.b >= 100 && r.b < 500;
    if (band === "500-1000") return r.b >= 500 && r.b < 1000;
    if (band === "ge1000") return r.b >= 1000;
    return true;
  }
  function deadlineMatches(r, w) {
    if (!w) return true;
    if (w === "none") return !r.d;
    if (!r.d) return false;
    var left = days(r.d);
    if (w === "passed") return left < 0;
    return left >= 0 && left <= Number(w);
  }
  function matches(r, s) {
    if (s.industry && r.ind.indexOf(s.industry) < 0) return false;
    if (s.region && r.reg.indexOf(s.region) < 0) return false;
    if (s.status && r.s !== s.status) return false;
    if (s.category && r.c !== s.category) return false;
    if (!bandMatches(r, s.bounty) || !deadlineMatches(r, s.deadline)) return false;
    if (s.q) {
      var text = norm(r.t + " " + r.i + " " + r.x), words = s.q.split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (text.indexOf(norm(words[i])) < 0) return false;
    }
    return true;
  }
  function compare(sort) {
    return function (a, b) {
      if (sort === "newest") return a.p < b.p ? 1 : a.p > b.p ? -1 : a.u < b.u ? -1 : 1;
      if (sort === "bounty") {
        var x = typeof a.b === "number" ? a.b : -1, y = typeof b.b === "number" ? b.b : -1;
        return x !== y ? y - x : a.u < b.u ? -1 : 1;
      }
      var da = a.d || "9999-99-99", db = b.d || "9999-99-99";
      return da !== db ? (da < db ? -1 : 1) : a.u < b.u ? -1 : 1;
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
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

  function show() {
    if (!index) return;
    var s = state();
    fill(s);
    var found = index.requirements.filter(function (r) { return matches(r, s); }).sort(compare(s.sort || "closing"));
    list.textContent = "";
    found.forEach(function (r) { list.appendChild(card(r)); });
    status.textContent = found.length ? found.length + " " + label.results : label.empty;
  }

  function submit(event) {
    event.preventDefault();
    var params = new URLSearchParams();
    fields.forEach(function (f) {
      var v = form.elements[f] && form.elements[f].value;
      if (v && !(f === "sort" && v === "closing")) params.set(f, v);
    });
    var query = params.toString();
    history.pushState(null, "", location.pathname + (query ? "?" + query : ""));
    show();
  }

  form.addEventListener("submit", submit);
  form.addEventListener("change", function (e) { if (e.target.tagName === "SELECT") submit(e); });
  window.addEventListener("popstate", show);
  fill(state());
  fetch(label.index).then(function (r) { return r.json(); }).then(function (data) {
    index = data;
    index.requirements.forEach(function (r) { if (typeof r.b === "string") r.b = Number(r.b); });
    show();
  });
})();
