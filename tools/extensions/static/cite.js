// "Cite this selection" (tools/extensions/citation.py): the page's own address where the site
// has no fixed one, and a button that copies the citation.
(() => {
  "use strict";
  const address = location.href.split("#")[0];
  document.querySelectorAll(".edition-cite-url").forEach((span) => {
    if (span.textContent === "this page") span.textContent = address;
  });
  document.querySelectorAll(".edition-cite-copy").forEach((button) => {
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copy).textContent.trim();
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch {
        const range = document.createRange();  // no clipboard (e.g. not https): select it instead
        range.selectNodeContents(document.getElementById(button.dataset.copy));
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        button.textContent = "Selected: press Ctrl+C";
      }
    });
  });
})();
