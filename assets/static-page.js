// The page arrives twice: as plain HTML in the first response (readable before any script runs) and
// as the live Dash page. CSS hides the plain copy as soon as the live page has content; this removes
// it then, so no script, test or assistive technology ever finds an element twice.
(function () {
  // The same test as the CSS rule that swaps the two (assets/style.css).
  var COMPLETE = '#react-entry-point .page > :not(.explore), #react-entry-point .explore .event-list .event-items, ' +
    '#react-entry-point .explore .event-list .empty-note';
  function liveIsThere() { return document.querySelector(COMPLETE) !== null; }
  function removeCopy() {
    var copy = document.getElementById('static-page');
    if (copy && liveIsThere()) { copy.remove(); return true; }
    return !copy;
  }
  if (removeCopy()) { return; }
  var observer = new MutationObserver(function () { if (removeCopy()) { observer.disconnect(); } });
  function watch() {
    var root = document.getElementById('react-entry-point');
    if (root) { observer.observe(root, { childList: true, subtree: true }); }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', watch); } else { watch(); }
})();
