/* drafttool: the delegation filter.  Without script the page shows everything; the
   filter control stays hidden.  Printing is the stylesheet's: folds print as their
   summary line, as on screen. */
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
    var shownWords = box && box.getAttribute("data-shown");
    if (count) { count.textContent = code ? (shownWords || "{n} shown").replace("{n}", String(shown)) : ""; }
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
}());
