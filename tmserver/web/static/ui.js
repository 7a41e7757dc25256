/*
 * The translators' page: tabs, shortcuts and the four views. Every view talks to the
 * public JSON API only; results are built as DOM nodes (never HTML strings), so memory
 * text cannot inject markup.
 */
(function () {
  "use strict";

  var API = document.body.dataset.api;
  var SOURCE_LANG = document.body.dataset.sourceLang;
  var STORAGE_KEY = "tmserver.targetLang";
  var DEBOUNCE_MS = 300;
  var PER_PAGE = 10;

  function $(id) { return document.getElementById(id); }

  /** Create an element with a class, text and attributes. */
  function el(tag, className, text, attrs) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function setStatus(id, message, isError) {
    var node = $(id);
    node.textContent = message;
    node.classList.toggle("error", Boolean(isError));
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /** Fetch JSON from the API; errors become Error objects carrying the API's message. */
  function api(path, options) {
    return fetch(API + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          throw new Error(body.error || ("the server answered " + response.status));
        }
        return body;
      });
    });
  }

  function postJSON(path, payload, signal) {
    return api(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: signal
    });
  }

  /* ---------- language pair ---------- */

  var pairSelect = $("target-lang");

  function targetLang() { return pairSelect.value; }

  function targetName(tag) {
    var option = pairSelect.querySelector('option[value="' + tag + '"]');
    return option ? option.textContent : tag;
  }

  (function restorePair() {
    var saved = null;
    try { saved = window.localStorage.getItem(STORAGE_KEY); } catch (e) { saved = null; }
    if (saved && pairSelect.querySelector('option[value="' + saved + '"]')) {
      pairSelect.value = saved;
    }
  })();

  /* ---------- text with marked ranges ---------- */

  /**
   * Append `text` to `parent`, wrapping [start, end) ranges in <mark>. Offsets count
   * Unicode code points, as the server's do.
   */
  function appendMarked(parent, text, ranges, className) {
    var chars = Array.from(text);
    var sorted = (ranges || []).slice().sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    sorted.forEach(function (range) {
      var start = Math.max(range[0], pos);
      var end = Math.min(range[1], chars.length);
      if (end <= start) { return; }
      parent.appendChild(document.createTextNode(chars.slice(pos, start).join("")));
      parent.appendChild(el("mark", className, chars.slice(start, end).join("")));
      pos = end;
    });
    parent.appendChild(document.createTextNode(chars.slice(pos).join("")));
    return parent;
  }

  /** Code-point ranges of every occurrence of each needle in text. */
  function findRanges(text, needles) {
    var chars = Array.from(text);
    var ranges = [];
    needles.forEach(function (needle) {
      var n = Array.from(needle || "");
      if (!n.length) { return; }
      for (var i = 0; i + n.length <= chars.length; i++) {
        if (chars.slice(i, i + n.length).join("") === needle) {
          ranges.push([i, i + n.length]);
          i += n.length - 1;
        }
      }
    });
    return ranges;
  }

  function shortDate(value) { return value ? String(value).slice(0, 10) : ""; }

  /* ---------- clipboard ---------- */

  function fallbackCopy(text) {
    var area = el("textarea", "visually-hidden");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } finally { document.body.removeChild(area); }
    return ok ? Promise.resolve() : Promise.reject(new Error("copying is blocked by the browser"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  /* ---------- tabs and shortcuts ---------- */

  var tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  var onShow = {};

  function activate(index, focusTab) {
    tabs.forEach(function (tab, i) {
      var selected = i === index;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !selected;
    });
    var tab = tabs[index];
    if (focusTab) { tab.focus(); }
    var handler = onShow[tab.getAttribute("aria-controls")];
    if (handler) { handler(); }
  }

  function currentPanel() {
    return document.querySelector('[role="tabpanel"]:not([hidden])');
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { activate(index, true); });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") { next = (index + 1) % tabs.length; }
      if (event.key === "ArrowLeft") { next = (index - 1 + tabs.length) % tabs.length; }
      if (event.key === "Home") { next = 0; }
      if (event.key === "End") { next = tabs.length - 1; }
      if (next !== null) { event.preventDefault(); activate(next, true); }
    });
  });

  function isTyping(target) {
    return /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-4]$/.test(event.code)) {
      event.preventDefault();
      var index = Number(event.code.slice(5)) - 1;
      activate(index, false);
      var input = currentPanel().querySelector("[data-primary-input]");
      (input || tabs[index]).focus();
      return;
    }
    if (event.key === "/" && !event.ctrlKey && !event.altKey && !event.metaKey && !isTyping(event.target)) {
      var primary = currentPanel().querySelector("[data-primary-input]");
      if (primary) { event.preventDefault(); primary.focus(); }
    }
  });

  /** Enter (without Shift) or Ctrl+Enter in a field submits its form. */
  function submitOnEnter(field, form, plainEnter) {
    field.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) { return; }
      if (event.ctrlKey || event.metaKey || (plainEnter && !event.shiftKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  /* ---------- suggestions ---------- */

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
    var ops = TMDiff.diffWords(query, suggestion.source || "");
    TMDiff.renderDiff(source, ops);
    item.appendChild(source);

    var target = el("p", "memory-target", null, { lang: lang });
    target.appendChild(el("span", "row-label", "Translation: ", { lang: "en" }));
    var needles = (suggestion.substitutions || []).map(function (s) { return s.to; });
    var body = el("span", "target-text");
    appendMarked(body, suggestion.target || "", findRanges(suggestion.target || "", needles), "placeable");
    target.appendChild(body);
    item.appendChild(target);

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

  /* ---------- concordance ---------- */

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

  /* ---------- release check (lint) ---------- */

  /* Shown when the API gives no explanation of its own ("help" or "explanation"). */
  var EXPLANATIONS = {
    "acronym-missing": "An acronym or code in the English is missing from the translation.",
    "added-sentence": "The translation has a sentence the English does not have.",
    "brackets": "Brackets are unbalanced or differ from the English.",
    "corrupt-characters": "Invisible, control or garbled characters (for example a broken encoding).",
    "date-format": "A date is not written the way the target language writes dates.",
    "date-mismatch": "A date in the English is missing or different in the translation.",
    "dnt-term": "A name or term that must stay as it is was changed.",
    "dropped-sentence": "An English sentence has no translation.",
    "empty-target": "The translation is empty.",
    "end-punctuation": "The sentence ends with different punctuation than the English.",
    "handle-mismatch": "A social-media handle or hashtag differs between the two texts.",
    "inconsistent-translation": "The same English is translated in different ways.",
    "length-ratio": "The translation is much longer or shorter than the English.",
    "memory-mismatch": "The memory translates this English differently.",
    "merged-sentences": "Several English sentences became one translated sentence.",
    "missing-sentence": "An English sentence seems to be missing from the translation.",
    "number-format": "A number is not written in the target language's format (decimal comma, thousands dot).",
    "number-mismatch": "A number in the English is missing or different in the translation.",
    "quotes": "Quotation marks are unbalanced or not the target language's („…“).",
    "repeated-word": "A word is repeated by mistake.",
    "reused-translation": "The same translation is used for different English sentences.",
    "script-mix": "Latin and Cyrillic letters are mixed.",
    "term-mismatch": "A glossary term is not translated as the glossary says.",
    "time-mismatch": "A time of day differs between the two texts.",
    "untranslated": "The translation is the same as the English text.",
    "url-mismatch": "A web or e-mail address differs between the two texts.",
    "variety-mix": "Forms of different varieties (ekavian / ijekavian, Croatian / Serbian words) are mixed.",
    "whitespace": "Extra, missing or doubled spaces."
  };
  var SEVERITY_ORDER = { error: 0, warning: 1, info: 2, note: 2 };

  var lintTmx = null;

  function findingBlock(label, text, lang, span, marked) {
    var block = el("p", "finding-text", null, { lang: lang });
    block.appendChild(el("span", "row-label", label, { lang: "en" }));
    appendMarked(block, text, marked && span ? [span] : [], "finding-mark");
    return block;
  }

  function renderFinding(finding, lang) {
    var item = el("li", "finding finding-" + finding.severity);
    var head = el("p", "finding-head");
    head.appendChild(el("span", "badge badge-" + finding.severity, finding.severity));
    var where = [];
    if (finding.line) { where.push("line " + finding.line); }
    if (finding.segment !== undefined && finding.segment !== null) { where.push("segment " + finding.segment); }
    if (where.length) { head.appendChild(el("span", "where", where.join(", "))); }
    head.appendChild(el("span", "message", finding.message));
    item.appendChild(head);
    if (finding.source) {
      item.appendChild(findingBlock("English: ", finding.source, SOURCE_LANG, finding.span, finding.side === "source"));
    }
    if (finding.target) {
      item.appendChild(findingBlock("Translation: ", finding.target, lang, finding.span, finding.side !== "source"));
    }
    if (finding.memory_target) {
      var memory = el("div", "memory-note");
      memory.appendChild(el("p", "memory-title", "The memory translates this as:"));
      if (finding.memory_source) {
        memory.appendChild(findingBlock("English: ", finding.memory_source, SOURCE_LANG, null, false));
      }
      memory.appendChild(findingBlock("Translation: ", finding.memory_target, lang, null, false));
      item.appendChild(memory);
    }
    return item;
  }

  function renderLint(body) {
    var results = $("lint-results");
    clear(results);
    var lang = body.target_lang || targetLang();
    var groups = {};
    (body.findings || []).forEach(function (finding) {
      (groups[finding.check] = groups[finding.check] || []).push(finding);
    });
    var worst = function (list) {
      return Math.min.apply(null, list.map(function (f) { return SEVERITY_ORDER[f.severity] || 0; }));
    };
    Object.keys(groups).sort(function (a, b) {
      return worst(groups[a]) - worst(groups[b]) || a.localeCompare(b);
    }).forEach(function (check) {
      var list = groups[check];
      var section = el("section", "finding-group", null, { "aria-label": check });
      var heading = el("h3", null, null);
      heading.appendChild(el("code", null, check));
      heading.appendChild(document.createTextNode(" (" + list.length + ")"));
      section.appendChild(heading);
      var explanation = list[0].explanation || list[0].help || EXPLANATIONS[check];
      if (explanation) { section.appendChild(el("p", "explanation", explanation)); }
      var ul = el("ul", "findings");
      list.forEach(function (finding) { ul.appendChild(renderFinding(finding, lang)); });
      section.appendChild(ul);
      results.appendChild(section);
    });
    var summary = body.summary || {};
    var parts = ["error", "warning", "info"].map(function (s) {
      return plural(summary[s] || 0, s, s === "info" ? "info" : s + "s");
    });
    var total = (body.findings || []).length;
    setStatus("lint-status", (total ? "Findings: " + parts.join(", ") + "." : "No findings.") +
      (body.target_lang ? " Translation checked as " + targetName(body.target_lang) + "." : ""));
  }

  function runLint() {
    var payload = lintTmx !== null ? { tmx: lintTmx } : { text: $("lint-text").value };
    if (lintTmx === null && !payload.text.trim()) {
      setStatus("lint-status", "Paste a bilingual text or choose a file first.", true);
      return;
    }
    if ($("lint-lang").value) { payload.target_lang = $("lint-lang").value; }
    payload.memory = $("lint-memory").checked;
    setStatus("lint-status", "Checking…");
    postJSON("/lint", payload).then(renderLint).catch(function (error) {
      clear($("lint-results"));
      setStatus("lint-status", "Error: " + error.message, true);
    });
  }

  $("lint-form").addEventListener("submit", function (event) { event.preventDefault(); runLint(); });
  submitOnEnter($("lint-text"), $("lint-form"), false);
  $("lint-text").addEventListener("input", function () { lintTmx = null; });
  $("lint-file").addEventListener("change", function () {
    var file = this.files[0];
    if (!file) { return; }
    file.text().then(function (text) {
      if (/\.(tmx|xml)$/i.test(file.name) || /^\s*<\?xml|<tmx[\s>]/.test(text.slice(0, 500))) {
        lintTmx = text;
        $("lint-text").value = "";
      } else {
        lintTmx = null;
        $("lint-text").value = text;
      }
      runLint();
    }, function (error) { setStatus("lint-status", "Could not read the file: " + error.message, true); });
  });

  /* ---------- memory overview ---------- */

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

  onShow["view-stats"] = function () { if (!statsLoaded) { loadStats(); } };
  $("stats-refresh").addEventListener("click", loadStats);

  /* ---------- pair changes ---------- */

  pairSelect.addEventListener("change", function () {
    try { window.localStorage.setItem(STORAGE_KEY, targetLang()); } catch (e) { /* private mode */ }
    runSuggest(false);
    if (concordance.q) { concordance.page = 1; runConcordance(); }
  });

  document.documentElement.dataset.ready = "true";
})();
