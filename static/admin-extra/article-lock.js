// Keeps this person's edit lock on the article while the page is open:
// a heartbeat every few dozen seconds, a release when the page is left
// without saving, and a warning as soon as someone took the lock over.
(function () {
  "use strict";

  function csrfToken() {
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function post(url, action) {
    const body = new FormData();
    body.append("action", action);
    body.append("csrfmiddlewaretoken", csrfToken());
    return body;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const banner = document.getElementById("lock-lost");
    if (!banner || banner.dataset.editing !== "true") return;
    const url = banner.dataset.lockUrl;
    const every = Number(banner.dataset.heartbeatSeconds || 60) * 1000;
    let saving = false;

    document.querySelectorAll("form").forEach((form) => form.addEventListener("submit", () => { saving = true; }));

    async function heartbeat() {
      try {
        const response = await fetch(url, { method: "POST", body: post(url, "heartbeat"), credentials: "same-origin" });
        if (!response.ok) return;
        const state = await response.json();
        if (state.holder && !state.mine) {
          banner.textContent = banner.dataset.textLost.replace("%(name)s", state.holder).replace("%(time)s", state.since);
          banner.hidden = false;
        }
      } catch (error) {
        // Offline for a moment: the next heartbeat tries again, and the lock lasts several minutes.
      }
    }

    window.setInterval(heartbeat, every);
    window.addEventListener("pagehide", () => {
      if (!saving && navigator.sendBeacon) navigator.sendBeacon(url, post(url, "release"));
    });
  });
})();
