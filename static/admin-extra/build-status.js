// Live build progress on the edition page: polls the staff-only JSON
// endpoint while a build is queued or running, and updates the panel in
// place. Texts come from data-text-* attributes, already translated.
(function () {
  "use strict";
  const POLL_MS = 2000;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? values[name] : match));
  }

  function clock(seconds) {
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, "0");
    return minutes + ":" + rest;
  }

  function start(panel) {
    const field = (name) => panel.querySelector('[data-field="' + name + '"]');
    const texts = panel.dataset;
    let elapsed = Number(field("elapsed").dataset.seconds || 0);
    let running = texts.finished !== "true";
    let lastStatus = null;

    function showElapsed() {
      field("elapsed").textContent = format(texts.textElapsed, { time: clock(elapsed) });
    }

    function render(state) {
      field("label").textContent = state.label;
      field("label").className = "build-status build-" + state.status;
      field("stage").textContent = state.stage || "";
      field("progress").hidden = state.finished;
      field("bar").max = Math.max(1, state.pages_total || 0);
      field("bar").value = state.pages_done || 0;
      field("pages").textContent = format(texts.textPages, { done: state.pages_done || 0, total: state.pages_total || 0 });
      elapsed = state.elapsed_seconds || 0;
      showElapsed();
      field("publish-note").hidden = !(state.publish_when_done && !state.finished);
      field("error").hidden = !state.error;
      field("error-text").textContent = state.error || "";
      if (state.status === "done" && lastStatus && lastStatus !== "done") {
        field("message").textContent = texts.textDone;
        field("message").hidden = false;
      }
      lastStatus = state.status;
      running = !state.finished;
    }

    async function poll() {
      try {
        const response = await fetch(texts.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok) throw new Error("HTTP " + response.status);
        render(await response.json());
        field("message").hidden = field("message").textContent !== texts.textDone;
      } catch (error) {
        field("message").textContent = texts.textUnreachable;
        field("message").hidden = false;
      }
      if (running) window.setTimeout(poll, POLL_MS);
    }

    showElapsed();
    window.setInterval(() => {
      if (running) {
        elapsed += 1;
        showElapsed();
      }
    }, 1000);
    if (running) window.setTimeout(poll, POLL_MS);
    // A build queued from another tab starts polling when this tab is looked at again.
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && !running) {
        running = true;
        poll();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.getElementById("build-panel");
    if (panel) start(panel);
  });
})();
