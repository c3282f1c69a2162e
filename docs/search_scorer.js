// The search's ranking (html_search_scorer: Sphinx puts this file into
// language_data.js, which only the search page loads, after searchtools.js).
//
// Sphinx scores a page whose text holds the words by the best of its words
// alone (one word in any of its titles is enough for its top score), scores a
// section whose title holds the query lower the longer that title is, and
// orders equal scores by page title, A first. Here, instead:
//
// 1. an index entry the query names (a command, a rabbitmq.conf key) first;
// 2. then sections by how many of the query's words their title holds: a
//    page found by its text is shown as its section whose title holds most of
//    them (its summary is then that section's text; a section rather than the
//    page's own title, and of two sections the one with fewer other words),
//    all of them first;
// 3. then pages that hold the words in their text only;
// 4. equal scores in the order of the site's navigation, not by title, the
//    start page last.
"use strict";

var Scorer = (() => {
  const defaults = Scorer;

  // The words of the query, as the index holds them (stemmed, no stopwords).
  const stemmer = new Stemmer();
  const stems = (text) =>
    new Set(
      splitQuery(text.toLowerCase())
        .filter((word) => !stopwords.has(word) && !/^\d+$/.test(word))
        .map((word) => stemmer.stemWord(word)),
    );
  const query = stems(new URLSearchParams(window.location.search).get("q") || "");

  // How many of the query's words a title holds.
  const held = (title) => {
    const words = stems(title);
    return {count: [...query].filter((word) => words.has(word)).length, length: words.size};
  };

  // Each page's titles, with their anchors (null for the page's own title).
  let titlesOf = null;
  const pageTitles = (file) => {
    if (titlesOf === null) {
      titlesOf = new Map();
      for (const [title, found] of Object.entries(Search._index.alltitles)) {
        for (const [index, id] of found) {
          if (!titlesOf.has(index)) titlesOf.set(index, []);
          titlesOf.get(index).push([title, id]);
        }
      }
    }
    return titlesOf.get(file) || [];
  };

  // The pages in the order the navigation lists them.
  let order = null;
  const place = (docname) => {
    if (order === null) {
      order = new Map();
      const suffix = DOCUMENTATION_OPTIONS.LINK_SUFFIX;
      document.querySelectorAll(".sidebar-tree a.reference").forEach((link) => {
        const name = (link.getAttribute("href") || "").split("#")[0].replace(suffix, "");
        if (name && !order.has(name)) order.set(name, order.size);
      });
      // The start page (the brand's link, not the tree's) sums up the others:
      // after them.
    }
    return order.has(docname) ? order.get(docname) : order.size;
  };

  // A title holding more of the query's words; then a section's title rather
  // than its page's (the page's is about all its sections); then fewer other words.
  const better = (a, b) =>
    a.count > b.count
    || (a.count === b.count && (a.id !== null) > (b.id !== null))
    || (a.count === b.count && (a.id !== null) === (b.id !== null) && a.length < b.length);

  const score = (result) => {
    const [docname, title, anchor, , sphinxScore, , kind] = result;
    // Between 0 and 1, less the later the page comes in the navigation.
    const tie = 1 / (2 + place(docname));
    if (!query.size) return sphinxScore + tie;
    if (kind === SearchResultKind.index) return 3000 + sphinxScore + tie;
    if (kind === SearchResultKind.title || kind === SearchResultKind.text) {
      const file = Search._index.docnames.indexOf(docname);
      let best = null;
      if (kind === SearchResultKind.title) {
        // "Page > Section", or the page's own title.
        const own = title.includes(" > ") ? title.slice(title.indexOf(" > ") + 3) : title;
        best = {...held(own), id: anchor ? anchor.slice(1) : null, title: own};
      } else {
        for (const [candidate, id] of pageTitles(file)) {
          const holds = {...held(candidate), id, title: candidate};
          if (holds.count && (best === null || better(holds, best))) best = holds;
        }
      }
      if (best !== null && best.count) {
        if (kind === SearchResultKind.text && best.id !== null) {
          // Show the page as that section, as Sphinx shows a title found.
          const page = Search._index.titles[file];
          result[1] = `${page} > ${best.title}`;
          result[2] = `#${best.id}`;
          result[6] = SearchResultKind.title;
        }
        const all = best.count === query.size ? 1000 : 0;
        return all + 1000 * (best.count / query.size) + 100 * (best.count / best.length) + tie;
      }
    }
    // The words in the text only: Sphinx's score (5 to 15) keeps its order.
    return sphinxScore + tie;
  };

  return {...defaults, score};
})();

// A result's summary is text from its page or section; the verification
// badge under a page's title (_ext/verification_stamp.py) is no part of it.
// A captioned block's index entry points at an empty span that Sphinx puts
// inside the block's wrapper: its text is the wrapper's (caption and code).
// (Sphinx appends the summary of an empty text, null, and fails.)
{
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".verification-badge").forEach((badge) => badge.remove());
    const target = anchor ? page.querySelector(`[role="main"] ${anchor}`) : null;
    if (target && !target.textContent.trim() && target.parentElement?.id) {
      anchor = `#${target.parentElement.id}`;
    }
    return htmlToText(page.documentElement.outerHTML, anchor);
  };
}
