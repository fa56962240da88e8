/* Service worker of the reader site (rendered by reader/pwa.py).
   - Static files (hashed names) and page images: from the cache first.
   - Pages: from the network, falling back to the saved copy, then to the
     offline page.
   - When a reader opens the latest edition, the page sends this worker a
     message to save that edition (every page, its articles, one page image
     size), so it reads without a connection. Older saved editions are dropped. */
"use strict";

const VERSION = "{{ version }}";
const SHELL_CACHE = "shell-" + VERSION;
const PAGES_CACHE = "pages";
const IMAGES_CACHE = "images";
const EDITION_CACHE_PREFIX = "edition-";
// Stored last in an edition's cache, so a half-copied edition is saved again.
const COMPLETE_MARKER = "/luring/edisi-lengkap";
const SHELL = {{ shell_json|safe }};
const OFFLINE_URL = {{ offline_url_json|safe }};
const MEDIA_PREFIX = {{ media_prefix_json|safe }};
const STATIC_PREFIX = {{ static_prefix_json|safe }};
// Pages and images kept besides the saved edition; the oldest go first.
const MAX_PAGES = 60;
const MAX_IMAGES = 80;
// How long a page may take on a slow connection before the saved copy is shown.
const NETWORK_TIMEOUT_MS = 6000;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names
        .filter((name) => name.startsWith("shell-") && name !== SHELL_CACHE)
        .map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

async function trim(cacheName, limit) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  for (let index = 0; index < keys.length - limit; index += 1) {
    await cache.delete(keys[index]);
  }
}

async function fromCacheFirst(request, cacheName, limit) {
  const cached = await caches.match(request, { ignoreSearch: false });
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
    if (limit) {
      trim(cacheName, limit);
    }
  }
  return response;
}

function withTimeout(promise, milliseconds) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), milliseconds);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

async function networkFirst(request) {
  const network = fetch(request);
  try {
    const response = await withTimeout(network, NETWORK_TIMEOUT_MS);
    if (response.ok && response.type === "basic") {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(request, response.clone());
      trim(PAGES_CACHE, MAX_PAGES);
    }
    return response;
  } catch (error) {
    // ignoreVary: saved pages vary on Accept-Language and Accept-Encoding,
    // which a later navigation may send differently.
    const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
    if (cached) {
      return cached;
    }
    try {
      // The timeout fired, but the network request may still succeed.
      return await network;
    } catch (networkError) {
      return (await caches.match(OFFLINE_URL, { ignoreVary: true })) || Response.error();
    }
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.headers.has("range")) {
    return;
  }
  if (url.pathname.startsWith("/admin/") || url.pathname.startsWith("/articles/") || url.pathname.includes("/unduh/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(fromCacheFirst(request, SHELL_CACHE, 0));
  } else if (url.pathname.startsWith(MEDIA_PREFIX)) {
    event.respondWith(fromCacheFirst(request, IMAGES_CACHE, MAX_IMAGES));
  }
});

async function saveEdition(listUrl, withImages) {
  const response = await fetch(listUrl, { credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const files = await response.json();
  if (!files.edition) {
    return;
  }
  const cacheName = EDITION_CACHE_PREFIX + files.edition;
  const names = await caches.keys();
  if (names.includes(cacheName) && await (await caches.open(cacheName)).match(COMPLETE_MARKER)) {
    return;
  }
  const cache = await caches.open(cacheName + "-partial");
  const images = withImages ? files.images : [];
  // One at a time, so saving never competes with what the reader is looking at.
  for (const url of files.pages.concat(images)) {
    try {
      const existing = await cache.match(url, { ignoreVary: true });
      if (!existing) {
        await cache.add(new Request(url, { credentials: "same-origin" }));
      }
    } catch (error) {
      if (!images.includes(url)) {
        return;  // Offline again or a page failed: try the whole edition next visit.
      }
      // A missing image is skipped: the text still reads, with the image's alt text.
    }
  }
  // Copy into the final cache name only once complete, then drop older editions.
  const complete = await caches.open(cacheName);
  for (const request of await cache.keys()) {
    await complete.put(request, await cache.match(request, { ignoreVary: true }));
  }
  await complete.put(COMPLETE_MARKER, new Response(files.edition));
  await caches.delete(cacheName + "-partial");
  for (const name of names) {
    if (name.startsWith(EDITION_CACHE_PREFIX) && name !== cacheName) {
      await caches.delete(name);
    }
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "save-edition" && typeof data.url === "string") {
    const url = new URL(data.url, self.location.origin);
    if (url.origin === self.location.origin) {
      event.waitUntil(saveEdition(url.href, !data.saveData));
    }
  }
});
