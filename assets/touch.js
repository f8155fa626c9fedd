// The explorer on a phone (issue 22): the folded filters, graphs a finger can scroll past, zoom buttons, and the
// tapped event's detail brought up from the bottom of the screen. Pure browser behaviour: no server round trip
// but the ones a zoom or a selection makes on any screen.
(function () {
  var PHONE = window.matchMedia('(max-width: 650px)');

  function plot(graphId) {
    return document.querySelector('#react-entry-point #' + graphId + ' .js-plotly-plot');
  }

  // --- Filters: one button opens and closes the filters folded behind it (style.css folds them on a phone).
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('#react-entry-point .filters-toggle');
    if (!button) { return; }
    button.setAttribute('aria-expanded', button.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
  });

  // --- Graphs and fingers, here and in the lesson file (web/lessonfile.py carries this script too). plotly's
  // timeline calls preventDefault on every touchstart (its drag zooms), so a swipe that starts on it would
  // never scroll the page: a touch on it is kept from plotly, before it reaches the plot, and the browser
  // scrolls the page (or the timeline's own sideways box); a tap still selects, through the mouse events the
  // browser sends after a tap. plotly's cartesian plots have no pinch: two fingers on the timeline zoom the
  // page. A map (plotly's geo, d3's zoom) sees every touch, so two fingers pinch and pan it, and a double tap
  // zooms in; only one finger's moves are kept from it, so one finger scrolls the page instead of panning.
  // (Plotly.relayout(gd, {dragmode: false}) would not do: a geo plot keeps the pan it was drawn with, and
  // every redraw from the server brings the dragmode back.) style.css keeps the browser's pinch off maps.
  function touchedPlot(event) {
    return event.target.closest ? event.target.closest('.js-plotly-plot') : null;
  }
  // A touch that comes while the page is still scrolling (a fling) cannot be cancelled: it belongs to the
  // scroll, so it is kept from a map too (whose zoom would try to cancel it, and Chromium says so in the console).
  document.addEventListener('touchstart', function (event) {
    var graph = touchedPlot(event);
    if (graph && (!graph.querySelector('.geo') || !event.cancelable)) { event.stopPropagation(); }
  }, { capture: true, passive: true });
  document.addEventListener('touchmove', function (event) {
    var graph = touchedPlot(event);
    if (graph && event.touches.length < 2 && graph.querySelector('.geo')) { event.stopPropagation(); }
  }, { capture: true, passive: true });

  // --- Zoom and pan buttons (style.css shows them on touch screens instead of plotly's mode bar). A change of
  // the timeline's range is a zoom like a drag's: the list and the map follow it through the server. On a phone
  // the timeline is wider than the screen and scrolls sideways in its box (style.css): the buttons work on the
  // part of it in view, and move the box before they move the axis.
  function timelineBox(gd) {
    var box = gd.closest('.graph-scroll');
    return box && box.scrollWidth > box.clientWidth + 1 ? box : null;
  }

  // The plot's pixels in view: [first, last], from the plot area's left edge.
  function inView(gd, axis) {
    var box = timelineBox(gd);
    if (!box) { return [0, axis._length]; }
    return [Math.max(0, box.scrollLeft - axis._offset), Math.min(axis._length, box.scrollLeft + box.clientWidth - axis._offset)];
  }

  // Scroll the box so that the plot's pixel `at` is in the middle of the screen.
  function centreBox(gd, axis, at) {
    var box = timelineBox(gd);
    if (box) { box.scrollLeft = axis._offset + at - box.clientWidth / 2; }
  }

  function timelineTool(gd, tool) {
    var axis = gd._fullLayout && gd._fullLayout.xaxis;
    if (!axis) { return; }
    var Plotly = window.Plotly;
    if (tool === 'reset') {
      // As a double-click on the plot does: back to the range the figure came with.
      var initial = [axis._rangeInitial0, axis._rangeInitial1];
      Plotly.relayout(gd, initial[0] !== undefined ? { 'xaxis.range': initial } : { 'xaxis.autorange': true })
        .then(function () { centreOnEvents(gd); });
      return;
    }
    var pixels = inView(gd, axis);
    var seen = pixels[1] - pixels[0];
    var range = axis.range.map(axis.r2l);
    var span = range[1] - range[0];
    var middle = axis.p2l((pixels[0] + pixels[1]) / 2);
    var box = timelineBox(gd);
    if ((tool === 'earlier' || tool === 'later') && box) {
      // Within the box first: most of a screen on, keeping a little of what was in view.
      var step = (tool === 'earlier' ? -0.8 : 0.8) * seen;
      var room = tool === 'earlier' ? pixels[0] : axis._length - pixels[1];
      if (room > 1) { box.scrollLeft += Math.sign(step) * Math.min(Math.abs(step), room); return; }
    }
    var shift = 0.8 * span * seen / axis._length;
    var next = {
      'zoom-in': [middle - span / 4, middle + span / 4],
      'zoom-out': [middle - span, middle + span],
      earlier: [range[0] - shift, range[1] - shift],
      later: [range[0] + shift, range[1] + shift]
    }[tool];
    if (!next) { return; }
    Plotly.relayout(gd, { 'xaxis.range': next.map(axis.l2r) }).then(function () {
      var after = gd._fullLayout.xaxis;
      // A zoom keeps what was in the middle of the screen there; a pan shows what came into view.
      var focus = tool === 'earlier' ? after.l2p(range[0]) - seen / 2 + 0.2 * seen
        : tool === 'later' ? after.l2p(range[1]) + seen / 2 - 0.2 * seen : after.l2p(middle);
      centreBox(gd, after, focus);
    });
  }

  // A box opens on the middle of what is drawn (the timeline's selected event if any): not on an empty start.
  function centreOnEvents(gd) {
    var axis = gd._fullLayout && gd._fullLayout.xaxis;
    if (!axis || !timelineBox(gd)) { return; }
    var selected = gd.data.filter(function (t) { return t.meta && t.meta.role === 'selected'; })[0];
    var xs = selected && selected.x && selected.x.length ? selected.x : [];
    if (!xs.length) {
      gd.data.forEach(function (trace) { if (trace.mode && trace.x) { xs = xs.concat(Array.from(trace.x)); } });
    }
    var pixels = xs.map(function (x) { return axis.d2p(x); }).filter(isFinite).sort(function (a, b) { return a - b; });
    if (pixels.length) { centreBox(gd, axis, pixels[Math.floor(pixels.length / 2)]); }
  }

  // After a selection (assets/keyboard.js): the selected event's mark is brought into the box's view.
  function reveal(gd) {
    var axis = gd._fullLayout && gd._fullLayout.xaxis;
    var selected = gd.data && gd.data.filter(function (t) { return t.meta && t.meta.role === 'selected'; })[0];
    if (!axis || !timelineBox(gd) || !selected || !selected.x || !selected.x.length) { return; }
    var at = axis.d2p(selected.x[0]);
    var pixels = inView(gd, axis);
    if (isFinite(at) && (at < pixels[0] + 20 || at > pixels[1] - 20)) { centreBox(gd, axis, at); }
  }
  window.timelinePhone = { reveal: reveal };

  // A box that scrolls sideways (the timeline's, a lineage chart's) takes the keyboard's focus, so its arrow
  // keys scroll it too; one that does not is no tab stop.
  var boxesDue = false;
  function keyboardBoxes() {
    boxesDue = false;
    openBoxes();
    document.querySelectorAll('#react-entry-point .graph-scroll').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) { box.tabIndex = 0; } else { box.removeAttribute('tabindex'); }
    });
  }
  function scheduleBoxes() {
    if (!boxesDue) { boxesDue = true; window.requestAnimationFrame(keyboardBoxes); }
  }
  window.addEventListener('resize', scheduleBoxes);

  // Once for each chart in a sideways box (the timeline, a lineage chart), when it is first drawn.
  var opened = new WeakSet();
  function openBoxes() {
    document.querySelectorAll('#react-entry-point .graph-scroll .js-plotly-plot').forEach(function (gd) {
      if (opened.has(gd) || !gd._fullLayout || !gd._fullLayout.xaxis || !gd.querySelector('.scatterlayer')) { return; }
      opened.add(gd);
      centreOnEvents(gd);
    });
  }

  function mapTool(gd, tool) {
    // plotly's own geo buttons (hidden with the mode bar) know the map's first view, which a reset goes back to.
    var value = { 'zoom-in': '[data-attr="zoom"][data-val="in"]', 'zoom-out': '[data-attr="zoom"][data-val="out"]',
      reset: '[data-attr="reset"]' }[tool];
    var button = value && gd.querySelector('.modebar-btn' + value);
    if (button) { button.click(); }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('#react-entry-point .graph-tool[data-tool]');
    var gd = button && plot(button.getAttribute('data-graph'));
    if (!gd || !window.Plotly) { return; }
    (button.getAttribute('data-graph') === 'map' ? mapTool : timelineTool)(gd, button.getAttribute('data-tool'));
  });

  // --- The detail as a sheet: an event tapped on the timeline, a numbered place on the map, an item of the
  // list or a passage of the source brings its detail up from the bottom of the screen once it has arrived
  // from the server, over what was tapped; the sheet's close button (or Esc) takes it down again.
  var tapped = 0;
  var SOURCES = ['#timeline', '#map', '.event-item', 'mark.passage'].map(function (css) {
    return '#react-entry-point ' + css;
  }).join(', ');
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest(SOURCES)) { tapped = Date.now(); }
  }, true);

  function sheet() { return document.querySelector('#react-entry-point .detail-sheet'); }

  function openSheet() {
    var box = sheet();
    if (!box) { return; }
    if (!box.classList.contains('open')) {
      // The panel leaves the page's flow for the sheet: the room it took is kept (style.css), so nothing
      // below it moves under a reader who tapped a passage of the source text.
      box.parentNode.style.setProperty('--sheet-room', box.getBoundingClientRect().height + 'px');
      box.classList.add('open');
    }
    box.scrollTop = 0;
  }

  // `byKeyboard`: the sheet was closed with Esc or a key on its button; focus then goes to the selected item
  // of the list. A finger's close leaves the page where it is.
  function closeSheet(byKeyboard) {
    var box = sheet();
    if (!box || !box.classList.contains('open')) { return; }
    var hadFocus = box.contains(document.activeElement);
    box.classList.remove('open');
    if (!hadFocus) { return; }
    var item = document.querySelector('#react-entry-point #event-list .event-item[aria-current="true"]');
    if (byKeyboard && item) { item.focus(); } else { document.activeElement.blur(); }
  }

  new MutationObserver(function (records) {
    scheduleBoxes();
    if (!tapped || Date.now() - tapped > 20000 || !PHONE.matches) { return; }
    var changed = records.some(function (record) {
      var node = record.target;
      return node.id === 'detail' || (node.closest && node.closest('#detail'));
    });
    if (changed) { tapped = 0; openSheet(); }
  }).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener('click', function (event) {
    // A click a key made (Enter, Space) has no pointer position: detail is 0.
    if (event.target.closest && event.target.closest('#react-entry-point .sheet-close')) { closeSheet(event.detail === 0); }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && PHONE.matches) { closeSheet(true); }
  });
})();

// A turned phone, or a window made narrower or wider: the explorer's timeline is laid out for the screen's width
// class (timeline/web/screen.py, whose script in the page's head defines window.timelineScreen). When the class
// changes, the cookie says so to the next request, and the page's store asks the server for the timeline laid
// out for it (a redraw like a filter's).
(function () {
  var pick = window.timelineScreen;
  if (!pick) { return; }
  var shown = pick();
  var due = null;
  window.addEventListener('resize', function () {
    window.clearTimeout(due);
    due = window.setTimeout(function () {
      var now = pick();
      var clientside = window.dash_clientside;
      if (now === shown || !clientside || !clientside.set_props) { return; }
      shown = now;
      pick.keep(now);
      if (document.querySelector('#react-entry-point .explore')) { clientside.set_props('phone-screen', { data: now }); }
    }, 250);
  });
})();

// The lede's "more" on a phone (style.css cuts the lede to two lines there): opens it whole, and closes it again.
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('.lede-more');
  var lede = button && document.getElementById(button.getAttribute('aria-controls'));
  if (!lede) { return; }
  var open = button.getAttribute('aria-expanded') !== 'true';
  if (!button.hasAttribute('data-more')) { button.setAttribute('data-more', button.textContent); }
  lede.classList.toggle('open', open);
  button.setAttribute('aria-expanded', open ? 'true' : 'false');
  button.textContent = button.getAttribute(open ? 'data-less' : 'data-more');
});
