// The page arrives twice: as plain HTML in the first response (readable before any script runs) and
// as the live Dash page. CSS hides the plain copy as soon as the live page has content; this removes
// it then, so no script, test or assistive technology ever finds an element twice.
(function () {
  // style.css decides when the live page is complete (it hides the copy then); this follows it.
  function removeCopy() {
    var copy = document.getElementById('static-page');
    if (copy && getComputedStyle(copy).display === 'none') { copy.remove(); return true; }
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
