// The report pages' charts: Apache ECharts (vendored) drawn from the JSON the page carries
// (<script type="application/json" id="report-charts">), SVG so that they print sharp; and the print button.
// Nothing inline: the report pages' Content-Security-Policy allows scripts from this server only.
(function () {
  "use strict";
  var charts = [];

  function option(spec) {
    var unit = spec.unit || "";
    var tooltip = { trigger: spec.kind === "pie" ? "item" : "axis", valueFormatter: function (v) {
      return v === null || v === undefined ? "—" : v + (unit === "%" ? "%" : " " + unit);
    } };
    if (spec.kind === "pie") {
      return {
        animation: false, tooltip: tooltip, legend: { bottom: 0, type: "plain" },
        series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"], label: { formatter: "{b}\n{c}" },
          data: spec.categories.map(function (c, i) {
            var d = { name: c, value: spec.series[0].data[i] };
            if (spec.colors) { d.itemStyle = { color: spec.colors[i] }; }
            return d;
          })
            .filter(function (d) { return d.value > 0; }) }]
      };
    }
    var stacked = spec.kind === "stack";
    return {
      animation: false,
      tooltip: tooltip,
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: spec.mark ? 48 : 16, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 40 : 0 } },
      yAxis: { type: "value", max: unit === "%" ? 100 : undefined, axisLabel: { formatter: unit === "%" ? "{value}%" : "{value}" },
        minInterval: unit === "%" || unit === "天" ? undefined : 1 },
      series: spec.series.map(function (s) {
        var one = { type: "bar", name: s.name, data: s.data, stack: stacked ? "all" : undefined, barMaxWidth: 48,
          label: { show: !stacked, position: "top", formatter: unit === "%" ? "{c}%" : "{c}" } };
        if (s.color) { one.itemStyle = { color: s.color }; }
        if (spec.mark) { one.markLine = { symbol: "none", data: [{ yAxis: spec.mark.value, name: spec.mark.name }],
          lineStyle: { color: "#b3261e", type: "dashed" }, label: { formatter: spec.mark.name } }; }
        return one;
      })
    };
  }

  function draw() {
    var data = document.getElementById("report-charts");
    if (!data || !window.echarts) { return; }
    JSON.parse(data.textContent).forEach(function (spec) {
      var el = document.getElementById(spec.id);
      if (!el) { return; }
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option(spec));
      el.dataset.drawn = "true";
      charts.push(chart);
    });
  }

  function resize() { charts.forEach(function (c) { c.resize(); }); }

  document.addEventListener("DOMContentLoaded", function () {
    draw();
    var button = document.getElementById("print-report");
    if (button) { button.addEventListener("click", function () { window.print(); }); }
    window.addEventListener("resize", resize);
    window.addEventListener("beforeprint", resize);
    window.addEventListener("afterprint", resize);
    if (window.matchMedia) { window.matchMedia("print").addEventListener("change", resize); }
  });
})();
