// The course's service worker. scripts/hinge/offline.py copies this file to the root of the
// built site as service-worker.js and fills in VERSION and PRECACHE: every file a page needs,
// as its URL relative to this file, with its SHA-256 and size. Why our own and not Workbox:
// see offline.py.
//
// - One cache per build version. Install downloads every listed file (or reuses an identical
//   copy from the previous version's cache), checks its hash and stores it; a failed download,
//   a hash that differs or a full disk (QuotaExceededError) fails the whole install, deletes
//   what it stored and leaves the previous version serving; the pages are told why.
// - The new version waits until a page hands over (course.js, at the reader's next link), then
//   deletes every older cache: a page never mixes two versions.
// - Listed URLs are served from the cache first. Pages match without their query string
//   (search adds ?h=); every other URL matches exactly, so the search shim's
//   "search-lazy.js?<worker file>" is found. Offline, a page that is not listed gets the
//   site's 404 page. Other images of the site are kept once seen; responses from other
//   origins, or that end up opaque, are never stored.
"use strict";

const VERSION = "{{VERSION}}";
const PRECACHE = {{PRECACHE}};
const PREFIX = "hinge-course-";
const CACHE = PREFIX + VERSION;
const SCOPE = new URL("./", self.location.href);
const NOT_FOUND = "404.html";
const LANES = 2; // downloads at a time: the page's own requests never wait behind them

// The pages see the install end as the worker's state ("installed" or "redundant"); a failure
// also comes as a message with its reason (QuotaExceededError for a full disk).
self.addEventListener("install", (event) => {
  event.waitUntil(
    precache().catch(async (error) => {
      await caches.delete(CACHE);
      await tell({ type: "precache-failed", version: VERSION, reason: error.name });
      throw error;
    }),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin) return;
  if (!url.pathname.startsWith(SCOPE.pathname)) return;
  const listed = key(url);
  if (listed !== null) event.respondWith(cached(request, listed));
  else if (request.mode === "navigate" || isPage(url.pathname)) event.respondWith(page(request));
  else if (request.destination === "image") event.respondWith(image(event));
});

/** The manifest key of a URL in scope, or null: pages without their query, the rest exact. */
function key(url) {
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (Object.hasOwn(PRECACHE, path + url.search)) return path + url.search;
  const page = path.replace(/(^|\/)index\.html$/, "$1");
  return isPage(page) && Object.hasOwn(PRECACHE, page) ? page : null;
}

function isPage(path) {
  return path === "" || path.endsWith("/") || path.endsWith(".html");
}

async function cached(request, path) {
  const hit = await caches.match(new URL(path, SCOPE), { cacheName: CACHE });
  return hit || fetch(request);
}

/** A page that is not listed: the network, or offline the site's 404 page. */
async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const missing = await caches.match(new URL(NOT_FOUND, SCOPE), { cacheName: CACHE });
    if (!missing) throw error;
    const headers = { "Content-Type": "text/html; charset=utf-8" };
    return new Response(missing.body, { status: 404, statusText: "Not Found", headers });
  }
}

/** Another image of the site (a wider variant than a phone's): kept once seen, if readable. */
async function image(event) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") {
    event.waitUntil(cache.put(event.request, response.clone()).catch(() => {}));
  }
  return response;
}

/** Every listed file, a few at a time: the reader's page keeps the CPU and the network. */
async function precache() {
  const cache = await caches.open(CACHE);
  const queue = Object.entries(PRECACHE);
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, [hash]] = next;
      const url = new URL(path, SCOPE);
      try {
        await cache.put(url, (await previous(url, hash)) || (await download(url, hash)));
      } catch (error) {
        queue.length = 0; // the install has failed: the other lane stops too
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
}

/** The same file from an older version's cache, if its hash still matches. */
async function previous(url, hash) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await caches.match(url, { cacheName: name });
    if (old && (await sha256(old.clone())) === hash) return old;
  }
  return null;
}

async function download(url, hash) {
  const response = await fetch(url, { cache: "reload" });
  if (!response.ok || response.redirected) {
    throw new Error(`${url}: HTTP ${response.status}${response.redirected ? " (redirected)" : ""}`);
  }
  const found = await sha256(response.clone());
  if (found !== hash) throw new Error(`${url}: SHA-256 ${found}, the manifest says ${hash}`);
  return response;
}

async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Post to every page of the site, controlled or not (the first install controls none). */
async function tell(message) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of pages) client.postMessage(message);
}
