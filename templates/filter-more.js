/* drafttool: what the compilation and blame pages add to the delegation filter.
   filter.js, included before this file, registers its listener first, so this one runs
   after it has hidden the units of other delegations:
   - in an option group (overlapping proposals), the text as it stands
     ([data-filter-default]) is left when the filter hides every proposal's version of it,
     and hidden when the chosen delegation's version is shown;
   - elements of the chosen delegation get .dt-mine (highlighted where a page says so);
   - the count is of proposals (distinct data-proposal) or of passages, as the filter box's
     data-count says, in the words of its data-count-one and data-count-many ('{n}' the
     number) where it has them. */
(function () {
  "use strict";
  var SEPARATOR = "|";
  var box = document.getElementById("dt-filter");
  var select = document.getElementById("dt-filter-select");
  if (!box || !select) { return; }

  function mine(element, code) {
    var value = element.getAttribute("data-by");
    return !!code && !!value && value.split(SEPARATOR).indexOf(code) >= 0;
  }

  function afterFilter(code) {
    document.querySelectorAll("[data-filter-default]").forEach(function (original) {
      var scope = original.parentElement;
      var shown = scope ? scope.querySelector("[data-filter-unit]:not(.dt-filtered-out)") : null;
      original.classList.toggle("dt-filtered-out", !!code && !!shown);
    });
    var found = {};
    var passages = 0;
    document.querySelectorAll("[data-by]:not([data-filter-unit])").forEach(function (element) {
      var chosen = mine(element, code);
      element.classList.toggle("dt-mine", chosen);
      if (chosen && !element.closest(".dt-filtered-out")) {
        passages += 1;
        if (element.hasAttribute("data-proposal")) { found[element.getAttribute("data-proposal")] = true; }
      }
    });
    document.querySelectorAll("[data-filter-unit][data-proposal]").forEach(function (unit) {
      if (mine(unit, code)) { found[unit.getAttribute("data-proposal")] = true; }
    });
    var what = box.getAttribute("data-count");
    var count = document.getElementById("dt-filter-count");
    if (count && what && code) {
      var n = what === "proposals" ? Object.keys(found).length : passages;
      var one = box.getAttribute("data-count-one");
      var many = box.getAttribute("data-count-many");
      count.textContent = one && many ? (n === 1 ? one : many).replace("{n}", String(n))
        : n + " " + (n === 1 ? what.replace(/s$/, "") : what);
    }
  }

  select.addEventListener("change", function () { afterFilter(select.value); });
  if (select.value) { afterFilter(select.value); }
}());
