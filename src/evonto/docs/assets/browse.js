// The findings browser: filters the findings embedded in the page (no network, no libraries).
// Each drop-down filters one field; an option's count is what choosing it would show, given
// the other filters. The choice is kept in the address fragment (#organ=UBERON:0002048&...).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("findings-data").textContent);
  var labels = data.labels;
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-field]"));
  var results = document.getElementById("results");
  var roles = data.roleClasses;
  var count = document.getElementById("result-count");

  function has(finding, field, value) {
    var v = finding[field];
    return Array.isArray(v) ? v.indexOf(value) >= 0 : v === value;
  }

  function passes(finding, skip, extra) {
    return selects.every(function (s) {
      var value = s === skip ? extra : s.value;
      return value === "" || value === undefined || has(finding, s.dataset.field, value);
    });
  }

  function link(text, href) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function named(values) {
    return [].concat(values).map(function (v) { return labels[v] || v; });
  }

  function pair(list, term, parts) {
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    parts.forEach(function (part, i) {
      if (i) dd.appendChild(document.createTextNode(", "));
      dd.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    if (!parts.length) dd.textContent = "\u2014";
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function card(f) {
    var article = document.createElement("article");
    article.className = "finding-card role-" + roles[f.role];
    article.id = f.id;
    var heading = document.createElement("h2");
    heading.appendChild(link(f.id, "findings.html#" + f.id));
    heading.appendChild(document.createTextNode(" " + f.label));
    article.appendChild(heading);
    var summary = document.createElement("p");
    summary.textContent = f.summary;
    article.appendChild(summary);
    var list = document.createElement("dl");
    pair(list, "Organ", named(f.organ));
    pair(list, "Role", named(f.role));
    pair(list, "Cargo kind", named(f.cargoKind));
    pair(list, "Cargo", f.cargo);
    pair(list, "Mechanisms", f.mechanism);
    pair(list, "Target cells", f.targetCell);
    pair(list, "Species", named(f.species));
    pair(list, "Evidence", named(f.evidence).concat(f.confidence.map(function (c) {
      return c + " confidence";
    })));
    pair(list, "Sources", f.sources.map(function (s) { return link(s.text, s.href); }));
    article.appendChild(list);
    return article;
  }

  function render(shown) {
    results.textContent = "";
    shown.forEach(function (f) { results.appendChild(card(f)); });
  }

  function update() {
    var shown = data.findings.filter(function (f) { return passes(f, null); });
    count.dataset.count = String(shown.length);
    count.textContent = shown.length + " of " + data.findings.length + " findings";
    selects.forEach(function (s) {
      Array.prototype.forEach.call(s.options, function (o) {
        var n = data.findings.filter(function (f) { return passes(f, s, o.value); }).length;
        o.textContent = o.dataset.label + " (" + n + ")";
      });
    });
    render(shown);
    var state = selects
      .filter(function (s) { return s.value !== ""; })
      .map(function (s) { return s.dataset.field + "=" + encodeURIComponent(s.value); })
      .join("&");
    if (state !== location.hash.slice(1)) {
      history.replaceState(null, "", state ? "#" + state : location.pathname + location.search);
    }
  }

  function restore() {
    var wanted = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) wanted[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
    });
    selects.forEach(function (s) {
      var value = wanted[s.dataset.field] || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
  }

  selects.forEach(function (s) { s.addEventListener("change", update); });
  document.getElementById("reset").addEventListener("click", function () {
    selects.forEach(function (s) { s.value = ""; });
    update();
  });
  window.addEventListener("hashchange", function () { restore(); update(); });
  restore();
  update();
  results.hidden = false;
})();
