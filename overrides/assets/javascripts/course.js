// The course on this device: the offline copy (service-worker.js, written by
// scripts/hinge/offline.py), updates, and progress marks. Started by speed-scripts.html after
// the theme's scripts. <html data-offline> says "saving", "ready", "failed" (with
// data-offline-reason) or "unsupported"; data-offline-update "ready" or "failed".
(function () {
  "use strict";
  var root = document.documentElement, data = root.dataset;
  var base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href);
  var notice = document.querySelector("[data-course-notice]");
  var UPDATED = "hinge-course:updated", FULL = "hinge-course:storage-full", SAID = "hinge-course:said";
  var registration = null;

  function say(text) { // quietly, at the bottom; screen readers hear it (role=status)
    notice.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { notice.textContent = ""; }, 8000);
  }

  function session(key, value) { // sessionStorage, or nothing where it is blocked
    try {
      if (value === undefined) return sessionStorage.getItem(key);
      sessionStorage.setItem(key, value);
    } catch (error) {
      return null;
    }
  }

  if (session(UPDATED)) {
    sessionStorage.removeItem(UPDATED);
    say("The course was updated to its latest version.");
  }

  // An install failed: a new version's (the saved one keeps serving) or the first copy's. The
  // worker's message (with the reason) and its end may come in either order.
  function failed(update) {
    if (update) {
      data.offlineUpdate = "failed";
      return;
    }
    data.offline = "failed";
    var full = data.offlineReason === "QuotaExceededError";
    if (full) session(FULL, "1"); // no new download on every page of this visit
    var text = full
      ? "This device is short of storage, so the course is not saved for offline use. It still works online."
      : "The course could not be saved for offline use. It still works online.";
    if (session(SAID) === text) return; // once a visit
    session(SAID, text);
    say(text);
  }

  // A worker installing: a new version (ready once installed: it waits for the next link) or
  // the first copy (ready once active: it answers from then on).
  function follow(worker) {
    var update = Boolean(registration.active), installed = false;
    if (!update) data.offline = "saving";
    worker.addEventListener("statechange", function () {
      if (worker.state === "installed") installed = true;
      if (update && worker.state === "installed") {
        data.offlineUpdate = "ready";
      } else if (!update && worker.state === "activated") {
        data.offline = "ready";
        say("Available offline: every page of the course now works without a connection.");
      } else if (worker.state === "redundant" && !installed) {
        failed(update);
      }
    });
  }

  function check() {
    if (registration) registration.update().catch(function () {});
  }

  if (session(FULL)) {
    data.offline = "failed";
    data.offlineReason = "QuotaExceededError";
  } else if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (!event.data || event.data.type !== "precache-failed") return;
      data.offlineReason = event.data.reason;
      failed(data.offline === "ready");
    });
    navigator.serviceWorker.startMessages();
    (window.requestIdleCallback || setTimeout)(function () { // once the theme has settled
      navigator.serviceWorker.register(new URL("service-worker.js", base).href).then(function (found) {
        registration = found;
        installable();
        if (found.active) data.offline = "ready";
        if (found.waiting) data.offlineUpdate = "ready";
        if (found.installing) follow(found.installing);
        found.addEventListener("updatefound", function () { follow(found.installing); });
      }, function () {
        data.offline = "failed";
        data.offlineReason = "register";
      });
    }, { timeout: 3000 });
    addEventListener("online", check);
  } else {
    data.offline = "unsupported";
  }

  // A new version is saved: the next link hands over to it and loads in full, instead of the
  // theme's instant navigation, so old HTML never meets new files.
  document.addEventListener("click", function (event) {
    var waiting = registration && registration.waiting;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!waiting || !link || link.target || link.hasAttribute("download")) return;
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf(base.pathname) !== 0) return;
    if (url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    event.stopPropagation();
    var gone = false;
    function go() {
      if (!gone) location.assign(url.href);
      gone = true;
    }
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      session(UPDATED, "1");
      go();
    }, { once: true });
    setTimeout(go, 3000); // it did not take over: stay on the saved version
    waiting.postMessage("skip-waiting");
  }, true);

  // Progress: localStorage only, keyed by the site's path (github.io sites share an origin).
  var KEY = "hinge-course:" + base.pathname + ":progress", store = null;
  try {
    localStorage.setItem(KEY + ":probe", "1");
    localStorage.removeItem(KEY + ":probe");
    store = localStorage;
  } catch (error) {
    store = null; // no storage: the marks stay hidden
  }

  function load() {
    try {
      var progress = JSON.parse(store.getItem(KEY)) || {};
      progress.done = progress.done || {};
      return progress;
    } catch (error) {
      return { done: {} };
    }
  }

  function save(progress) {
    try {
      store.setItem(KEY, JSON.stringify(progress));
    } catch (error) {
      // storage full: the mark holds for this page view
    }
  }

  function mark(box) { // "Mark this step done"; the step opened last is where to continue
    var url = box.getAttribute("data-course-mark"), button = box.querySelector("button");
    var progress = load();
    progress.last = url;
    save(progress);
    button.setAttribute("aria-pressed", String(Boolean(progress.done[url])));
    button.addEventListener("click", function () {
      var now = load();
      if (now.done[url]) delete now.done[url];
      else now.done[url] = true;
      save(now);
      button.setAttribute("aria-pressed", String(Boolean(now.done[url])));
    });
    box.hidden = false;
  }

  // Home and ladder: the steps done (one page of a step's options is enough) and where to go
  // on: the step page opened last, or the next one whose step is not done.
  function summary(box) {
    var pages = JSON.parse(box.getAttribute("data-course-progress")); // [URL, title, step]
    var next = box.querySelector("[data-course-continue]");
    function show() {
      var progress = load(), steps = {}, done = {};
      pages.forEach(function (page) {
        steps[page[2]] = true;
        if (progress.done[page[0]]) done[page[2]] = true;
      });
      box.querySelector("[data-course-count]").textContent = "You have marked " +
        Object.keys(done).length + " of " + Object.keys(steps).length + " steps done.";
      var from = pages.findIndex(function (page) { return page[0] === progress.last; });
      var target = from < 0 ? null : pages.slice(from).concat(pages.slice(0, from))
        .find(function (page) { return !done[page[2]]; });
      next.hidden = !target;
      if (!target) return;
      next.firstElementChild.href = new URL(target[0], base).href;
      next.firstElementChild.textContent = "Continue where you left off: " + target[1];
    }
    box.querySelector("[data-course-clear]").addEventListener("click", function () {
      store.removeItem(KEY);
      show();
      box.querySelector("[data-course-cleared]").textContent = "Your progress is cleared.";
    });
    show();
    box.hidden = false;
  }

  // The web app manifest, linked once the worker is registered (both come from the offline
  // build step, which `make serve` skips): Chromium fetches it and an icon as soon as it sees
  // the link, which would compete with the page's first image. Instant navigation drops head
  // tags the next page lacks, so this runs on every page.
  function installable() {
    if (!registration || document.querySelector("link[rel=manifest]")) return;
    var link = document.createElement("link");
    link.rel = "manifest";
    link.href = new URL("manifest.webmanifest", base).href;
    document.head.appendChild(link);
  }

  function render() {
    installable();
    var box = store && document.querySelector("[data-course-mark]");
    if (box) mark(box);
    box = store && document.querySelector("[data-course-progress]");
    if (box) summary(box);
  }

  // Instant navigation swaps the content: render again, and look for a new version as a full
  // page load would.
  if (!window.document$) return render();
  var first = true;
  document$.subscribe(function () {
    if (!first) check();
    first = false;
    render();
  });
})();
