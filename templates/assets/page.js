// Keeps a page's dates true between builds (issue 12 item 3) and lets the reader copy the page's link (item 2).
// Every text comes from data attributes the build writes in the page's language; the closing-soon window comes
// from the build's one rule (data-soon-days). Without this script the page states its build date in the footer.
(function () {
  "use strict";
  var DAY = 86400000;

  // Today's date in China (UTC+8) as days since 1970-01-01, from a time in milliseconds.
  function chinaDay(ms) {
    return Math.floor((ms + 8 * 3600000) / DAY);
  }

  // "2023-03-01" as days since 1970-01-01; NaN when it is not a date.
  function isoDay(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : NaN;
  }

  // The build's rule: open through the whole of its last day, closing soon from soonDays before it.
  function deadlineState(today, deadline, soonDays) {
    var left = deadline - today;
    if (left < 0) return { state: "closed", left: left };
    return { state: left <= soonDays ? "soon" : "open", left: left };
  }

  function fill(template, name, value) {
    return template.split("{" + name + "}").join(value);
  }

  function updateDeadlines(script, today) {
    var s = script.dataset;
    var nodes = document.querySelectorAll("[data-deadline]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      var st = deadlineState(today, isoDay(node.dataset.deadline), +node.dataset.soonDays);
      if (isNaN(st.left)) continue;
      var text =
        st.left < 0 ? s.passed : st.left === 0 ? s.closesToday : fill(s.daysLeft || "", "n", String(st.left));
      var note = node.querySelector(".countdown");
      if (st.state === "open" && !("always" in node.dataset)) {
        if (note) note.parentNode.removeChild(note);
      } else {
        if (!note) {
          note = document.createElement("span");
          note.className = "countdown";
          node.appendChild(note);
        }
        note.textContent = fill(fill(s.note || "", "main", ""), "note", text);
      }
      var scope = node.closest(".card, .requirement") || document;
      var soon = scope.querySelector(".badge-soon");
      var badge = scope.querySelector(".badge.status-open");
      if (st.state === "closed") {
        if (soon) soon.parentNode.removeChild(soon);
        if (badge) {
          badge.textContent = s.closed;
          badge.className = "badge status-closed";
        }
        var cta = scope.querySelector(".apply-cta");
        if (cta) cta.hidden = true;
      } else if (st.state === "soon" && !soon && badge) {
        soon = document.createElement("span");
        soon.className = "badge badge-soon";
        soon.textContent = s.soon;
        badge.insertAdjacentElement("afterend", soon);
        badge.insertAdjacentText("afterend", " ");
      } else if (st.state === "open" && soon) {
        soon.parentNode.removeChild(soon);
      }
    }
  }

  function setUpCopy() {
    var button = document.querySelector(".copy-link");
    var field = document.querySelector(".page-url");
    var status = document.querySelector(".copy-status");
    if (!button || !field || !status) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      function selected() {
        field.focus();
        field.select();
        var copied = false;
        try {
          copied = document.execCommand("copy");
        } catch (e) {}
        status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed;
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          status.textContent = button.dataset.copied;
        }, selected);
      } else {
        selected();
      }
    });
  }

  var script = document.currentScript || document.querySelector("script[data-built]");
  if (script) {
    var today = chinaDay(Date.now());
    // A reader's clock behind the build date is wrong: the build's dates stand.
    if (today >= isoDay(script.dataset.built)) updateDeadlines(script, today);
    setUpCopy();
  }
})();
