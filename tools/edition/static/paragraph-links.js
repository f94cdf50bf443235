// Paragraph links (tools/edition/letter_page/paragraphs.py): each numbered paragraph of a selection gets a
// "¶" link to itself, shown on hover and keyboard focus (edition.css). Following it puts the
// paragraph in the address, and "Cite this selection" (cite.js) then cites that paragraph.
// Made here, not in the HTML: the book's text, in every format, gains no character.
(() => {
  "use strict";
  const PART = { p: "Paragraph", h: "Editor’s note, paragraph", s: "Source note, paragraph" };
  document.querySelectorAll("article p[id]").forEach((paragraph) => {
    const match = /^([phs])(\d+)$/.exec(paragraph.id);
    if (!match) return;
    const link = document.createElement("a");
    link.className = "edition-paragraph-link";
    link.href = "#" + paragraph.id;
    link.textContent = "¶";
    link.setAttribute("aria-label", `${PART[match[1]]} ${match[2]}`);
    paragraph.append(link);
  });
})();
