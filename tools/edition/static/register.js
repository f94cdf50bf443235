// The register of letters (tools/edition/finding/chronology.py): filters by correspondent, place, month
// and kind, made from the register itself. Without this script the whole register is shown.
// The choice is kept in the address (?correspondent=…&month=…), so a narrowed register can be shared;
// a value the register does not have is said so, and the whole register shown.
// Correspondents come as data (chronology.py): one option per person, by surname ("Kamenev, L.").
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
  const people = document.getElementById("register-correspondents");
  const optionsOf = (kind) => {
    if (kind === "correspondent" && people) return JSON.parse(people.textContent);
    const seen = [...new Set(entries.flatMap((entry) => valuesOf(entry, kind)))];
    if (kind !== "month") {  // months in the register's order, not the alphabet's
      seen.sort((a, b) => a.localeCompare(b, "en", {sensitivity: "base", ignorePunctuation: true}));
    }
    return seen.map((value) => ({value, label: value}));
  };
  const unknown = [];  // "No correspondent 'X' in the register": values in the address the register lacks
  const selects = FILTERS.map(([kind, label]) => {
    const options = optionsOf(kind);
    const wrapper = document.createElement("label");
    wrapper.className = "register-filter";
    const select = document.createElement("select");
    select.name = kind;
    select.append(new Option("Any", ""), ...options.map((option) => new Option(option.label, option.value)));
    const asked = params.get(kind);
    if (options.some((option) => option.value === asked)) select.value = asked;
    else if (asked) unknown.push(`No ${label.toLowerCase()} “${asked}” in the register — showing all`);
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
    const counted = shown === entries.length ? `${entries.length} selections` : `${shown} of ${entries.length} selections`;
    count.textContent = [...unknown, counted].join(". ");
    const query = new URLSearchParams(selects.filter((s) => s.value).map((s) => [s.name, s.value]));
    history.replaceState(null, "", query.size ? `?${query}` : location.pathname);
  }
  const choose = () => { unknown.length = 0; apply(); };  // the reader's choice replaces the address's
  form.addEventListener("change", choose);
  form.addEventListener("reset", () => setTimeout(choose));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
})();
