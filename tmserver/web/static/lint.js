/* The Check-a-release view: the linter's findings, grouped and explained. */
import {
  $, appendMarked, clear, el, plural, postJSON, setStatus, SOURCE_LANG, submitOnEnter, targetLang, targetName
} from "./common.js";

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

/** Wire up the view; returns what the rest of the page may call. */
export function setupLint() {
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
    if (finding.segment !== undefined && finding.segment !== null) { where.push("segment " + (finding.segment + 1)); }
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

  return {};
}
