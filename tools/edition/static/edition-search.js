// The search page (tools/edition/finding/search.py): Pagefind's index of the book's text, one result
// per selection (or glossary page), ranked by Pagefind, with the paragraphs that match, each a link
// to its paragraph. The query is the address (search.html?q=…), so a search can be shared.
const PAGE_SIZE = 15;      // results drawn at a time ("More results" for the rest)
const PASSAGES = 3;        // paragraphs shown per result
const WORDS = 28;          // words per passage
const LEAD = 10;           // words before the first match in a passage
// Elements whose id a passage links to: paragraphs, glossary terms, list items, headings, footnotes
// (not the index entries' empty <span id="index-…"> targets).
const PASSAGE_ELEMENTS = /^(p|dt|dd|li|h\d|aside|blockquote|section)$/i;

// A classic script, not a module: browsers run no module from a file:// page, and this one must at
// least say why search needs the folder served. Pagefind itself is a module, imported below.
const SCRIPT = document.currentScript.src;
const form = document.getElementById("edition-search-form");
const field = form.elements.q;
const status = document.getElementById("edition-search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("edition-search-more");
const names = JSON.parse(document.getElementById("edition-search-names").textContent);

// One key for the ways a Russian name is spelt in English: Zinoviev, Zinovev, Zinovyev, Sinowjew;
// Rakovsky, Rakovskii, Rakowski; Piatakov, Pyatakov. Used only to look names up, never on the text.
function spellingKey(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/['’ʹʼ.]/g, "").replace(/w/g, "v").replace(/j/g, "y").replace(/kh/g, "h").replace(/tch/g, "ch")
    .replace(/(ii|iy|yi|ij|i)\b/g, "y").replace(/[iy]([aeou])/g, "$1").replace(/(.)\1/g, "$1");
}

const byKey = new Map();
for (const name of names) {
  const key = spellingKey(name.form);
  byKey.set(key, [...(byKey.get(key) || []), name]);
}

// The queries to run: the reader's words, or, where they are a name of the glossary under another
// spelling, the name as the book spells it; an alias adds the name it stands for ("Grigory":
// Zinoviev too). Returns [queries, glossary entries recognised].
function expand(query) {
  const same = (a, b) => a.toLowerCase() === b.toLowerCase();
  const whole = [...new Map((byKey.get(spellingKey(query)) || []).map((name) => [name.headword, name])).values()];
  if (whole.length) {
    const exact = whole.some((name) => same(name.form, query));
    return [[...new Set([...(exact ? [query] : []), ...whole.flatMap((name) => name.search)])], whole];
  }
  const found = [];
  const words = query.split(/\s+/).map((word) => {
    const respelt = (byKey.get(spellingKey(word)) || []).find((name) => !same(name.form, word));
    if (!respelt) return word;
    found.push(respelt);
    return respelt.search[respelt.search.length - 1];
  });
  return [[words.join(" ")], found];
}

function say(...parts) {
  status.replaceChildren(...parts.map((part) => (typeof part === "string" ? document.createTextNode(part) : part)));
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

// The paragraphs of a page that hold matches: [{id, locations, weight}], best first, then in book order.
function passages(data) {
  const anchors = data.anchors.filter((a) => a.id && PASSAGE_ELEMENTS.test(a.element))
    .sort((a, b) => a.location - b.location);
  const groups = new Map();
  for (const {location, weight} of data.weighted_locations) {
    let index = -1;
    while (index + 1 < anchors.length && anchors[index + 1].location <= location) index += 1;
    const group = groups.get(index) || {anchor: anchors[index], next: anchors[index + 1], locations: [], weight: 0};
    group.locations.push(location);
    group.weight += weight;
    groups.set(index, group);
  }
  for (const group of groups.values()) {  // a match that opens its passage: a glossary headword, a heading
    if (group.anchor && group.locations.includes(group.anchor.location)) group.weight *= 3;
  }
  const ranked = [...groups.values()].sort((a, b) => b.weight - a.weight).slice(0, PASSAGES);
  return ranked.sort((a, b) => a.locations[0] - b.locations[0]);
}

// A passage's words around its first match, the matched words marked, as DOM nodes (never HTML).
function excerpt(words, group) {
  const first = Math.min(...group.locations);
  const from = group.anchor ? group.anchor.location : 0;
  const until = group.next ? group.next.location : words.length;
  const start = first - from <= LEAD + 4 ? from : first - LEAD;
  const end = Math.min(until, start + WORDS);
  const marked = new Set(group.locations);
  const nodes = [start > from ? "… " : ""];
  for (let i = start; i < end; i += 1) {
    if (marked.has(i)) {
      const mark = document.createElement("mark");
      mark.textContent = words[i];
      nodes.push(mark, " ");
    } else {
      nodes.push(`${words[i]} `);
    }
  }
  if (end < until) nodes.push("…");
  return nodes;
}

function decode(text) {  // Pagefind keeps the text's &, < and > as entities
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

async function render(result) {
  const data = await result.data();
  const item = document.createElement("li");
  item.className = "edition-search-result";
  const heading = document.createElement("p");
  heading.className = "edition-search-title";
  heading.append(link(data.url, decode(data.meta.title || data.url)));
  item.append(heading);
  const words = decode(data.content).split(/[\r\n\s]+/g);
  const found = passages(data);
  const shown = document.createElement("ul");
  shown.className = "edition-search-passages";
  for (const group of found) {
    const passage = document.createElement("li");
    const a = document.createElement("a");
    a.href = group.anchor ? `${data.url}#${group.anchor.id}` : data.url;
    a.append(...excerpt(words, group));
    passage.append(a);
    shown.append(passage);
  }
  item.append(shown);
  const total = new Set(data.weighted_locations.map(({location}) => location)).size;
  if (total > 1) {
    const count = document.createElement("p");
    count.className = "edition-search-count";
    count.textContent = `${total} matches on this page`;
    item.append(count);
  }
  return item;
}

let pagefind = null;
let pending = [];

async function showMore() {
  const batch = pending.splice(0, PAGE_SIZE);
  list.append(...await Promise.all(batch.map(render)));
  more.hidden = pending.length === 0;
}

async function search(query) {
  list.setAttribute("aria-busy", "true");
  await answer(query);
  list.setAttribute("aria-busy", "false");
}

async function answer(query) {
  list.replaceChildren();
  more.hidden = true;
  pending = [];
  if (!query) {
    say("Type a name, a word or a \"phrase in quotes\".");
    return;
  }
  const [queries, recognised] = expand(query);
  const answers = await Promise.all(queries.map((q) => pagefind.search(q)));
  const best = new Map();
  for (const result of answers.flatMap((answer) => answer.results)) {
    if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
  }
  pending = [...best.values()].sort((a, b) => b.score - a.score);
  const count = pending.length;
  const quoted = query.startsWith("\"") ? query : `“${query}”`;  // a phrase comes in its own quotes
  const parts = [count ? `${quoted}: ${count} ${count === 1 ? "page" : "pages"}, the most relevant first.`
                       : `Nothing found for ${quoted}.`];
  const also = queries.filter((q) => q !== query);
  if (also.length) parts.push(`${queries.includes(query) ? " Also searched:" : " Searched as:"} ${also.join(", ")}.`);
  recognised.forEach((name, index) => parts.push(index ? ", " : " In the glossary: ", link(name.href, name.headword)));
  if (recognised.length && !recognised.at(-1).headword.endsWith(".")) parts.push(".");
  say(...parts);
  await showMore();
}

async function start() {
  const query = new URLSearchParams(location.search).get("q") || "";
  field.value = query;
  if (!query) field.focus();
  try {
    pagefind = await import(new URL("../pagefind/pagefind.js", SCRIPT).href);
    // termSimilarity: a word as typed ranks above longer words that begin with it (Zinoviev, Zinovievists)
    await pagefind.options({baseUrl: new URL("./", location.href).pathname, ranking: {termSimilarity: 5}});
  } catch (error) {
    say("The search index cannot be loaded here",
        location.protocol === "file:" ? ": browsers do not let a page opened as a file read it. In the book’s "
          + "folder run “python3 -m http.server” and open http://localhost:8000/search.html, or use the "
          : ` (${error}). Use the `,
        link(status.dataset.index, "Index"), ".");
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = field.value.trim();
    history.pushState(null, "", `?q=${encodeURIComponent(next)}`);
    search(next);
  });
  window.addEventListener("popstate", () => {
    field.value = new URLSearchParams(location.search).get("q") || "";
    search(field.value);
  });
  more.addEventListener("click", showMore);
  await search(query.trim());
}

start();
