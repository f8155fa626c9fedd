// Putting a list in order, shared by the quiz's cards (quiz.js) and the lesson builder's slides (lesson.js),
// in the app and in the lesson file. Four ways, so every reader has one:
// - the visible ↑ and ↓ buttons of each item (data-action="move-up" / "move-down"): one tap or click each,
//   the single-pointer alternative to dragging that WCAG 2.5.7 asks for;
// - Alt+ArrowUp / Alt+ArrowDown on a focused item (or on one of its buttons);
// - a mouse drag (HTML5 drag and drop, from the item or its handle);
// - a touch or pen drag: press the handle ([data-reorder-handle]), hold briefly, then drag. Only the handle
//   has `touch-action: none` (in the CSS), so a swipe anywhere else still scrolls the page.
// Each list says what it is by pushing to window.timelineReorderLists (in any order of the scripts):
//   {list: '.quiz-cards', item: '.quiz-card', moved: function (item, how) {...}}
// moved() runs after every move, with how = 'button' | 'key' | 'drag'; it announces the move in its own
// words (each page has its live region and its language).
(function () {
  var lists = window.timelineReorderLists = window.timelineReorderLists || [];
  var HOLD_MS = 200; // a press this long on the handle starts a touch drag
  var SLOP_PX = 10; // a finger that moves further before that is not holding: nothing happens
  var EDGE_PX = 48; // dragging this close to the window's top or bottom scrolls it

  // The list's registration and the item an element belongs to, or null.
  function owner(element) {
    if (!element || !element.closest) { return null; }
    for (var i = 0; i < lists.length; i++) {
      var item = element.closest(lists[i].item);
      if (item && item.parentNode && item.parentNode.matches && item.parentNode.matches(lists[i].list)) {
        return { config: lists[i], item: item };
      }
    }
    return null;
  }

  function items(item, config) {
    return Array.prototype.filter.call(item.parentNode.children, function (child) {
      return child.matches(config.item);
    });
  }

  // One step up (-1) or down (+1); false at either end.
  function step(item, config, by) {
    var all = items(item, config);
    var at = all.indexOf(item);
    var to = at + by;
    if (to < 0 || to >= all.length) { return false; }
    if (by < 0) { item.parentNode.insertBefore(item, all[to]); } else { item.parentNode.insertBefore(all[to], item); }
    return true;
  }

  function moved(found, how) {
    if (found.config.moved) { found.config.moved(found.item, how); }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-action="move-up"], [data-action="move-down"]');
    var found = owner(button);
    if (!found) { return; }
    event.preventDefault();
    step(found.item, found.config, button.getAttribute('data-action') === 'move-up' ? -1 : 1);
    // The button moved with its item: focus stays on it, so pressing again moves further.
    button.focus();
    moved(found, 'button');
  });

  document.addEventListener('keydown', function (event) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) { return; }
    var found = owner(event.target);
    // In a text field Alt+arrows belong to the field (a Mac moves the caret by paragraph with them).
    if (!found || (event.target !== found.item && event.target.tagName !== 'BUTTON')) { return; }
    event.preventDefault();
    event.stopPropagation();
    step(found.item, found.config, event.key === 'ArrowUp' ? -1 : 1);
    event.target.focus();
    moved(found, 'key');
  });

  // Where a dragged item goes: before the first other item whose middle is below the pointer.
  function place(item, config, clientY) {
    var others = items(item, config).filter(function (other) { return other !== item; });
    for (var i = 0; i < others.length; i++) {
      var box = others[i].getBoundingClientRect();
      if (clientY < box.top + box.height / 2) {
        if (others[i].previousElementSibling !== item) { item.parentNode.insertBefore(item, others[i]); }
        return;
      }
    }
    var last = others[others.length - 1];
    if (last && last.nextElementSibling !== item) { item.parentNode.insertBefore(item, last.nextSibling); }
  }

  // The mouse: HTML5 drag and drop. The item follows the pointer over its list; dropping leaves it there.
  var dragging = null;
  document.addEventListener('dragstart', function (event) {
    var found = owner(event.target);
    if (!found || press) { return; }
    if (event.target !== found.item && !event.target.closest('[data-reorder-handle]')) { return; }
    dragging = found;
    found.item.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', found.item.getAttribute('data-event') || '');
    if (event.target !== found.item && event.dataTransfer.setDragImage) {
      event.dataTransfer.setDragImage(found.item, 16, 16);
    }
  });
  document.addEventListener('dragover', function (event) {
    if (!dragging) { return; }
    var over = owner(event.target);
    if (!over || over.item === dragging.item || over.item.parentNode !== dragging.item.parentNode) { return; }
    event.preventDefault();
    var box = over.item.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.item.parentNode.insertBefore(dragging.item, after ? over.item.nextSibling : over.item);
  });
  document.addEventListener('drop', function (event) {
    if (dragging) { event.preventDefault(); }
  });
  document.addEventListener('dragend', function () {
    if (!dragging) { return; }
    var found = dragging;
    dragging = null;
    found.item.classList.remove('dragging');
    moved(found, 'drag');
  });

  // Touch and pen: press the handle, hold, drag. (The mouse has drag and drop above.)
  var press = null;
  function release(keep) {
    if (!press) { return; }
    clearTimeout(press.timer);
    var done = press;
    press = null;
    done.found.item.classList.remove('dragging', 'lifted');
    if (keep && done.active) { moved(done.found, 'drag'); }
  }
  document.addEventListener('pointerdown', function (event) {
    if (event.pointerType === 'mouse' || press) { return; }
    var handle = event.target.closest && event.target.closest('[data-reorder-handle]');
    var found = owner(handle);
    if (!found) { return; }
    press = { found: found, id: event.pointerId, x: event.clientX, y: event.clientY, active: false };
    try { handle.setPointerCapture(event.pointerId); } catch (ignored) { /* a pointer already gone */ }
    press.timer = setTimeout(function () {
      if (!press) { return; }
      press.active = true;
      found.item.classList.add('dragging', 'lifted');
    }, HOLD_MS);
  });
  document.addEventListener('pointermove', function (event) {
    if (!press || event.pointerId !== press.id) { return; }
    if (!press.active) {
      if (Math.abs(event.clientX - press.x) > SLOP_PX || Math.abs(event.clientY - press.y) > SLOP_PX) { release(false); }
      return;
    }
    event.preventDefault();
    place(press.found.item, press.found.config, event.clientY);
    if (event.clientY < EDGE_PX) { window.scrollBy(0, -12); }
    else if (event.clientY > window.innerHeight - EDGE_PX) { window.scrollBy(0, 12); }
  }, { passive: false });
  document.addEventListener('pointerup', function (event) {
    if (press && event.pointerId === press.id) { release(true); }
  });
  document.addEventListener('pointercancel', function (event) {
    if (press && event.pointerId === press.id) { release(true); }
  });
  // A held handle must not also start the browser's own drag, or a long-press menu.
  document.addEventListener('contextmenu', function (event) {
    if (event.target.closest && event.target.closest('[data-reorder-handle]')) { event.preventDefault(); }
  });

  window.timelineReorder = { step: step };
})();
