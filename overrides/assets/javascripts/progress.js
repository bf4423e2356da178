// Progress on this device: "Mark this step done" on a step page, and on home and the ladder
// the steps done and where to go on, with a way to clear it. In localStorage only, under the
// key course.js passes; course.js loads this file where it shows and calls
// window.courseProgress(key, base) on every page view (instant navigation swaps the content).
(function () {
  "use strict";
  var key, base;

  function load() {
    try {
      var progress = JSON.parse(localStorage.getItem(key)) || {};
      progress.done = progress.done || {};
      return progress;
    } catch (error) {
      return { done: {} };
    }
  }

  function save(progress) {
    try {
      localStorage.setItem(key, JSON.stringify(progress));
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
      localStorage.removeItem(key);
      show();
      box.querySelector("[data-course-cleared]").textContent = "Your progress is cleared.";
    });
    show();
    box.hidden = false;
  }

  window.courseProgress = function (storageKey, siteBase) {
    key = storageKey;
    base = siteBase;
    var box = document.querySelector("[data-course-mark]");
    if (box) mark(box);
    box = document.querySelector("[data-course-progress]");
    if (box) summary(box);
  };
})();
