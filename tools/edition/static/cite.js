// "Cite this selection" (tools/edition/exports/citation.py): the page's own address where the site
// has no fixed one, the paragraph in the address (#p12, #h3, #s1) cited with its number, and a
// button that copies the citation.
(() => {
  "use strict";
  const PART = { p: "¶", h: "editor’s note ¶", s: "source note ¶" };
  const address = location.href.split("#")[0];
  const urls = document.querySelectorAll(".edition-cite-url");
  urls.forEach((span) => {
    span.dataset.page = span.textContent === "this page" ? address : span.textContent;
  });

  function citeParagraph() {
    const match = /^#([phs])(\d+)$/.exec(location.hash);
    const cited = match && document.getElementById(match[1] + match[2]) ? match : null;
    document.querySelectorAll(".edition-cite-paragraph").forEach((span) => {
      span.textContent = cited ? `, ${PART[cited[1]]} ${cited[2]}` : "";
    });
    urls.forEach((span) => { span.textContent = span.dataset.page + (cited ? cited[0] : ""); });
  }
  citeParagraph();
  addEventListener("hashchange", citeParagraph);

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
