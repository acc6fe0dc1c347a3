// The timeline's filter: a choice of case or precedent that hides every other entry.
// Names are read from the entries' data attributes and written as text, never as HTML.
(function () {
  "use strict";

  function option(value, label) {
    const item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    return item;
  }

  function setUp() {
    const timeline = document.querySelector(".cb-timeline");
    if (timeline === null || timeline.dataset.filter === "ready") {
      return;
    }
    timeline.dataset.filter = "ready";
    const entries = Array.from(timeline.querySelectorAll(".cb-tl-entry"));
    const owners = new Map();
    for (const entry of entries) {
      if (!owners.has(entry.dataset.case)) {
        owners.set(entry.dataset.case, { kind: entry.dataset.kind, label: entry.dataset.label });
      }
    }

    const select = document.createElement("select");
    select.className = "cb-tl-select";
    select.append(option("", "All cases and precedents"));
    for (const [kind, title] of [["case", "Cases"], ["precedent", "Precedents"]]) {
      const group = document.createElement("optgroup");
      group.label = title;
      const members = Array.from(owners).filter(([, owner]) => owner.kind === kind);
      members.sort(([, a], [, b]) => a.label.localeCompare(b.label));
      for (const [id, owner] of members) {
        group.append(option(id, owner.label));
      }
      if (group.children.length > 0) {
        select.append(group);
      }
    }

    const label = document.createElement("label");
    label.append(document.createTextNode("Show: "), select);
    const count = document.createElement("output");
    count.className = "cb-tl-count";
    count.setAttribute("aria-live", "polite");
    const form = document.createElement("form");
    form.className = "cb-tl-filter";
    form.append(label, document.createTextNode(" "), count);
    form.addEventListener("submit", (event) => event.preventDefault());

    function apply() {
      let shown = 0;
      for (const entry of entries) {
        entry.hidden = select.value !== "" && entry.dataset.case !== select.value;
        shown += entry.hidden ? 0 : 1;
      }
      count.textContent = `${shown} of ${entries.length} entries`;
    }
    select.addEventListener("change", apply);
    timeline.before(form);
    apply();
  }

  // Material for MkDocs announces each page it shows on `document$`; without it, run once.
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
