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
  // The new version that reported itself installed. Chromium may tell a page the worker's
  // state before it sets registration.waiting: the next link uses whichever comes first.
  var installedUpdate = null;

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
      if (update) installedUpdate = worker.state === "installed" ? worker : null;
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
    // A page the worker served: its copy installed whole (all or nothing), so say so at once.
    if (navigator.serviceWorker.controller) data.offline = "ready";
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
    var waiting = (registration && registration.waiting) || installedUpdate;
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

  // Progress marks and the summary (progress.js, listed inert in speed-scripts.html) load
  // only where they show: on a step page, and on home and the ladder once this browser holds
  // progress. A first visit's home page loads none of it. Stored under the site's path
  // (github.io sites share an origin).
  var KEY = "hinge-course:" + base.pathname + ":progress";
  var PROGRESS = document.querySelector("script[data-course-progress-script]");
  function progress() {
    var mark = document.querySelector("[data-course-mark]");
    var summary = document.querySelector("[data-course-progress]");
    try {
      if (!mark && !(summary && localStorage.getItem(KEY))) return;
    } catch (error) {
      return; // no storage: the marks stay hidden
    }
    if (window.courseProgress) return window.courseProgress(KEY, base);
    if (!PROGRESS) return;
    var script = document.createElement("script");
    script.src = PROGRESS.getAttribute("data-src");
    script.onload = function () { window.courseProgress(KEY, base); };
    document.body.appendChild(script);
    PROGRESS = null; // once
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
    progress();
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
