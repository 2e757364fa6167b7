// Progressive enhancement only: every page works without this file.
"use strict";
document.documentElement.classList.add("js");

const QUEUE_KEY = "sd-episode-queue";

function newUuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function readQueue() {
  try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
}
function writeQueue(items) { localStorage.setItem(QUEUE_KEY, JSON.stringify(items)); }

// Each queued cramp carries the UUID made when it was logged; the server stores a UUID once,
// so a send that is retried after a lost answer is never counted twice. A queued "no cramps
// today" carries its local date: a day is one entry, so sending it twice changes nothing.
let flushing = false;
async function currentSession() {
  // A page kept by the service worker may hold an old token: ask for the current one.
  const response = await fetch("/api/v1/session", { credentials: "same-origin" });
  if (!response.ok) return null;
  const data = await response.json();
  return data.signed_in ? data : null;
}

// On a shared phone, a cramp goes to the diary of the person who logged it, never to
// whoever signs in next.
function owner() {
  const meta = document.querySelector('meta[name="sd-user"]');
  if (meta) { localStorage.setItem("sd-last-user", meta.content); return meta.content; }
  return localStorage.getItem("sd-last-user");
}

async function flushQueue() {
  if (flushing || !readQueue().length) { showQueue(); return; }
  flushing = true;
  try {
    let who;
    try { who = await currentSession(); } catch (e) { return; }
    if (!who) return;  // signed out: keep the queue until she signs in again
    for (const item of readQueue()) {
      if (item.owner && item.owner !== who.username) continue;
      const { owner: _owner, kind, uuid: _uuid, ...rest } = item;
      const day = kind === "day";
      let response;
      try {
        response = await fetch(day ? "/api/v1/diary/days" : "/api/v1/diary/episodes", {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": who.csrf_token },
          body: JSON.stringify(day ? { day: rest.day, no_cramps: true } : { uuid: item.uuid, ...rest }),
        });
      } catch (e) { break; }  // still offline: try again later
      if (response.ok || response.status === 422) {
        writeQueue(readQueue().filter((q) => q.uuid !== item.uuid));
      } else { break; }
    }
  } finally { flushing = false; showQueue(); }
  const left = readQueue().filter((q) => !q.owner || q.owner === owner());
  if (!left.length && window.__sdLogged) {
    const next = window.__sdLogged === "none" ? "/diary?none=1" : "/diary?logged=1";
    window.__sdLogged = false;
    location.assign(next);
  }
}

function showQueue() {
  const el = document.querySelector("[data-queue]");
  if (!el) return;
  const items = readQueue();
  const days = items.filter((q) => q.kind === "day").length;
  const cramps = items.length - days;
  const parts = [];
  if (cramps) parts.push(cramps === 1 ? "1 cramp" : `${cramps} cramps`);
  if (days) parts.push(days === 1 ? "1 day without cramps" : `${days} days without cramps`);
  el.hidden = items.length === 0;
  el.textContent = `${parts.join(" and ")} ${items.length === 1 ? "is" : "are"} saved on this phone and will be sent when you are online.`;
}

function localDate(when) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
}

// Both buttons put what she tapped into the one queue at once, so it is kept even offline.
function setupQueuedButton(selector, makeItem, said, next) {
  const form = document.querySelector(selector);
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const item = { uuid: newUuid(), owner: owner(), ...makeItem() };
    const queue = readQueue();
    // One "no cramps" a day is all the server keeps; a second tap need not wait in the queue.
    if (!(item.kind === "day" && queue.some((q) => q.kind === "day" && q.day === item.day && q.owner === item.owner))) {
      writeQueue(queue.concat([item]));
    }
    const status = document.querySelector("[data-log-status]");
    if (status) status.textContent = said;
    window.__sdLogged = next;
    showQueue();
    flushQueue();
  });
}

function setupLogNow() {
  setupQueuedButton("form[data-log-now]", () => ({
    started_at: new Date().toISOString(),
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  }), "Logged. Rest now; you can add details later.", "cramp");
  setupQueuedButton("form[data-no-cramps]", () => ({ kind: "day", day: localDate(new Date()) }),
    "Marked: no cramps today. If one comes later, log it as usual.", "none");
}

function setupTimer() {
  const box = document.querySelector(".timer");
  if (!box) return;
  const button = box.querySelector("[data-timer-start]");
  const display = box.querySelector("[data-timer-display]");
  const total = parseInt(box.dataset.seconds || "30", 10);
  let timer = null;
  button.hidden = false;
  button.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; button.textContent = `Start ${total} seconds`; display.textContent = `${total} seconds`; return; }
    let left = total;
    display.textContent = `${left} seconds`;
    button.textContent = "Stop";
    timer = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        clearInterval(timer); timer = null;
        display.textContent = "Done. Rest, then repeat if you need to.";
        button.textContent = `Start ${total} seconds`;
        if (navigator.vibrate) navigator.vibrate(200);
      } else if (left % 5 === 0 || left <= 5) {
        display.textContent = `${left} seconds`;
      } else {
        display.firstChild.nodeValue = `${left} seconds`;
      }
    }, 1000);
  });
}

// The food box takes "1 cup cooked spinach": search on the food words, keep the amount.
const AMOUNT = /^\s*((?:\d+(?:[.,]\d+)?|\d+\/\d+|[½¼¾]|half|one|two|three)\s*(?:g|grams?|kg|ml|l|oz|cups?|tbsp|tsp|tablespoons?|teaspoons?|slices?|pieces?|small|medium|large|handfuls?|glass(?:es)?|mugs?)?\s+(?:of\s+)?)/i;

function setupSearch() {
  const input = document.querySelector("input[data-search]");
  const list = document.querySelector("[data-search-results]");
  if (!input || !list) return;
  const pick = input.form.querySelector('[name="food_id"]');
  let pending = null;
  input.setAttribute("autocomplete", "off");
  input.addEventListener("input", () => {
    clearTimeout(pending);
    if (pick) pick.value = "";
    pending = setTimeout(async () => {
      const match = input.value.match(AMOUNT);
      const words = (match ? input.value.slice(match[0].length) : input.value).trim();
      if (words.length < 2) { list.replaceChildren(); return; }
      let response;
      try {
        response = await fetch(`/api/v1/foods?q=${encodeURIComponent(words)}&limit=6`, { credentials: "same-origin" });
      } catch (e) { return; }
      if (!response.ok) return;
      const data = await response.json();
      list.replaceChildren(...data.foods.map((food) => {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        b.className = "link";
        b.textContent = food.name;
        b.addEventListener("click", () => {
          const amount = input.value.match(AMOUNT);
          input.value = (amount ? amount[0] : "100 g ") + food.name;
          if (pick) pick.value = food.id;
          list.replaceChildren();
          input.focus();
        });
        li.appendChild(b);
        return li;
      }));
    }, 200);
  });
}

function setupZone() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  document.querySelectorAll("input[data-zone]").forEach((input) => { input.value = zone; });
  document.cookie = `sd_zone=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
}

document.addEventListener("DOMContentLoaded", () => {
  owner();
  setupZone();
  setupLogNow();
  setupTimer();
  setupSearch();
  showQueue();
  if (navigator.onLine) flushQueue();
});
window.addEventListener("online", flushQueue);

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => { navigator.serviceWorker.register("/sw.js").catch(() => {}); });
}
