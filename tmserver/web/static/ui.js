/*
 * The translators' page: tabs, keyboard shortcuts and the language pair; each view
 * lives in its own module and talks to the public JSON API only.
 */
import { $, pairSelect, rememberPair, restorePair } from "./common.js";
import { setupConcordance } from "./concordance.js";
import { setupLint } from "./lint.js";
import { setupPretranslate } from "./pretranslate.js";
import { setupStats } from "./stats.js";
import { setupSuggestions } from "./suggest.js";

restorePair();
var suggestions = setupSuggestions();
var concordance = setupConcordance();
setupLint();
setupPretranslate();
var stats = setupStats();
var onShow = { "view-stats": stats.show };

var tabs = Array.from(document.querySelectorAll('[role="tab"]'));

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
  if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-5]$/.test(event.code)) {
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

pairSelect.addEventListener("change", function () {
  rememberPair();
  suggestions.refresh(false);
  concordance.refresh();
});

document.documentElement.dataset.ready = "true";
