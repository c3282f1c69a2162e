// A search result opens its page at the first place the words were found.
//
// Sphinx's search links a page whose text matched to the page's top, with
// ?highlight=words; sphinx_highlight.js then marks the words. This takes the
// reader to the section holding the first of them (the matches on a
// section's title or an index entry already come with an anchor).
"use strict";

window.addEventListener("load", () => {
  if (window.location.hash || !new URLSearchParams(window.location.search).has("highlight")) {
    return;
  }
  const found = document.querySelector("article span.highlighted");
  if (!found) return;
  const section = found.closest("section");
  // The section's heading, unless the word is far below it.
  const into = section && found.getBoundingClientRect().top - section.getBoundingClientRect().top
    < window.innerHeight / 2 ? section : found;
  into.scrollIntoView({block: "start"});
});
