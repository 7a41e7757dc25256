/*
 * The "Pre-translate a release" view: paste or upload a release, see every sentence
 * with its suggestion and match level (coloured), download the draft as XLIFF or DOCX.
 * Talks to POST /api/v1/pretranslate only.
 */
import { $, clear, el, plural, setStatus, targetLang } from "./common.js";

var API = document.body.dataset.api;
var LEVEL_NAMES = {
  "in-context": "in-context exact (101 %)",
  "exact": "exact (100 %)",
  "near-exact": "near-exact (95–99 %)",
  "fuzzy-high": "high fuzzy (85–94 %)",
  "fuzzy-medium": "medium fuzzy (75–84 %)",
  "fuzzy-low": "low fuzzy (50–74 %)",
  "none": "no match"
};

/** The request body for the current form: multipart with the file, else JSON. */
function requestFor(format) {
  var file = $("pretranslate-file").files[0];
  var fields = {
    target_lang: targetLang(),
    min_similarity: Number($("pretranslate-min").value || "75"),
    format: format
  };
  if (file) {
    var form = new FormData();
    form.append("file", file);
    Object.keys(fields).forEach(function (key) { form.append(key, fields[key]); });
    return { method: "POST", body: form };
  }
  fields.text = $("pretranslate-text").value;
  fields.name = "release.txt";
  return {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(fields)
  };
}

function failure(response) {
  return response.json().catch(function () { return {}; }).then(function (body) {
    throw new Error(body.error || ("the server answered " + response.status));
  });
}

function renderSummary(summary) {
  var box = $("pretranslate-summary");
  clear(box);
  var table = el("table", "pretranslate-summary");
  table.appendChild(el("caption", null, plural(summary.sentences, "sentence", "sentences") +
    ", " + plural(summary.words, "word", "words")));
  var head = el("tr");
  ["Level", "Sentences", "Words"].forEach(function (name) { head.appendChild(el("th", null, name, { scope: "col" })); });
  table.appendChild(head);
  Object.keys(LEVEL_NAMES).forEach(function (level) {
    var row = el("tr", "level-" + level);
    row.appendChild(el("th", null, LEVEL_NAMES[level], { scope: "row" }));
    row.appendChild(el("td", "number", String(summary.levels[level].sentences)));
    row.appendChild(el("td", "number", String(summary.levels[level].words)));
    table.appendChild(row);
  });
  box.appendChild(table);
  box.appendChild(el("p", "pretranslate-saved", "Words saved (weighted as CAT tools count them): " +
    summary.words_saved + ". Values adapted: " + summary.values_adapted +
    "; left for review: " + summary.values_for_review + "."));
}

function renderSegments(segments) {
  var results = $("pretranslate-results");
  clear(results);
  var table = el("table", "pretranslate-table");
  var head = el("tr");
  ["#", "English", "Draft", "Level"].forEach(function (name) { head.appendChild(el("th", null, name, { scope: "col" })); });
  table.appendChild(head);
  segments.forEach(function (segment, index) {
    var row = el("tr", "segment level-" + segment.level, null, { "data-level": segment.level });
    row.appendChild(el("td", "number", String(index + 1)));
    row.appendChild(el("td", "source", segment.source, { lang: "en" }));
    var draft = el("td", "target", segment.target || "—");
    if (segment.unadapted.length) {
      draft.appendChild(el("span", "review-note", " check: " + segment.unadapted.join(", ")));
    }
    row.appendChild(draft);
    var level = el("td", "level");
    level.appendChild(el("span", "level-badge", LEVEL_NAMES[segment.level] || segment.level));
    if (segment.quality && segment.level !== "none") {
      level.appendChild(el("span", "quality", " " + Math.round(segment.quality) + " %"));
    }
    row.appendChild(level);
    table.appendChild(row);
  });
  var wrap = el("div", "table-wrap");
  wrap.appendChild(table);
  results.appendChild(wrap);
}

function run() {
  setStatus("pretranslate-status", "Pre-translating…");
  fetch(API + "/pretranslate", requestFor("json")).then(function (response) {
    if (!response.ok) { return failure(response); }
    return response.json();
  }).then(function (body) {
    renderSummary(body.summary);
    renderSegments(body.segments);
    $("pretranslate-downloads").hidden = false;
    setStatus("pretranslate-status", "Draft ready: " +
      plural(body.summary.sentences, "sentence", "sentences") + ".");
  }).catch(function (error) {
    setStatus("pretranslate-status", "Error: " + error.message, true);
  });
}

function download(format) {
  setStatus("pretranslate-status", "Preparing the " + format + " file…");
  fetch(API + "/pretranslate", requestFor(format)).then(function (response) {
    if (!response.ok) { return failure(response); }
    var disposition = response.headers.get("Content-Disposition") || "";
    var match = /filename="([^"]+)"/.exec(disposition);
    return response.blob().then(function (blob) {
      var link = $("pretranslate-link");
      link.href = URL.createObjectURL(blob);
      link.download = match ? match[1] : "draft";
      link.click();
      setStatus("pretranslate-status", "Downloaded " + link.download + ".");
    });
  }).catch(function (error) {
    setStatus("pretranslate-status", "Error: " + error.message, true);
  });
}

/** Wire up the view. */
export function setupPretranslate() {
  $("pretranslate-form").addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  $("pretranslate-text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.ctrlKey) { event.preventDefault(); run(); }
  });
  ["pretranslate-xliff", "pretranslate-xliff12", "pretranslate-docx"].forEach(function (id) {
    $(id).addEventListener("click", function () { download($(id).dataset.format); });
  });
}
