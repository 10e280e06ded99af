/* Draw every chart on the page from the Chart.js config the server put in a json_script tag.
   The configs are built in dashboard/charts.py; this file only wires them to their canvases. */
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

  function draw() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var config = JSON.parse(source.textContent);
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
