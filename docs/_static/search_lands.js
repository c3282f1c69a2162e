// A search result opens its page at the first place the words were found.
//
// Sphinx's search links a page whose text matched to the page's top, and
// sphinx_highlight.js marks the words there, shortly after the page loads.
// This then takes the reader to the section holding the first of them (the
// matches on a section's title or an index entry come with an anchor, which
// the browser follows by itself).
"use strict";

window.addEventListener("load", () => {
  if (window.location.hash) return;
  // The search page marks the words in its own results: it stays at its top,
  // where the reader sees how many were found.
  if (document.getElementById("search-results")) return;
  // sphinx_highlight.js marks the words 10 ms after the document is read.
  window.setTimeout(() => {
    const found = document.querySelector("article span.highlighted");
    if (!found) return;
    const section = found.closest("section");
    // The section's heading, unless the word is far below it.
    const near = section
      && found.getBoundingClientRect().top - section.getBoundingClientRect().top < window.innerHeight / 2;
    // At once: furo makes scrolling smooth, which a reader who asked to be taken there need not watch.
    (near ? section : found).scrollIntoView({block: "start", behavior: "instant"});
  }, 100);
});
