// sphinx-book-theme 1.4 shows its own sidebar buttons in the article header but wires the
// theme's handlers (open the sidebar as a dialog on narrow screens, hide it on wide ones) to the
// first button of each kind only, which this layout hides: below 992 px the contents could not
// be opened. The visible buttons pass their clicks on to the wired ones.
(() => {
  "use strict";
  for (const kind of [".primary-toggle", ".secondary-toggle"]) {
    const [wired, ...others] = document.querySelectorAll(kind);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        wired.click();
      });
    }
  }
})();
