// "Cite this selection" (tools/edition/exports/citation.py): the page's own address where the site
// has no fixed one; a paragraph in the address (#p12) cited by its print pages and address, a
// paragraph of the editors' headnote or source note (#h2, #s1) with the note that credits them;
// buttons that copy a citation as rich text (the book's title in italics) and as plain text.
(() => {
  "use strict";
  const section = document.querySelector(".edition-cite");
  if (!section) return;
  // each paragraph's print pages: "p1:61 p2:61–62 h1:61"
  const pagesOf = Object.fromEntries((section.dataset.pages || "").split(" ").filter(Boolean)
    .map((pair) => pair.split(":")));
  const address = location.href.split("#")[0];
  const urls = section.querySelectorAll(".edition-cite-url");
  const pages = section.querySelectorAll(".edition-cite-pages");
  urls.forEach((span) => {
    span.dataset.page = span.textContent === "this page" ? address : span.textContent;
  });
  pages.forEach((span) => { span.dataset.selection = span.textContent; });
  const text = document.getElementById("edition-cite-text");
  const headnote = document.getElementById("edition-cite-headnote");
  const copyNote = section.querySelector(".edition-cite-copy");

  function citeParagraph() {
    const match = /^#([phs])(\d+)$/.exec(location.hash);
    const cited = match && document.getElementById(match[1] + match[2]) ? match : null;
    const byEditors = Boolean(cited && cited[1] !== "p");
    headnote.hidden = !byEditors;
    text.hidden = byEditors;
    copyNote.dataset.copy = byEditors ? headnote.id : text.id;
    pages.forEach((span) => {
      span.textContent = (cited && pagesOf[cited[0].slice(1)]) || span.dataset.selection;
    });
    urls.forEach((span) => { span.textContent = span.dataset.page + (cited ? cited[0] : ""); });
  }
  citeParagraph();
  addEventListener("hashchange", citeParagraph);

  // The citation as rich text: titles in <i>, which word processors and mail take as italics.
  function richText(element) {
    const copied = element.cloneNode(true);
    copied.querySelectorAll("cite").forEach((title) => {
      const italic = document.createElement("i");
      italic.append(...title.childNodes);
      title.replaceWith(italic);
    });
    return copied.innerHTML.trim();
  }

  async function copy(element) {
    const plain = element.textContent.trim();
    if (typeof ClipboardItem === "function" && navigator.clipboard.write) {
      const html = richText(element);
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" }),
      })]);
    } else {
      await navigator.clipboard.writeText(plain);
    }
  }

  section.querySelectorAll(".edition-cite-copy").forEach((button) => {
    const label = button.textContent;
    button.addEventListener("click", async () => {
      const element = document.getElementById(button.dataset.copy);
      try {
        await copy(element);
        button.textContent = "Copied";
      } catch {
        const range = document.createRange();  // no clipboard (e.g. not https): select it instead
        range.selectNodeContents(element);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        button.textContent = "Selected: press Ctrl+C";
      }
      setTimeout(() => { button.textContent = label; }, 4000);
    });
  });
})();
