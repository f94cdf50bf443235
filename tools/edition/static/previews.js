// Glossary, works-cited and footnote previews (tools/edition/letter_page/previews.py). Hover or focus a
// glossary link, a work's title or a footnote mark: its text shows in place; Escape or moving
// away hides it. On a touch screen a tap opens the preview with a link onward to the entry; a
// second tap on the same words, or the onward link, goes there; a tap elsewhere closes it.
(() => {
  "use strict";
  const dataNode = document.getElementById("edition-previews");
  const entries = dataNode ? JSON.parse(dataNode.textContent) : {};
  const tip = document.createElement("div");
  tip.id = "edition-preview";
  tip.className = "edition-preview";
  tip.hidden = true;
  document.body.append(tip);
  let current = null;
  let pinned = null;  // the link a tap opened the preview of: it stays open until a tap elsewhere
  let touch = false;  // the last pointer was a finger or a pen, not a mouse

  function previewFor(link) {
    const hash = decodeURIComponent((link.getAttribute("href") || "").split("#")[1] || "");
    if (!hash) return null;
    if (link.classList.contains("footnote-reference")) {
      const note = document.getElementById(hash);
      if (!note) return null;
      const text = Array.from(note.querySelectorAll("p"), (p) => p.textContent.trim()).join(" ");
      return text ? {text} : null;
    }
    return Object.prototype.hasOwnProperty.call(entries, hash) ? entries[hash] : null;
  }

  function show(link, onward) {
    const preview = previewFor(link);
    if (!preview) return;
    if (current && current !== link) current.removeAttribute("aria-describedby");
    current = link;
    tip.textContent = preview.text;
    if (preview.name) {  // a glossary entry: its name on a line of its own, in bold
      const name = document.createElement("strong");
      name.className = "edition-preview-name";
      name.textContent = preview.name;
      tip.prepend(name);
    }
    tip.setAttribute("role", "tooltip");
    tip.removeAttribute("aria-label");
    if (onward) {  // a tooltip holds no link: opened by a tap, the preview is a labelled box with one
      tip.setAttribute("role", "complementary");
      tip.setAttribute("aria-label", "Preview");
      const next = document.createElement("a");
      next.className = "edition-preview-onward";
      next.href = link.href;
      next.textContent = link.classList.contains("footnote-reference") ? "Go to the note" : "Go to the entry";
      tip.append(document.createElement("br"), next);
    }
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
    current = pinned = null;
    tip.hidden = true;
  }

  const linkOf = (event) => {
    if (tip.contains(event.target)) return null;
    const link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    return link && previewFor(link) ? link : null;
  };
  document.addEventListener("pointerdown", (event) => { touch = event.pointerType !== "mouse"; }, true);
  document.addEventListener("keydown", () => { touch = false; }, true);
  document.addEventListener("mouseover", (event) => { const link = linkOf(event); if (link && !pinned) show(link); });
  document.addEventListener("mouseout", (event) => { if (!pinned && linkOf(event) === current) hide(); });
  document.addEventListener("focusin", (event) => {
    if (pinned || tip.contains(event.target)) return;
    const link = linkOf(event);
    if (link) show(link); else hide();
  });
  document.addEventListener("focusout", () => { if (!pinned) hide(); });
  document.addEventListener("click", (event) => {
    if (tip.contains(event.target)) return;  // the onward link: followed
    const link = linkOf(event);
    if (touch && link && link !== pinned) {  // first tap: the preview, not the page
      event.preventDefault();
      show(link, true);
      pinned = link;
    } else if (pinned && link !== pinned) {
      hide();
    }
  });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
})();
