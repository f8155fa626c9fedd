// Slide navigation for the present page (/present) and the lesson file (python -m timeline bundle).
// Every slide is already in the page, so moving is a class switch plus history.replaceState: no server
// round trip, nothing to wait for. In the app, Dash only hears the new index (set_props) so its
// clientside callback can draw the maps of the slides coming next; in the lesson file, which has no
// Dash, the maps of the slides near the one shown are drawn here with plotly from the JSON the file
// carries (script#present-figures). The file keeps the slide in the URL's #slide=N, the app in ?slide=N.
(function () {
  var CHANNEL = 'timeline-present';

  // In the app, the live page only (until it is there, the first response's plain copy shows the
  // slides); in the lesson file, its one deck.
  function root() {
    var r = document.querySelector('#react-entry-point .present[data-count]') ||
      document.querySelector('.present[data-count][data-url="hash"]');
    return r && !r.hidden ? r : null;
  }
  function inFile(r) { return r.getAttribute('data-url') === 'hash'; }
  function count(r) { return parseInt(r.getAttribute('data-count'), 10) || 1; }
  function current(r) { return parseInt(r.getAttribute('data-current'), 10) || 0; }

  function explorerUrl(r) {
    var slide = r.querySelector('.present-slide.current');
    var eventId = slide && slide.getAttribute('data-event');
    var params = new URLSearchParams();
    var collection = r.getAttribute('data-collection');
    if (collection) { params.set('collection', collection); }
    // The language the presentation was opened in, as every link of the app keeps it.
    var lang = new URLSearchParams(window.location.search).get('lang');
    if (lang) { params.set('lang', lang); }
    if (eventId) { params.set('event', eventId); }
    var query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  // The strip's marks come once, in the slide first shown (components/progress_strip.py strip_layer): each
  // slide shown gets a copy, with the deck's events before its own marked done.
  function stripFor(r, index) {
    var track = r.querySelector('.present-slide[data-slide="' + index + '"] .strip-track');
    var any = r.querySelector('.strip-layer');
    if (!track || !any) { return; }
    var layer = track.querySelector('.strip-layer');
    if (!layer) {
      layer = any.cloneNode(true);
      track.insertBefore(layer, track.firstChild);
    }
    layer.querySelectorAll('.strip-mark[data-order]').forEach(function (mark) {
      var done = parseInt(mark.getAttribute('data-order'), 10) < index - 1;
      mark.classList.toggle('done', done);
      mark.classList.toggle('todo', !done);
    });
  }

  function show(r, index, announce) {
    var last = count(r) - 1;
    index = Math.max(0, Math.min(last, index));
    if (index === current(r)) { return; }
    r.setAttribute('data-current', String(index));
    stripFor(r, index);
    r.querySelectorAll('[data-slide]').forEach(function (element) {
      var on = element.getAttribute('data-slide') === String(index);
      element.classList.toggle('current', on);
      element.setAttribute('aria-hidden', on ? 'false' : 'true');
    });
    var counter = document.getElementById('present-counter');
    if (counter) { counter.textContent = index + ' / ' + last; }
    var prev = document.getElementById('present-prev');
    var next = document.getElementById('present-next');
    if (prev) { prev.disabled = index === 0; }
    if (next) { next.disabled = index === last; }
    var exit = document.getElementById('present-exit');
    if (exit) { exit.setAttribute('href', explorerUrl(r)); }

    // replaceState, not pushState: Back should leave the presentation, not step through every slide.
    if (inFile(r)) {
      // A file:// page may change only its #fragment; no hashchange fires for replaceState.
      window.history.replaceState(window.history.state, '', index ? '#slide=' + index : '#');
    } else {
      var params = new URLSearchParams(window.location.search);
      if (index) { params.set('slide', String(index)); } else { params.delete('slide'); }
      var query = params.toString();
      // The hash stays: a lesson that came in a link is in it (#lesson=...), and a reload must find it.
      window.history.replaceState(
        window.history.state, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash
      );
    }

    var dc = window.dash_clientside;
    if (dc && dc.set_props) { dc.set_props('present-slide', { data: index }); }
    else { drawNear(r, index); }
    if (announce !== false && channel) {
      channel.postMessage({ lesson: r.getAttribute('data-lesson'), slide: index });
    }
  }

  // The lesson file's maps: each slide's figure is drawn once, when its slide comes near.
  var fileFigures = null;
  function drawNear(r, index) {
    var data = document.getElementById('present-figures');
    if (!data || !window.Plotly) { return; }
    if (!fileFigures) { fileFigures = JSON.parse(data.textContent); }
    var before = fileFigures.near[0], after = fileFigures.near[1];
    r.querySelectorAll('[data-map-box]').forEach(function (box) {
      var at = parseInt(box.getAttribute('data-map-box'), 10);
      var figure = fileFigures.graphs[String(at)];
      if (box.hasAttribute('data-drawn') || !figure || at < index - before || at > index + after) { return; }
      box.setAttribute('data-drawn', 'true');
      var graph = document.createElement('div');
      graph.className = 'slide-map-graph';
      graph.id = 'present-map-' + at;
      graph.style.height = '100%';
      graph.style.width = '100%';
      box.appendChild(graph);
      window.Plotly.newPlot(graph, figure.data, figure.layout, fileFigures.config);
    });
  }

  function toggleNotes(r) {
    var on = r.classList.toggle('show-notes');
    var button = r.querySelector('[data-present="notes"]');
    if (button) { button.setAttribute('aria-pressed', on ? 'true' : 'false'); }
    // The slides got shorter or taller: plotly's responsive graphs follow a window resize.
    window.dispatchEvent(new Event('resize'));
  }

  function toggleFullscreen() {
    var doc = document.documentElement;
    if (document.fullscreenElement) {
      if (document.exitFullscreen) { document.exitFullscreen().catch(function () {}); }
    } else if (doc.requestFullscreen && document.fullscreenEnabled !== false) {
      // Refused without a user gesture or by policy; the presentation works the same in a window.
      doc.requestFullscreen().catch(function () {});
    }
  }

  // On a phone the top bar shows the way out and the quiz; "More" opens the other tools under them.
  function toggleMore(r, button) {
    var open = r.querySelector('.present-tools').classList.toggle('open');
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    window.dispatchEvent(new Event('resize')); // the bar grew or shrank: the slide's map follows
  }

  function act(r, action, button) {
    var at = current(r);
    if (action === 'next') { show(r, at + 1); }
    else if (action === 'prev') { show(r, at - 1); }
    else if (action === 'first') { show(r, 0); }
    else if (action === 'last') { show(r, count(r) - 1); }
    else if (action === 'fullscreen') { toggleFullscreen(); }
    else if (action === 'notes') { toggleNotes(r); }
    else if (action === 'more' && button) { toggleMore(r, button); }
    // The lesson file has no explorer to go back to: there Esc only leaves full screen, as browsers do.
    else if (action === 'exit' && !inFile(r)) { window.location.assign(explorerUrl(r)); }
  }

  var KEYS = {
    ArrowRight: 'next', ' ': 'next', Spacebar: 'next', PageDown: 'next',
    ArrowLeft: 'prev', PageUp: 'prev',
    Home: 'first', End: 'last',
    f: 'fullscreen', F: 'fullscreen',
    n: 'notes', N: 'notes',
    Escape: 'exit', Esc: 'exit'
  };

  document.addEventListener('keydown', function (event) {
    var r = root();
    if (!r || event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) { return; }
    // A focused button or link answers Space and Enter itself, as a keyboard user expects.
    if (target && (target.tagName === 'BUTTON' || target.tagName === 'A') && (event.key === ' ' || event.key === 'Enter')) { return; }
    var action = KEYS[event.key];
    if (!action) { return; }
    event.preventDefault();
    act(r, action);
  });

  document.addEventListener('click', function (event) {
    var r = root();
    var button = r && event.target.closest && event.target.closest('[data-present]');
    if (!button || !r.contains(button)) { return; }
    act(r, button.getAttribute('data-present'), button);
    // After a mouse click, give Space back to "next" instead of re-pressing this button.
    if (event.detail > 0 && button.blur) { button.blur(); }
  });

  // A finger swiped left shows the next slide, right the previous one (time and the Next button are on the
  // right in every language). Only a clearly sideways swipe counts: an up-and-down one scrolls the slide, and a
  // second finger (a pinch on the map) cancels it. Listened to on window, before anything on the page can
  // stop a touch on its way (assets/touch.js keeps one finger's moves on a map from plotly).
  var swipe = null;
  var SWIPE_PX = 50;
  window.addEventListener('touchstart', function (event) {
    var r = root();
    var stage = r && event.target.closest && event.target.closest('.present-stage');
    swipe = stage && r.contains(stage) && event.touches.length === 1
      ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }, { capture: true, passive: true });
  window.addEventListener('touchmove', function (event) {
    if (swipe && event.touches.length > 1) { swipe = null; }
  }, { capture: true, passive: true });
  window.addEventListener('touchend', function (event) {
    var r = root();
    var start = swipe;
    swipe = null;
    if (!r || !start || event.touches.length) { return; }
    var dx = event.changedTouches[0].clientX - start.x;
    var dy = event.changedTouches[0].clientY - start.y;
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < 1.5 * Math.abs(dy)) { return; }
    act(r, dx < 0 ? 'next' : 'prev');
  }, { capture: true, passive: true });
  window.addEventListener('touchcancel', function () { swipe = null; }, { capture: true, passive: true });

  // On a phone or a tablet each slide scrolls up and down in its own box (present.css): a keyboard reaches it.
  var NARROW = window.matchMedia('(max-width: 1100px), (max-height: 500px)');  // as in present.css
  function scrollableSlides(r) {
    r.querySelectorAll('.present-slide').forEach(function (slide) {
      if (NARROW.matches) { slide.tabIndex = 0; } else { slide.removeAttribute('tabindex'); }
    });
  }
  if (NARROW.addEventListener) {
    NARROW.addEventListener('change', function () { var r = root(); if (r) { scrollableSlides(r); } });
  }
  // The app draws the page after this script has run: the slides are made so once they are there.
  function arrived() {
    var r = root();
    if (r) { arrival.disconnect(); scrollableSlides(r); }
  }
  var arrival = new MutationObserver(arrived);
  arrival.observe(document.documentElement, { childList: true, subtree: true });
  arrived();

  // A browser that cannot show a page full screen (an iPhone's Safari) gets no button for it (present.css).
  if (!(document.documentElement.requestFullscreen && document.fullscreenEnabled !== false)) {
    document.documentElement.classList.add('no-fullscreen');
  }

  // A second window of the same lesson (the speaker view on the laptop) follows this one, and back.
  var channel = null;
  try {
    channel = 'BroadcastChannel' in window ? new BroadcastChannel(CHANNEL) : null;
  } catch (refused) {
    channel = null; // some browsers refuse it to a file:// page; one window works the same
  }
  if (channel) {
    channel.onmessage = function (message) {
      var r = root();
      var data = message.data || {};
      if (r && data.lesson === r.getAttribute('data-lesson') && typeof data.slide === 'number') {
        show(r, data.slide, false);
      }
    };
  }

  // The lesson file: start on the slide its #slide=N names, and draw the maps near it.
  function followHash() {
    var r = root();
    var named = r && inFile(r) && /slide=(\d+)/.exec(window.location.hash);
    if (named) { show(r, parseInt(named[1], 10), false); }
  }
  var start = root();
  if (start && inFile(start)) {
    followHash();
    drawNear(start, current(start));
    // A #slide=N typed into the address bar (or a link) moves there without reloading.
    window.addEventListener('hashchange', followHash);
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.present = {
    // Output: the children of every map box; only empty boxes near the shown slide are filled.
    fillMaps: function (slide, maps, children) {
      var dc = window.dash_clientside;
      var outputs = (dc.callback_context && dc.callback_context.outputs_list) || [];
      var before = maps.near[0], after = maps.near[1];
      return outputs.map(function (output, i) {
        var index = output.id.index;
        var graph = maps.graphs[String(index)];
        if (children[i] || !graph || index < slide - before || index > slide + after) { return dc.no_update; }
        return graph;
      });
    }
  };
})();
