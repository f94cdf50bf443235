// pydata-sphinx-theme 0.20's scripts/bootstrap.js (src/pydata_sphinx_theme/assets/scripts/bootstrap.js),
// with the two Bootstrap components the site uses instead of all twelve: the dropdown (the colour
// mode switch) and the tooltips (the header's buttons). The theme's other code is kept as it is.
import Dropdown from "bootstrap/js/src/dropdown.js";
import Tooltip from "bootstrap/js/src/tooltip.js";

const bootstrap = { Dropdown, Tooltip };

function documentReady(callback) {
  if (document.readyState != "loading") callback();
  else document.addEventListener("DOMContentLoaded", callback);
}

/**
 * Add tooltip to each element with the "tooltip" data-bs-toogle class
 */
function TriggerTooltip() {
  var tooltipTriggerList = [].slice.call(
    document.querySelectorAll('[data-bs-toggle="tooltip"]'),
  );
  tooltipTriggerList.map(function (tooltipTriggerEl) {
    return new bootstrap.Tooltip(tooltipTriggerEl, {
      delay: { show: 500, hide: 100 },
    });
  });
}

/**
 * disable theme switch tooltip while the theme switch dropdown is open
 */
function setupThemeSwitchDropdownTooltip() {
  const themeSwitchContainer = document.querySelector(
    ".theme-switch-container",
  );
  if (!themeSwitchContainer) return;

  const themeSwitchTooltip =
    bootstrap.Tooltip.getInstance(themeSwitchContainer);
  if (!themeSwitchTooltip) return;

  themeSwitchContainer.addEventListener("show.bs.dropdown", () => {
    themeSwitchTooltip.hide();
    themeSwitchTooltip.disable();
  });

  themeSwitchContainer.addEventListener("hide.bs.dropdown", () => {
    themeSwitchTooltip.enable();
  });
}

/**
 * back to top button
 */
function backToTop() {
  var btn = document.getElementById("pst-back-to-top");
  // Config allows button to be disabled, so check it exists
  if (btn) {
    btn.addEventListener("click", function () {
      document.body.scrollTop = 0;
      document.documentElement.scrollTop = 0;
    });
  }
}

function showBackToTop() {
  var btn = document.getElementById("pst-back-to-top");
  if (!btn) return;
  var header = document
    .getElementsByClassName("bd-header")[0]
    .getBoundingClientRect();
  window.addEventListener("scroll", function () {
    if (this.oldScroll > this.scrollY && this.scrollY > header.bottom) {
      btn.style.display = "block";
    } else {
      btn.style.display = "none";
    }
    this.oldScroll = this.scrollY;
  });
}

documentReady(TriggerTooltip);
documentReady(setupThemeSwitchDropdownTooltip);
documentReady(backToTop);
documentReady(showBackToTop);

window.bootstrap = bootstrap;
