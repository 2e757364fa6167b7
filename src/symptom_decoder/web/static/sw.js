// The service worker: the app shell and the relief guide work offline; pages with personal
// data are never cached. Logged cramps are queued by app.js, not here.
"use strict";
const CACHE = "sd-shell-v3";
const SHELL = ["/static/app.css", "/static/app.js", "/static/icon.svg", "/relief", "/offline"];

self.addEventListener("install", (event) => {
  // Kept without cookies, so a shared phone's cached pages never show who was signed in.
  const requests = SHELL.map((url) => new Request(url, { credentials: "omit" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() => caches.match(url.pathname === "/relief" ? "/relief" : (url.pathname === "/diary" ? "/diary" : "/offline"))
        .then((hit) => hit || caches.match("/offline"))),
    );
  }
});
