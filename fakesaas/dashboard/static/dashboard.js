// The dashboard's behaviour: the ticking world clock and countdowns, live regions refreshed by polling,
// actions sent to the control plane (/_fakesaas), copy buttons, and seat details on click.
// Plain JavaScript, no library: the pages work offline and read fine without it.
"use strict";

(function () {
  const POLL_MS = 2500;
  const CLOCK_SYNC_MS = 5000;
  const control = document.body.dataset.control || "/_fakesaas";
  const flash = document.getElementById("flash");

  // --- the world clock -----------------------------------------------------------------------
  // The server's now and whether it runs; between syncs it is moved on by the browser's own
  // monotonic clock, so the display ticks without a request a second.
  const clockEl = document.getElementById("world-clock");
  const clockState = document.getElementById("world-clock-state");
  const world = { now: clockEl ? Date.parse(clockEl.dataset.now) : Date.now(), frozen: clockEl ? clockEl.dataset.frozen === "1" : false, at: performance.now() };

  function worldNow() {
    return world.frozen ? world.now : world.now + (performance.now() - world.at);
  }

  function setClock(state) {
    world.now = Date.parse(state.now);
    world.frozen = !!state.frozen;
    world.at = performance.now();
    drawClock();
  }

  function format(ms) {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace("T", " ").replace(".000Z", "") + " UTC";
  }

  function drawClock() {
    if (!clockEl) return;
    const text = format(worldNow());
    clockEl.textContent = text;
    clockEl.dateTime = new Date(worldNow()).toISOString();
    for (const mirror of document.querySelectorAll("[data-mirror='world-clock']")) mirror.textContent = text;
    if (clockState) {
      clockState.textContent = world.frozen ? "frozen" : "running";
      clockState.classList.toggle("tone-held", world.frozen);
    }
    for (const el of document.querySelectorAll("time[data-expires]")) {
      const left = Math.floor((Date.parse(el.dataset.expires) - worldNow()) / 1000);
      el.textContent = left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} left` : "expired";
      el.classList.toggle("expired", left <= 0);
    }
  }

  async function syncClock() {
    try {
      const answer = await fetch(`${control}/clock`, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (answer.ok) setClock(await answer.json());
    } catch (error) {
      /* the emulator stopped: keep ticking what we had */
    }
  }

  // --- live regions ----------------------------------------------------------------------------
  // Elements with data-live and an id are fetched again with the page and swapped when they
  // changed, unless the reader is inside one (focus, an open menu): nothing moves under a cursor.
  let polling = false;

  async function refresh() {
    if (polling || document.hidden) return;
    polling = true;
    try {
      const answer = await fetch(location.href, { headers: { "X-Fakesaas-Live": "1" }, credentials: "same-origin" });
      if (!answer.ok) return;
      const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
      for (const region of document.querySelectorAll("[data-live][id]")) {
        const next = fresh.getElementById(region.id);
        if (!next || next.innerHTML === region.innerHTML) continue;
        if (region.contains(document.activeElement) && document.activeElement !== document.body) continue;
        region.replaceWith(document.importNode(next, true));
      }
      drawClock();
    } catch (error) {
      /* try again at the next tick */
    } finally {
      polling = false;
    }
  }

  // --- actions through the control plane ---------------------------------------------------------
  function say(text, bad) {
    if (!flash) return;
    flash.textContent = text;
    flash.classList.toggle("tone-bad", !!bad);
    flash.classList.toggle("tone-free", !bad);
  }

  function fill(template, data) {
    return template.replace(/\{(\w+)\}/g, (_, key) => {
      const value = data && data[key];
      return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
    });
  }

  async function call(spec, body, done) {
    const [method, url] = spec.split(" ");
    const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body && Object.keys(body).length) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    let data = null;
    try {
      const answer = await fetch(url, init);
      data = await answer.json().catch(() => null);
      if (!answer.ok) {
        say((data && data.error) || `${answer.status} ${answer.statusText}`, true);
        return false;
      }
    } catch (error) {
      say(`The emulator did not answer: ${error}`, true);
      return false;
    }
    if (data && data.now !== undefined && data.frozen !== undefined) setClock(data);
    say(fill(done || "Done", data), false);
    await syncClock();
    await refresh();
    return true;
  }

  function formBody(form) {
    const body = {};
    const amount = form.querySelector("[data-amount]");
    const unit = form.querySelector("[data-unit]");
    if (amount && unit) body[unit.value] = amount.value;
    for (const field of form.elements) {
      if (!field.name || field.disabled) continue;
      if (field.type === "checkbox") {
        if (field.checked) body[field.name] = field.value || "true";
      } else if (field.value !== "") {
        body[field.name] = field.value;
      }
      if (field.tagName === "SELECT" && field.selectedOptions[0] && field.selectedOptions[0].dataset.also) {
        Object.assign(body, JSON.parse(field.selectedOptions[0].dataset.also));
      }
    }
    return body;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.control) return;
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    if (button) button.disabled = true;
    try {
      await call(form.dataset.control, formBody(form), form.dataset.done);
    } finally {
      if (button) button.disabled = false;
    }
  });

  document.addEventListener("click", async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const button = target.closest("button[data-call]");
    if (button) {
      button.disabled = true;
      try {
        await call(button.dataset.call, null, button.dataset.done);
      } finally {
        button.disabled = false;
      }
      return;
    }
    const copy = target.closest("button[data-copy]");
    if (copy) {
      const source = document.getElementById(copy.dataset.copy);
      if (source) copyText(source.textContent, copy);
      return;
    }
    const seat = target.closest("svg.seatmap-svg [data-id]");
    if (seat && !seat.closest("a")) showObject(seat);
  });

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      // No clipboard API off a secure origin: select the text so Ctrl-C copies it.
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(button.dataset.copy));
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand && document.execCommand("copy");
    }
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => (button.textContent = label), 1500);
  }

  // --- seat maps: a click shows the object's details, fetched as the find form would ---------------
  async function showObject(shape) {
    const svg = shape.closest("svg");
    const url = new URL(location.href);
    url.searchParams.set(svg.dataset.find || "object", shape.dataset.id);
    history.replaceState(null, "", url);
    for (const old of svg.querySelectorAll(".sel")) old.classList.remove("sel");
    shape.classList.add("sel");
    const answer = await fetch(url, { credentials: "same-origin" });
    if (!answer.ok) return;
    const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
    const next = fresh.getElementById(svg.dataset.details);
    const here = document.getElementById(svg.dataset.details);
    if (next && here) here.replaceWith(document.importNode(next, true));
  }

  drawClock();
  setInterval(drawClock, 1000);
  setInterval(syncClock, CLOCK_SYNC_MS);
  setInterval(refresh, POLL_MS);
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) {
      syncClock();
      refresh();
    }
  });
})();
