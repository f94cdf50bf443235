// Glossary and footnote previews (tools/extensions/previews.py). Hover or focus a glossary
// link or a footnote mark: its text shows in place; Escape or moving away hides it.
(() => {
  "use strict";
  const dataNode = document.getElementById("edition-previews");
  const glossary = dataNode ? JSON.parse(dataNode.textContent) : {};
  const tip = document.createElement("div");
  tip.id = "edition-preview";
  tip.className = "edition-preview";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let current = null;

  function previewFor(link) {
    const hash = decodeURIComponent((link.getAttribute("href") || "").split("#")[1] || "");
    if (!hash) return null;
    if (link.classList.contains("footnote-reference")) {
      const note = document.getElementById(hash);
      if (!note) return null;
      return Array.from(note.querySelectorAll("p"), (p) => p.textContent.trim()).join(" ") || null;
    }
    return Object.prototype.hasOwnProperty.call(glossary, hash) ? glossary[hash] : null;
  }

  function show(link) {
    const text = previewFor(link);
    if (!text) return;
    current = link;
    tip.textContent = text;
    tip.hidden = false;
    link.setAttribute("aria-describedby", tip.id);
    const box = link.getBoundingClientRect();
    const width = Math.min(420, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }

  const linkOf = (event) => {
    const link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    return link && previewFor(link) ? link : null;
  };
  document.addEventListener("mouseover", (event) => { const link = linkOf(event); if (link) show(link); });
  document.addEventListener("mouseout", (event) => { if (linkOf(event) === current) hide(); });
  document.addEventListener("focusin", (event) => { const link = linkOf(event); if (link) show(link); else hide(); });
  document.addEventListener("focusout", () => hide());
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
})();
