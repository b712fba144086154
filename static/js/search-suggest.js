// As-you-type suggestions for every search box (the search page's, the
// header's, the home page's): an ARIA 1.2 combobox over the suggest API
// (/api/search/suggest/). Without JavaScript the form still works.
(function () {
  "use strict";

  const DELAY_MS = 150;

  function setUp(container) {
    const input = container.querySelector('[role="combobox"]');
    const list = container.querySelector('[role="listbox"]');
    const endpoint = container.dataset.suggestUrl;
    let options = [];
    let active = -1;
    let timer = null;
    let latestRequest = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (index >= 0) {
        options[index].scrollIntoView({ block: "nearest" }); // the highlighted option stays in sight
        input.setAttribute("aria-activedescendant", options[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) return;
      suggestions.forEach((suggestion, index) => {
        const option = document.createElement("li");
        option.id = `${list.id}-${index}`; // unique when a page has several search boxes
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.lang = suggestion.locale;
        const link = document.createElement("a");
        link.href = suggestion.url;
        link.tabIndex = -1;
        link.textContent = suggestion.title; // textContent: titles are never parsed as HTML
        option.append(link);
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.append(option);
        options.push(option);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    async function fetchSuggestions(prefix) {
      const requestNumber = ++latestRequest;
      const params = new URLSearchParams({ q: prefix });
      if (container.dataset.locale) params.set("locale", container.dataset.locale);
      // Titles in the language of the page come first.
      if (document.documentElement.lang) params.set("language", document.documentElement.lang);
      try {
        const response = await fetch(`${endpoint}?${params}`, { headers: { Accept: "application/json" } });
        if (!response.ok || requestNumber !== latestRequest) return;
        const data = await response.json();
        if (requestNumber === latestRequest) show(data.suggestions || []);
      } catch (error) {
        close(); // suggestions are a convenience: the search itself still works
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const prefix = input.value.trim();
      if (!prefix) {
        latestRequest++;
        close();
        return;
      }
      timer = setTimeout(() => fetchSuggestions(prefix.slice(0, 100)), DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      if (list.hidden && event.key !== "ArrowDown") return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden && input.value.trim()) fetchSuggestions(input.value.trim());
        else highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, -1));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].querySelector("a").href);
      } else if (event.key === "Escape") {
        close();
      }
    });

    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  document.querySelectorAll(".search-combobox[data-suggest-url]").forEach(setUp);
})();
