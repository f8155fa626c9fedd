/* Dash 4's dcc.Dropdown takes keyboard focus through a hidden input (.dash-dropdown-focus-target,
   aria-hidden, tabindex 0) that hands it on to the real trigger button (tabindex -1). An aria-hidden
   element that takes focus is a serious accessibility problem (axe: aria-hidden-focus): a screen
   reader lands on nothing. Here the button itself is the tab stop and the hidden input is not one.
   The dropdown sets the input's tabindex back to 0 when the button loses focus, so this watches for
   that too. tests/browser/test_accessibility.py checks the pages with axe-core. */
(function () {
  "use strict";

  function fix(root) {
    var targets = root.querySelectorAll(".dash-dropdown-focus-target");
    for (var i = 0; i < targets.length; i++) {
      var target = targets[i];
      var button = target.nextElementSibling;
      if (!button || !button.classList.contains("dash-dropdown")) {
        continue;
      }
      if (target.tabIndex !== -1) {
        target.tabIndex = -1;
      }
      if (!button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
    }
  }

  var pending = false;
  function schedule() {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix(document);
    });
  }

  var watcher = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var record = records[i];
      if (record.type === "attributes" || record.addedNodes.length) {
        // A tabindex put back by the dropdown is fixed at once, before a Tab press can land on it.
        if (record.type === "attributes" && record.target.classList.contains("dash-dropdown-focus-target")) {
          fix(document);
          return;
        }
        schedule();
        return;
      }
    }
  });
  watcher.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["tabindex"],
  });
  fix(document);
})();
