/* The Suggestions view: per sentence, the best memory matches with their differences. */
import {
  $, appendMarked, clear, copyText, el, findRanges, plural, postJSON, setStatus, shortDate, SOURCE_LANG, submitOnEnter, targetLang, targetName
} from "./common.js";
import { diffWords, renderDiff } from "./diff.js";

var DEBOUNCE_MS = 300;

/** Wire up the view; returns what the rest of the page may call. */
export function setupSuggestions() {
  var suggestForm = $("suggest-form");
  var suggestText = $("suggest-text");
  var suggestResults = $("suggest-results");
  var suggestTimer = null;
  var suggestAbort = null;
  var lastSuggestKey = "";

  function qualityBand(quality) {
    if (quality >= 100) { return { name: "exact", label: "Exact match" }; }
    if (quality >= 90) { return { name: "high", label: "High match" }; }
    if (quality >= 75) { return { name: "mid", label: "Fuzzy match" }; }
    return { name: "low", label: "Weak match" };
  }

  /** A visible note of what was adapted: "date 18.10.2018. → 19. oktobra 2019.". */
  function substitutionNote(substitutions) {
    var parts = substitutions.map(function (s) {
      return (s.kind ? s.kind + " " : "") + s.from + " → " + s.to;
    });
    return el("p", "adapted-note", "Adapted to your text: " + parts.join("; "));
  }

  function renderSuggestion(query, suggestion, number, lang) {
    var item = el("li", "suggestion");
    var head = el("div", "suggestion-head");
    var quality = Math.round(Number(suggestion.quality) || 0);
    var band = qualityBand(quality);
    head.appendChild(el("span", "badge badge-" + band.name, quality + "%", {
      title: band.label, "aria-label": band.label + ", quality " + quality + " percent"
    }));
    var meta = el("span", "meta");
    var origin = suggestion.origin || (suggestion.origins || [])[0] || "";
    if (origin) { meta.appendChild(el("span", "origin", origin, { title: "Origin" })); }
    var date = shortDate(suggestion.changed || suggestion.created);
    if (date) { meta.appendChild(el("time", "date", date, { datetime: date })); }
    if (suggestion.context) { meta.appendChild(el("span", "context", suggestion.context)); }
    if (suggestion.transliterated) { meta.appendChild(el("span", "flag", "transliterated")); }
    if (suggestion.substituted) { meta.appendChild(el("span", "flag", "adapted")); }
    head.appendChild(meta);
    item.appendChild(head);

    var source = el("p", "memory-source", null, { lang: SOURCE_LANG });
    source.appendChild(el("span", "row-label", "Memory: "));
    var ops = diffWords(query, suggestion.source || "");
    renderDiff(source, ops);
    item.appendChild(source);

    var target = el("p", "memory-target", null, { lang: lang });
    target.appendChild(el("span", "row-label", "Translation: ", { lang: "en" }));
    var needles = (suggestion.substitutions || []).map(function (s) { return s.to; });
    var body = el("span", "target-text");
    appendMarked(body, suggestion.target || "", findRanges(suggestion.target || "", needles), "placeable");
    target.appendChild(body);
    item.appendChild(target);
    if ((suggestion.substitutions || []).length) {
      item.appendChild(substitutionNote(suggestion.substitutions));
    }

    var copy = el("button", "copy", "Copy", { type: "button", "aria-label": "Copy translation " + number });
    copy.addEventListener("click", function () {
      copyText(suggestion.target || "").then(function () {
        copy.textContent = "Copied";
        setStatus("suggest-status", "Translation " + number + " copied.");
        window.setTimeout(function () { copy.textContent = "Copy"; }, 1500);
      }, function (error) {
        setStatus("suggest-status", "Could not copy: " + error.message, true);
      });
    });
    item.appendChild(copy);
    return item;
  }

  function renderSegments(segments, lang) {
    clear(suggestResults);
    var found = 0;
    segments.forEach(function (segment, i) {
      var article = el("article", "segment");
      var heading = el("h3", "segment-source", null, { lang: SOURCE_LANG });
      if (segments.length > 1) { heading.appendChild(el("span", "segment-number", (i + 1) + ". ", { lang: "en" })); }
      heading.appendChild(document.createTextNode(segment.source));
      article.appendChild(heading);
      var suggestions = segment.suggestions || [];
      found += suggestions.length;
      if (!suggestions.length) {
        article.appendChild(el("p", "empty", "No suggestion at the chosen quality."));
      } else {
        var list = el("ol", "suggestions");
        suggestions.forEach(function (s, k) {
          list.appendChild(renderSuggestion(segment.source, s, (i + 1) + "." + (k + 1), lang));
        });
        article.appendChild(list);
      }
      suggestResults.appendChild(article);
    });
    return found;
  }

  function runSuggest(force) {
    window.clearTimeout(suggestTimer);
    var text = suggestText.value.trim();
    var minSimilarity = Number($("min-similarity").value) || 70;
    var lang = targetLang();
    var key = [lang, minSimilarity, text].join("\u0000");
    if (!force && key === lastSuggestKey) { return; }
    lastSuggestKey = key;
    if (suggestAbort) { suggestAbort.abort(); }
    if (!text) {
      clear(suggestResults);
      setStatus("suggest-status", "");
      return;
    }
    suggestAbort = new AbortController();
    suggestResults.setAttribute("aria-busy", "true");
    setStatus("suggest-status", "Searching…");
    postJSON("/suggest", {
      source_lang: SOURCE_LANG, target_lang: lang, text: text, segment: true,
      min_similarity: minSimilarity, max_candidates: 3
    }, suggestAbort.signal).then(function (body) {
      var segments = body.segments || [];
      var found = renderSegments(segments, lang);
      setStatus("suggest-status", plural(found, "suggestion", "suggestions") + " for " +
        plural(segments.length, "sentence", "sentences") + " into " + targetName(lang) + ".");
    }).catch(function (error) {
      if (error.name === "AbortError") { return; }
      lastSuggestKey = "";
      setStatus("suggest-status", "Error: " + error.message, true);
    }).finally(function () { suggestResults.removeAttribute("aria-busy"); });
  }

  suggestForm.addEventListener("submit", function (event) { event.preventDefault(); runSuggest(true); });
  suggestText.addEventListener("input", function () {
    window.clearTimeout(suggestTimer);
    suggestTimer = window.setTimeout(function () { runSuggest(false); }, DEBOUNCE_MS);
  });
  $("min-similarity").addEventListener("change", function () { runSuggest(false); });
  submitOnEnter(suggestText, suggestForm, true);

  return { refresh: runSuggest };
}
