// storyline serve: small enhancements; every page works without them. Data comes from
// <script type="application/json"> blocks and reaches the page only through textContent and
// attributes set one by one, never through innerHTML.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function readData(id) {
    var node = document.getElementById(id);
    if (!node) {
      return null;
    }
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      return null;
    }
  }

  // The evidence view: the link's #evidence puts the highlighted span at the top of the
  // window; once the page has loaded, move it to the middle, with some context above it.
  function showEvidence() {
    var data = readData("article-data");
    var mark = document.getElementById("evidence");
    if (data && data.highlight && mark) {
      mark.focus({ preventScroll: true });
      window.addEventListener("load", function () {
        mark.scrollIntoView({ block: "center" });
      });
    }
  }

  function dayNumber(value) {
    var match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value || "");
    if (!match) {
      return null;
    }
    var time = Date.UTC(+match[1], match[2] ? +match[2] - 1 : 0, match[3] ? +match[3] : 1);
    return Math.round(time / 86400000);
  }

  function svg(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, String(attributes[key]));
    });
    return node;
  }

  function isoDay(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  // The overview: one row per outlet, one dot per article at its publication date.
  function drawCoverage() {
    var holder = document.getElementById("coverage-chart");
    var data = readData("coverage-data");
    if (!holder || !Array.isArray(data)) {
      return;
    }
    var points = data
      .map(function (item) {
        return { item: item, day: dayNumber(item.published) };
      })
      .filter(function (point) {
        return point.day !== null && /^\/articles\//.test(point.item.href);
      });
    if (!points.length) {
      return;
    }
    var outlets = [];
    points.forEach(function (point) {
      if (outlets.indexOf(point.item.outlet) < 0) {
        outlets.push(point.item.outlet);
      }
    });
    outlets.sort();
    var first = Math.min.apply(null, points.map(function (p) { return p.day; }));
    var last = Math.max.apply(null, points.map(function (p) { return p.day; }));
    var span = Math.max(last - first, 1);
    var left = 190, right = 20, row = 26, top = 10, width = 820;
    var height = top + outlets.length * row + 30;
    var chart = svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      class: "coverage-svg",
    });
    var title = svg("title", {});
    title.textContent = "Articles by outlet and publication date";
    chart.appendChild(title);
    outlets.forEach(function (outlet, index) {
      var y = top + index * row + row / 2;
      var label = svg("text", { x: left - 8, y: y + 4, "text-anchor": "end", class: "label" });
      label.textContent = outlet.length > 28 ? outlet.slice(0, 27) + "…" : outlet;
      chart.appendChild(label);
      chart.appendChild(svg("line", { x1: left, x2: width - right, y1: y, y2: y, class: "grid" }));
    });
    points.forEach(function (point) {
      var x = left + ((point.day - first) / span) * (width - left - right);
      var y = top + outlets.indexOf(point.item.outlet) * row + row / 2;
      var link = svg("a", { href: point.item.href });
      var dot = svg("circle", { cx: x.toFixed(1), cy: y, r: 6, class: "dot" });
      var tip = svg("title", {});
      tip.textContent = point.item.published + ": " + point.item.title;
      dot.appendChild(tip);
      link.appendChild(dot);
      chart.appendChild(link);
    });
    var axis = top + outlets.length * row + 18;
    var start = svg("text", { x: left, y: axis, class: "label" });
    start.textContent = isoDay(first);
    var end = svg("text", { x: width - right, y: axis, "text-anchor": "end", class: "label" });
    end.textContent = isoDay(last);
    chart.appendChild(start);
    chart.appendChild(end);
    holder.appendChild(chart);
  }

  showEvidence();
  drawCoverage();
})();
