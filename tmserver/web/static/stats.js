/* The Memory view: units per language pair and origin. */
import { $, api, clear, el, plural, setStatus, shortDate, targetName } from "./common.js";

/** Wire up the view; returns what the rest of the page may call. */
export function setupStats() {
  var statsLoaded = false;

  function renderStats(body) {
    var results = $("stats-results");
    clear(results);
    var summary = plural(body.total || 0, "unit", "units") + " in the memory" +
      (body.last_update ? "; last update " + shortDate(body.last_update) : "") + ".";
    (body.pairs || []).forEach(function (pair) {
      var table = el("table", "stats-table");
      table.appendChild(el("caption", null, "English → " + targetName(pair.target_lang) + ": " +
        plural(pair.units || 0, "unit", "units")));
      var head = el("tr");
      ["Origin", "Units", "Last update"].forEach(function (name) { head.appendChild(el("th", null, name, { scope: "col" })); });
      var thead = el("thead");
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");
      (pair.origins || []).forEach(function (origin) {
        var row = el("tr");
        row.appendChild(el("th", null, origin.origin || "(none)", { scope: "row" }));
        row.appendChild(el("td", "number", String(origin.units)));
        row.appendChild(el("td", null, shortDate(origin.last_update)));
        tbody.appendChild(row);
      });
      table.appendChild(tbody);
      var wrap = el("div", "table-wrap");
      wrap.appendChild(table);
      results.appendChild(wrap);
    });
    setStatus("stats-status", summary);
  }

  function loadStats() {
    setStatus("stats-status", "Loading…");
    api("/stats").then(function (body) { statsLoaded = true; renderStats(body); }).catch(function (error) {
      setStatus("stats-status", "Error: " + error.message, true);
    });
  }

  $("stats-refresh").addEventListener("click", loadStats);

  return { show: function () { if (!statsLoaded) { loadStats(); } } };
}
