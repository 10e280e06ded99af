/* Draw every chart on the page from the Chart.js config the server put in a json_script tag.
   The configs are built in dashboard/charts.py; this file only wires them to their canvases.
   The map (type bubbleMap, from the vendored chartjs-chart-geo) first loads Vietnam's outline,
   a vendored static file: nothing comes from the network. */
(function () {
  "use strict";

  function bubbleTooltip(config) {
    // Bubbles carry the organisation's name and numbers; show those rather than raw x/y/r.
    config.options.plugins = config.options.plugins || {};
    config.options.plugins.tooltip = Object.assign({}, config.options.plugins.tooltip, {
      callbacks: {
        label: function (ctx) {
          var d = ctx.raw || {};
          var fmt = new Intl.NumberFormat(config.options.locale);
          var parts = [d.name];
          if (d.admitted !== null && d.admitted !== undefined) parts.push(fmt.format(d.admitted));
          if (d.pct !== null && d.pct !== undefined) parts.push(fmt.format(d.pct) + " %");
          return parts.join(" · ") + " — " + ctx.dataset.label;
        }
      }
    });
  }

  // --- the map ---------------------------------------------------------------------------------

  function corners(fit) {
    // [[west, south], [east, north]] as its four corners: points, so no polygon winding to get
    // wrong (d3-geo reads a ring the wrong way round as the whole globe less the box).
    var w = fit[0][0], s = fit[0][1], e = fit[1][0], n = fit[1][1];
    return { type: "MultiPoint", coordinates: [[w, s], [e, s], [e, n], [w, n]] };
  }

  // Fits the projection to the country (with the archipelagos) or to the bubbles' extent, and
  // marks the archipelagos Natural Earth's outline leaves out as small labelled points.
  var vietnamMap = {
    id: "vietnamMap",
    beforeDatasetsUpdate: function (chart, args, opts) {
      var scale = chart.scales.projection;
      if (!scale || !opts.bounds) return;
      scale.computeBounds(opts.bounds);
      scale.updateBounds();
    },
    afterDatasetsDraw: function (chart, args, opts) {
      var scale = chart.scales.projection;
      var area = chart.chartArea;
      if (!scale || !opts.islands) return;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "italic 11px system-ui, sans-serif";
      ctx.textBaseline = "middle";
      opts.islands.forEach(function (island) {
        var p = scale.projection([island.longitude, island.latitude]);
        if (!p || p[0] < area.left || p[0] > area.right || p[1] < area.top || p[1] > area.bottom) return;
        ctx.fillStyle = "#455a64";
        ctx.beginPath();
        ctx.arc(p[0], p[1], 2.5, 0, 2 * Math.PI);
        ctx.fill();
        var width = ctx.measureText(island.name).width;
        var right = p[0] + 6 + width <= area.right;
        ctx.textAlign = right ? "left" : "right";
        ctx.fillText(island.name, right ? p[0] + 6 : p[0] - 6, p[1]);
      });
      ctx.restore();
    }
  };

  function prepareMap(config, topology) {
    var opts = config.options.plugins.vietnamMap;
    var outline = null;
    if (topology && window.ChartGeo) {
      outline = ChartGeo.topojson.feature(topology, topology.objects[opts.object]).features[0];
    }
    var islands = { type: "MultiPoint", coordinates: opts.islands.map(function (i) { return [i.longitude, i.latitude]; }) };
    opts.bounds = opts.fit
      ? corners(opts.fit)
      : { type: "GeometryCollection", geometries: outline ? [outline.geometry, islands] : [islands] };
    var datasets = config.data.datasets;
    if (outline) {
      // The outline is drawn by the last dataset, which Chart.js draws first, under every bubble;
      // with no bubbles, by an empty, unnamed one.
      if (!datasets.length) datasets.push({ label: "", data: [] });
      var last = datasets.length - 1;
      datasets.forEach(function (ds, i) {
        ds.outline = outline;
        ds.showOutline = i === last;
      });
      Object.assign(datasets[last], opts.land);
    }
    config.options.plugins.legend = Object.assign({}, config.options.plugins.legend, {
      labels: { usePointStyle: true, filter: function (item) { return item.text !== ""; } }
    });
    config.plugins = [vietnamMap];
    bubbleTooltip(config);
    return config;
  }

  function loadMap(config) {
    var url = config.options.plugins.vietnamMap.outline;
    return fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      })
      .then(function (topology) { return prepareMap(config, topology); })
      .catch(function (error) {
        // Still show the bubbles, where they are, without the country's outline.
        console.warn("Vietnam outline not loaded:", error);
        return prepareMap(config, null);
      });
  }

  // --- every chart -----------------------------------------------------------------------------

  function draw() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var config = JSON.parse(source.textContent);
      if (config.type === "bubbleMap") {
        if (!window.ChartGeo) return;
        loadMap(config).then(function (ready) { new Chart(canvas, ready); });
        return;
      }
      if (config.type === "bubble") bubbleTooltip(config);
      new Chart(canvas, config);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
