/* drafttool: the delegation filter and printing.  Without script the page shows
   everything; the filter control stays hidden. */
(function () {
  "use strict";
  var SEPARATOR = "|";

  function codes(element) {
    var value = element.getAttribute("data-by");
    return value ? value.split(SEPARATOR) : [];
  }

  function applyFilter(code) {
    var units = document.querySelectorAll("[data-filter-unit]");
    var shown = 0;
    units.forEach(function (unit) {
      var keep = !code || codes(unit).indexOf(code) >= 0;
      unit.classList.toggle("dt-filtered-out", !keep);
      if (keep) { shown += 1; }
    });
    document.querySelectorAll("[data-by]:not([data-filter-unit])").forEach(function (span) {
      span.classList.toggle("dt-other", !!code && codes(span).indexOf(code) < 0);
    });
    document.querySelectorAll("details.fold").forEach(function (fold) {
      fold.classList.toggle("dt-filtered-out",
        !!code && !fold.querySelector("[data-filter-unit]:not(.dt-filtered-out)"));
    });
    var count = document.getElementById("dt-filter-count");
    if (count) { count.textContent = code ? shown + " shown" : ""; }
    document.documentElement.setAttribute("data-filter", code || "");
  }

  var box = document.getElementById("dt-filter");
  var select = document.getElementById("dt-filter-select");
  if (box && select) {
    box.hidden = false;
    select.addEventListener("change", function () { applyFilter(select.value); });
    if (select.value) { applyFilter(select.value); }
  }
  window.drafttoolFilter = applyFilter;

  /* Folded paragraphs are printed open, and closed again afterwards. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
}());
