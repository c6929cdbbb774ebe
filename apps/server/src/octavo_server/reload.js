// Octavo's live reload, added by `octavo serve` to pages in writing mode only (never written
// to disk). It listens to the server's build events: a new build reloads the page (or swaps its
// stylesheets when only CSS changed); a failed build shows its errors over the page until fixed.
// An external script styled through the CSSOM, so the site's Content-Security-Policy still holds.
(() => {
  "use strict";
  const OVERLAY_ID = "octavo-build-errors";
  const script = document.currentScript;
  let pageBuild = script ? Number(script.dataset.build) : 0;

  function styled(tag, styles, text) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(styles)) {
      element.style.setProperty(name, value);
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function where(error) {
    return error.line ? `${error.path}:${error.line}` : error.path;
  }

  function showErrors(errors, shown) {
    hideErrors();
    const overlay = styled("section", {
      position: "fixed", inset: "0", "z-index": "2147483647", overflow: "auto",
      background: "rgba(20, 20, 24, 0.94)", color: "#f4f4f5", padding: "2rem",
      font: "15px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    });
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build failed");
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    overlay.append(styled("h2", { margin: "0 0 1rem", color: "#fca5a5", font: "inherit",
      "font-weight": "bold" }, `Build failed with ${count}; ` +
      (shown ? "showing the last good build." : "nothing has been built yet.")));
    const list = styled("ol", { margin: "0", padding: "0 0 0 1.5rem" });
    for (const error of errors) {
      const item = styled("li", { margin: "0 0 1rem" });
      item.className = "octavo-build-error";
      item.append(styled("strong", { color: "#fde68a" }, where(error)));
      const field = error.field ? `${error.field}: ` : "";
      item.append(styled("div", {}, field + error.message));
      if (error.hint) {
        item.append(styled("div", { color: "#a1a1aa" }, error.hint));
      }
      list.append(item);
    }
    overlay.append(list);
    document.body.append(overlay);
  }

  function hideErrors() {
    document.getElementById(OVERLAY_ID)?.remove();
  }

  function swapStylesheets(build) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin) {
        continue;
      }
      url.searchParams.set("octavo-build", String(build));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      // Remove the old sheet only once the new one applies, so the page never flashes unstyled.
      fresh.addEventListener("load", () => link.remove(), { once: true });
      link.after(fresh);
    }
  }

  const events = new EventSource("/_octavo/events");
  events.addEventListener("build", (event) => {
    const state = JSON.parse(event.data);
    if (state.errors.length > 0) {
      showErrors(state.errors, state.shown);
      return;
    }
    hideErrors();
    if (state.build === pageBuild) {
      return;
    }
    // Only when the page missed no other build can new stylesheets stand in for a reload.
    if (state.stylesheet_only && state.build === pageBuild + 1) {
      swapStylesheets(state.build);
      pageBuild = state.build;
      return;
    }
    location.reload();
  });
})();
