// The hall dashboard's few lines of its own: deadlines counting down, the live dot, a page-load marker.
(function () {
  "use strict";
  // Set once per page load: a test (or a person) can tell a live swap from a reload.
  window.zizhuLoadedAt = window.zizhuLoadedAt || Date.now();

  function span(seconds) {
    var minutes = Math.floor(seconds / 60), hours = Math.floor(minutes / 60);
    minutes = minutes % 60;
    return hours ? hours + " 小时 " + minutes + " 分钟" : minutes + " 分钟";
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (el) {
      var left = (Date.parse(el.dataset.deadline) - now) / 1000;
      if (isNaN(left)) { return; }
      el.textContent = left >= 0 ? "剩 " + span(left) : "超时 " + span(-left);
      el.classList.toggle("late", left < 0);
    });
  }
  setInterval(tick, 1000);

  function dot(state) {
    var el = document.getElementById("live-dot");
    if (!el) { return; }
    el.classList.toggle("on", state === "on");
    el.classList.toggle("off", state === "off");
    el.textContent = state === "on" ? "实时" : state === "off" ? "连接中断" : "连接中";
  }
  document.addEventListener("htmx:sseOpen", function () { dot("on"); });
  document.addEventListener("htmx:sseError", function () { dot("off"); });
  document.addEventListener("htmx:afterSwap", function () {
    var t = document.getElementById("page-time");
    if (t) { t.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false }); }
    tick();
  });
})();
