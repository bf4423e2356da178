// Material's search worker, started on the first message: the theme creates its worker on
// every page, but the 12 KB worker script (named after the "?") loads only once the reader
// opens search and the index arrives (partials/speed-scripts.html).
addEventListener("message", function start(event) {
  removeEventListener("message", start);
  importScripts(location.search.slice(1));
  dispatchEvent(new MessageEvent("message", { data: event.data }));
});
