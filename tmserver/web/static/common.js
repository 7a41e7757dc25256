/*
 * Helpers shared by the page's views: the API client, DOM building (never HTML
 * strings, so memory text cannot inject markup), the language pair, marked text and
 * the clipboard.
 */
var API = document.body.dataset.api;
export var SOURCE_LANG = document.body.dataset.sourceLang;
var STORAGE_KEY = "tmserver.targetLang";

export function $(id) { return document.getElementById(id); }

/** Create an element with a class, text and attributes. */
export function el(tag, className, text, attrs) {
  var node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined && text !== null) { node.textContent = text; }
  Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
  return node;
}

export function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

export function setStatus(id, message, isError) {
  var node = $(id);
  node.textContent = message;
  node.classList.toggle("error", Boolean(isError));
}

export function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

/** Fetch JSON from the API; errors become Error objects carrying the API's message. */
export function api(path, options) {
  return fetch(API + path, options).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (!response.ok) {
        throw new Error(body.error || ("the server answered " + response.status));
      }
      return body;
    });
  });
}

export function postJSON(path, payload, signal) {
  return api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
    signal: signal
  });
}

/* ---------- language pair ---------- */

export var pairSelect = $("target-lang");

export function targetLang() { return pairSelect.value; }

export function targetName(tag) {
  var option = pairSelect.querySelector('option[value="' + tag + '"]');
  return option ? option.textContent : tag;
}

/** Restore the language pair chosen last time, if the menu still offers it. */
export function restorePair() {
  var saved = null;
  try { saved = window.localStorage.getItem(STORAGE_KEY); } catch (e) { saved = null; }
  if (saved && pairSelect.querySelector('option[value="' + saved + '"]')) {
    pairSelect.value = saved;
  }
}

/** Remember the chosen pair for the next visit. */
export function rememberPair() {
  try { window.localStorage.setItem(STORAGE_KEY, targetLang()); } catch (e) { /* private mode */ }
}

/* ---------- text with marked ranges ---------- */

/**
 * Append `text` to `parent`, wrapping [start, end) ranges in <mark>. Offsets count
 * Unicode code points, as the server's do.
 */
export function appendMarked(parent, text, ranges, className) {
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
export function findRanges(text, needles) {
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

export function shortDate(value) { return value ? String(value).slice(0, 10) : ""; }

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

export function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
  }
  return fallbackCopy(text);
}

/** Enter (without Shift) or Ctrl+Enter in a field submits its form. */
export function submitOnEnter(field, form, plainEnter) {
  field.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.isComposing) { return; }
    if (event.ctrlKey || event.metaKey || (plainEnter && !event.shiftKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
