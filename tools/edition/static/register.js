// The register of letters (tools/edition/finding/chronology.py): filters by correspondent, place, month
// and kind, made from the register itself. Without this script the whole register is shown.
// The choice is kept in the address (?correspondent=…&month=…), so a narrowed register can be shared.
(() => {
  const months = [...document.querySelectorAll(".register-month")];
  if (!months.length) return;
  const entries = months.flatMap((month) => [...month.querySelectorAll(".register-entry")]);
  const monthOf = (entry) => entry.closest(".register-month").querySelector(".register-month-title").textContent.trim();
  const valuesOf = (entry, kind) => (kind === "month" ? [monthOf(entry)]
    : [...entry.querySelectorAll(`.register-${kind}`)].map((span) => span.textContent.trim()));
  const FILTERS = [["correspondent", "Correspondent"], ["place", "Place"], ["month", "Month"], ["kind", "Kind"]];

  const form = document.createElement("form");
  form.className = "register-filters";
  form.setAttribute("aria-label", "Narrow the register");
  const params = new URLSearchParams(location.search);
  const selects = FILTERS.map(([kind, label]) => {
    const seen = entries.flatMap((entry) => valuesOf(entry, kind));
    const options = kind === "month" ? [...new Set(seen)]  // in the register's order, not the alphabet's
      : [...new Set(seen)].sort((a, b) => a.localeCompare(b, "en", {sensitivity: "base", ignorePunctuation: true}));
    const wrapper = document.createElement("label");
    wrapper.className = "register-filter";
    const select = document.createElement("select");
    select.name = kind;
    select.append(new Option("Any", ""), ...options.map((value) => new Option(value, value)));
    if (options.includes(params.get(kind))) select.value = params.get(kind);
    wrapper.append(`${label} `, select);
    form.append(wrapper);
    return select;
  });
  const count = document.createElement("p");
  count.className = "register-count";
  count.setAttribute("role", "status");
  const reset = document.createElement("button");
  reset.type = "reset";
  reset.textContent = "Show all";
  form.append(reset, count);
  months[0].before(form);

  function apply() {
    let shown = 0;
    for (const entry of entries) {
      const match = selects.every((select) => !select.value || valuesOf(entry, select.name).includes(select.value));
      entry.hidden = !match;
      shown += match ? 1 : 0;
    }
    for (const month of months) month.hidden = !month.querySelector(".register-entry:not([hidden])");
    count.textContent = shown === entries.length ? `${entries.length} selections`
      : `${shown} of ${entries.length} selections`;
    const query = new URLSearchParams(selects.filter((s) => s.value).map((s) => [s.name, s.value]));
    history.replaceState(null, "", query.size ? `?${query}` : location.pathname);
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
})();
