/* The Suggestions view: per sentence, the best memory matches with their differences. */
import {
  $, clear, copyText, el, findRanges, plural, postJSON, setStatus, shortDate, SOURCE_LANG, submitOnEnter, targetLang, targetName
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

  /** What the target still carries the old way: "number 3 (memory: 5)". */
  function unadaptedNote(unadapted) {
    var parts = unadapted.map(function (u) {
      var yours = u.query ? u.query : "(none)";
      var memory = u.memory ? u.memory : "(none)";
      return u.kind + ": your text " + yours + ", memory " + memory;
    });
    return el("p", "unadapted-note", "Not adapted, check before use: " + parts.join("; "), {
      role: "note"
    });
  }

  /** The target with substituted values and unadapted (stale) values marked. */
  function appendTarget(parent, text, substitutions, unadapted) {
    var chars = Array.from(text);
    var ranges = [];
    findRanges(text, substitutions.map(function (s) { return s.to; })).forEach(function (r) {
      ranges.push([r[0], r[1], "placeable"]);
    });
    findRanges(text, unadapted.map(function (u) { return u.target; })).forEach(function (r) {
      ranges.push([r[0], r[1], "unadapted"]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], pos);
      var end = Math.min(range[1], chars.length);
      if (end <= start) { return; }
      parent.appendChild(document.createTextNode(chars.slice(pos, start).join("")));
      var attrs = range[2] === "unadapted" ? { title: "Not adapted to your text" } : undefined;
      parent.appendChild(el("mark", range[2], chars.slice(start, end).join(""), attrs));
      pos = end;
    });
    parent.appendChild(document.createTextNode(chars.slice(pos).join("")));
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
    var unadapted = suggestion.unadapted || [];
    if (unadapted.length) { meta.appendChild(el("span", "flag flag-unadapted", "not adapted")); }
    head.appendChild(meta);
    item.appendChild(head);

    var source = el("p", "memory-source", null, { lang: SOURCE_LANG });
    source.appendChild(el("span", "row-label", "Memory: "));
    var ops = diffWords(query, suggestion.source || "");
    renderDiff(source, ops);
    item.appendChild(source);

    var target = el("p", "memory-target", null, { lang: lang });
    target.appendChild(el("span", "row-label", "Translation: ", { lang: "en" }));
    var body = el("span", "target-text");
    appendTarget(body, suggestion.target || "", suggestion.substitutions || [], unadapted);
    target.appendChild(body);
    item.appendChild(target);
    if ((suggestion.substitutions || []).length) {
      item.appendChild(substitutionNote(suggestion.substitutions));
    }
    if (unadapted.length) { item.appendChild(unadaptedNote(unadapted)); }
    var alternatives = suggestion.alternatives || [];
    if (alternatives.length) {
      var others = el("ul", "alternatives", null, { "aria-label": "Other translations of this source" });
      alternatives.forEach(function (a) { others.appendChild(el("li", null, a.target, { lang: lang })); });
      var wrap = el("div", "alternatives-block");
      wrap.appendChild(el("span", "row-label", "Also translated as:"));
      wrap.appendChild(others);
      item.appendChild(wrap);
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
