/* Keep the reader's tab choices across visits, the browser closed and opened again.
 *
 * sphinx-tabs (tabs.js) selects the same tab on every tab group of the site,
 * but remembers only the last tab chosen, and only for the browser session
 * (sessionStorage): a reader who chose RabbitMQ 3.10.8, then Python, finds
 * neither the next day. This keeps each choice in localStorage, one per set
 * of tabs that stand for each other (a newer choice replaces the tabs it was
 * chosen among), and selects them again, older first, when a page loads.
 * It uses tabs.js's own selectNamedTabs, which tabs.js defines on the pages
 * that have tabs; on the others it does nothing. */

(() => {
  const KEY = "cheatsheet-tab-choices";
  // Enough for every kind of tab the site has, a few times over.
  const KEPT = 20;

  function stored() {
    try {
      const names = JSON.parse(window.localStorage.getItem(KEY));
      return Array.isArray(names) ? names : [];
    } catch (error) {
      return []; // Storage refused (a private window) or unreadable: choose nothing.
    }
  }

  function store(names) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(names.slice(-KEPT)));
    } catch (error) {
      // Storage refused: the choice holds for this page only, as without this script.
    }
  }

  function remember(tab) {
    const name = tab.getAttribute("name");
    // The tabs the reader chose this one among, on this page.
    const alternatives = new Set();
    document.querySelectorAll(".sphinx-tabs-tab.group-tab").forEach((other) => {
      if (other.getAttribute("name") === name) {
        other.parentNode.querySelectorAll(".group-tab").forEach((sibling) => {
          alternatives.add(sibling.getAttribute("name"));
        });
      }
    });
    store([...stored().filter((kept) => !alternatives.has(kept)), name]);
  }

  window.addEventListener("DOMContentLoaded", () => {
    if (typeof selectNamedTabs !== "function") return; // No tabs on this page.
    stored().forEach((name) => selectNamedTabs(name));
    document.querySelectorAll(".sphinx-tabs-tab.group-tab").forEach((tab) => {
      tab.addEventListener("click", () => remember(tab));
    });
  });
})();
