/*
 * Word-level differences between the translator's sentence and a memory sentence.
 *
 * Tokens are words, numbers (with their inner separators: 1,000.5 / 18.10.2018) and
 * single punctuation marks; each keeps the white space that followed it so the memory
 * sentence can be shown with its own spacing. The diff is a longest common subsequence
 * over tokens, which is plenty for sentence-sized text.
 */
var TOKEN_RE = /(\d+(?:[.,:\/\u00a0]\d+)*|[\p{L}\p{M}\p{N}_]+(?:['\u2019\-][\p{L}\p{M}\p{N}_]+)*|[^\s])(\s*)/gu;
var NUMBER_RE = /^\d/;
var MAX_CELLS = 250000; // beyond this (≈500 × 500 tokens) the whole text counts as changed

/** Split text into [{text, space}] tokens. */
export function tokenise(text) {
  var tokens = [];
  var match;
  TOKEN_RE.lastIndex = 0;
  while ((match = TOKEN_RE.exec(text)) !== null) {
    tokens.push({ text: match[1], space: match[2] });
  }
  return tokens;
}

function lcsTable(a, b) {
  var rows = a.length + 1;
  var cols = b.length + 1;
  var table = new Array(rows);
  for (var i = 0; i < rows; i++) {
    table[i] = new Uint16Array(cols);
  }
  for (i = a.length - 1; i >= 0; i--) {
    for (var j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i].text === b[j].text
        ? table[i + 1][j + 1] + 1
        : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  return table;
}

function push(ops, type, token) {
  var last = ops[ops.length - 1];
  var number = NUMBER_RE.test(token.text);
  if (last && last.type === type && (type === "same" || last.number === number)) {
    last.text += last.space + token.text;
    last.space = token.space;
  } else {
    ops.push({ type: type, text: token.text, space: token.space, number: number });
  }
}

/**
 * Differences turning the memory sentence into the query.
 * Returns [{type: "same"|"del"|"ins", text, space, number}]: "del" is in the memory
 * only, "ins" in the query only; runs of the same kind are merged.
 */
export function diffWords(query, memory) {
  var a = tokenise(memory);
  var b = tokenise(query);
  var ops = [];
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    a.forEach(function (t) { push(ops, "del", t); });
    b.forEach(function (t) { push(ops, "ins", t); });
    return ops;
  }
  var table = lcsTable(a, b);
  var i = 0;
  var j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].text === b[j].text) {
      push(ops, "same", a[i]); i++; j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      push(ops, "del", a[i]); i++;
    } else {
      push(ops, "ins", b[j]); j++;
    }
  }
  for (; i < a.length; i++) { push(ops, "del", a[i]); }
  for (; j < b.length; j++) { push(ops, "ins", b[j]); }
  return ops;
}

var LABELS = { del: "memory only: ", ins: "your text: " };

/** Append the diff to `parent` as text, <del> and <ins> nodes (never HTML strings). */
export function renderDiff(parent, ops) {
  ops.forEach(function (op) {
    var node;
    if (op.type === "same") {
      node = document.createTextNode(op.text);
    } else {
      node = document.createElement(op.type);
      node.className = "diff-" + op.type + (op.number ? " diff-num" : "");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = "[" + LABELS[op.type];
      node.appendChild(hidden);
      node.appendChild(document.createTextNode(op.text));
      var close = document.createElement("span");
      close.className = "visually-hidden";
      close.textContent = "]";
      node.appendChild(close);
    }
    parent.appendChild(node);
    if (op.space) {
      parent.appendChild(document.createTextNode(op.space));
    }
  });
  return parent;
}
