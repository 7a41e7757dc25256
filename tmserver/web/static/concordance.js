/* The Concordance view: memory units containing a word or phrase, paged. */
import {
  $, api, appendMarked, clear, el, plural, setStatus, shortDate, SOURCE_LANG, targetLang
} from "./common.js";

var PER_PAGE = 10;

/** Wire up the view; returns what the rest of the page may call. */
export function setupConcordance() {
  var concordance = { q: "", side: "both", page: 1, total: 0 };
  var concordanceResults = $("concordance-results");

  function renderHit(hit, lang) {
    var item = el("li", "hit");
    var pair = el("div", "hit-pair");
    var source = el("p", "hit-source", null, { lang: SOURCE_LANG });
    appendMarked(source, hit.source || "", hit.source_spans, "hit-mark");
    var target = el("p", "hit-target", null, { lang: lang });
    appendMarked(target, hit.target || "", hit.target_spans, "hit-mark");
    pair.appendChild(source);
    pair.appendChild(target);
    item.appendChild(pair);
    var meta = el("p", "meta");
    if (hit.origin) { meta.appendChild(el("span", "origin", hit.origin)); }
    var date = shortDate(hit.changed);
    if (date) { meta.appendChild(el("time", "date", date, { datetime: date })); }
    item.appendChild(meta);
    return item;
  }

  function runConcordance() {
    if (!concordance.q) {
      clear(concordanceResults);
      $("concordance-pager").hidden = true;
      setStatus("concordance-status", "Type a word or phrase to search.");
      return;
    }
    var lang = targetLang();
    var query = "?q=" + encodeURIComponent(concordance.q) + "&page=" + concordance.page +
      "&per_page=" + PER_PAGE + "&side=" + encodeURIComponent(concordance.side);
    setStatus("concordance-status", "Searching…");
    api("/" + SOURCE_LANG + "/" + encodeURIComponent(lang) + "/concordance" + query).then(function (body) {
      clear(concordanceResults);
      var results = body.results || [];
      concordance.total = body.total || 0;
      var pages = Math.max(1, Math.ceil(concordance.total / PER_PAGE));
      if (results.length) {
        var list = el("ol", "hits", null, { start: String((concordance.page - 1) * PER_PAGE + 1) });
        results.forEach(function (hit) { list.appendChild(renderHit(hit, lang)); });
        concordanceResults.appendChild(list);
      }
      $("concordance-pager").hidden = concordance.total <= PER_PAGE;
      $("concordance-prev").disabled = concordance.page <= 1;
      $("concordance-next").disabled = concordance.page >= pages;
      $("concordance-page").textContent = "Page " + concordance.page + " of " + pages;
      setStatus("concordance-status", plural(concordance.total, "unit", "units") + " contain “" +
        concordance.q + "”" + (concordance.total > PER_PAGE ? "; page " + concordance.page + " of " + pages : "") + ".");
    }).catch(function (error) {
      setStatus("concordance-status", "Error: " + error.message, true);
    });
  }

  $("concordance-form").addEventListener("submit", function (event) {
    event.preventDefault();
    concordance.q = $("concordance-q").value.trim();
    concordance.side = $("concordance-side").value;
    concordance.page = 1;
    runConcordance();
  });
  $("concordance-prev").addEventListener("click", function () {
    if (concordance.page > 1) { concordance.page -= 1; runConcordance(); }
  });
  $("concordance-next").addEventListener("click", function () {
    concordance.page += 1;
    runConcordance();
  });

  return { refresh: function () { if (concordance.q) { concordance.page = 1; runConcordance(); } } };
}
