// Small enhancements for every page. The site works without them; nothing here loads Pyodide.

// "Read this clause in the current version": keep the clause the reader came for.
function pointBannerAtClause() {
  const banner = document.querySelector(".superseded");
  if (!banner) return;
  const anchor = decodeURIComponent(location.hash.slice(1));
  const link = banner.querySelector(".current-clause-link");
  const removed = (banner.dataset.removed || "").split(" ");
  if (!anchor || !link) return;
  if (removed.includes(anchor)) {
    banner.querySelector(".removed-note").hidden = false;
    link.href = banner.dataset.current;
  } else {
    link.href = banner.dataset.current + "#" + encodeURIComponent(anchor);
  }
}

// "As at a date": choose the version in force on a day from the history's data.
function enableAsAt() {
  for (const form of document.querySelectorAll("form.as-at")) {
    const versions = JSON.parse(form.dataset.versions);
    const output = form.querySelector("output");
    form.classList.remove("needs-script");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const day = form.elements.date.value;
      const found = versions.find((v, i) =>
        (v.from === null ? i === 0 : v.from <= day) && (v.until === null || day <= v.until));
      if (!found) {
        output.textContent = "No version of this code was in force on that day.";
        return;
      }
      const dated = versions.some((v) => v.from !== null);
      output.textContent = dated ? "" : "This code's dates are not stated; showing its only known version.";
      location.href = found.url + location.hash;
    });
  }
}

// Clicking a clause number also copies its address, and says so to screen readers.
function copyClauseLinks() {
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  document.body.append(status);
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.anchor-link");
    if (!link || !navigator.clipboard) return;
    navigator.clipboard.writeText(link.href).then(
      () => { status.textContent = "Link to " + link.dataset.cite + " copied"; },
      () => { /* clipboard refused: the address bar still has the link */ });
  });
}

pointBannerAtClause();
window.addEventListener("hashchange", pointBannerAtClause);
enableAsAt();
copyClauseLinks();
