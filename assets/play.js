// Playing the chronology through time (issue 25): the explorer's play bar, and a slide's map on /present and
// in the lesson file. The design is in timeline/web/pages/explore_play.py; the data each play draws comes from
// timeline/figures/play.py (one request per view on the explorer, inline on a slide); the rule of which events
// belong to a moment is timeline/query/moments.py, and momentState below is the same rule.
//
// Every frame is drawn here: the map's play traces change with Plotly.update (which Dash does not listen to,
// so no frame reaches the server); the timeline's moment is a band and a play head laid over its plot.
(function () {
  'use strict';
  var DAY_MS = 86400000;
  var REDUCED_HOLD_MS = 2500; // explore_play.REDUCED_HOLD_S: with reduced motion a stop stays at least this long
  var ENGLISH = {
    paused: 'Paused: {count}',
    ended: 'End: {count}',
    loading: 'Getting the events ready…',
    empty: 'No events to play: clear a filter.'
  };

  // timeline/query/moments.py, state: an event dated [earliest, latest] (whole days, both included; open:
  // still going) against the moment [m0, m1) is later, of the moment (now), or earlier.
  function momentState(earliest, latest, openEnd, m0, m1) {
    if (earliest >= m1) { return 'later'; }
    if (openEnd || latest >= m0) { return 'now'; }
    return 'earlier';
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  function now() { return window.performance ? window.performance.now() : Date.now(); }

  // The plotly div of a graph: Dash's dcc.Graph wraps it; the lesson file draws on the box's div itself.
  function plotIn(element) {
    if (!element) { return null; }
    if (element.classList && element.classList.contains('js-plotly-plot')) { return element; }
    return element.querySelector('.js-plotly-plot');
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function say(root, key, values) {
    if (!root.playTexts) {
      try { root.playTexts = JSON.parse(root.getAttribute('data-play-text') || '{}') || {}; } catch (error) { root.playTexts = {}; }
    }
    var template = root.playTexts[key] || ENGLISH[key];
    return template.replace(/\{(\w+)\}/g, function (slot, name) { return values && name in values ? values[name] : slot; });
  }

  function roleIndex(gd, role) {
    for (var i = 0; i < gd.data.length; i++) {
      var meta = gd.data[i].meta;
      if (meta && meta.role === role) { return i; }
    }
    return -1;
  }

  // A slide's frame widened to take in every place of its play (and a margin), keeping the shape of the frame
  // on screen, which components/slide.py (fit_frame) fitted to the slide's map box: on a Mercator map a
  // degree of latitude is 1/cos(latitude) times as tall as one of longitude, taken at the frame's middle.
  function takeIn(frame, places) {
    var PAD = 2;
    function stretch(lat) { return 1 / Math.cos((lat[0] + lat[1]) / 2 * Math.PI / 180); }
    var lon = frame.lon.slice(), lat = frame.lat.slice();
    var shape = (lat[1] - lat[0]) * stretch(lat) / (lon[1] - lon[0]);
    places.forEach(function (place) {
      lat[0] = Math.min(lat[0], place[0] - PAD); lat[1] = Math.max(lat[1], place[0] + PAD);
      lon[0] = Math.min(lon[0], place[1] - PAD); lon[1] = Math.max(lon[1], place[1] + PAD);
    });
    var height = (lat[1] - lat[0]) * stretch(lat), width = lon[1] - lon[0];
    if (height < width * shape) {
      var grow = (width * shape / stretch(lat) - (lat[1] - lat[0])) / 2;
      lat = [Math.max(lat[0] - grow, -80), Math.min(lat[1] + grow, 80)];
    } else {
      var wider = (height / shape - width) / 2;
      lon = [lon[0] - wider, lon[1] + wider];
    }
    return { lon: lon, lat: lat };
  }

  // One play: its data, the stop shown, and whether it runs. `hooks` connect it to a page: the map and the
  // timeline it draws on, and what it writes (labels, list, URL, the state of its button).
  function Player(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    this.data = null;
    this.k = 0;
    this.playing = false;
    this.on = false; // the figures show the play
    this.raf = 0;
    this.speed = 1;
    this.stats = { frames: 0, stops: 0, drawMs: 0, started: 0 };
  }

  Player.prototype.count = function () { return this.data ? this.data.names.length : 0; };

  Player.prototype.hold = function () {
    var ms = 1000 / this.speed;
    return reducedMotion() ? Math.max(ms, REDUCED_HOLD_MS) : ms;
  };

  // Hide the map's own traces but the selection ring, add the play's, put the moment on the timeline.
  Player.prototype.enter = function () {
    if (this.on || !this.count()) { return; }
    var Plotly = window.Plotly;
    var traces = this.data.traces;
    var gd = this.hooks.map();
    this.hidden = [];
    if (gd && gd.data && Plotly) {
      var hide = [];
      gd.data.forEach(function (trace, i) {
        if (!(trace.meta && trace.meta.role === 'selected') && trace.visible !== false) { hide.push(i); }
      });
      this.hidden = hide.map(function (i) { return gd.data[i]; });
      if (hide.length) { Plotly.update(gd, { visible: false }, {}, hide); }
      var countries = Object.assign(clone(traces.countries), { locations: this.data.countries.locations, z: [], meta: { role: 'play-countries' } });
      var earlier = Object.assign(clone(traces.earlier), { lat: [], lon: [], meta: { role: 'play-earlier' } });
      var current = Object.assign(clone(traces.now), { lat: [], lon: [], text: [], meta: { role: 'play-now' } });
      Plotly.addTraces(gd, [countries, earlier, current]);
      this.mapDrawn = null;
      if (this.hooks.reframe && gd.layout.geo && gd.layout.geo.lonaxis && gd.layout.geo.lataxis) {
        this.geo = { lon: gd.layout.geo.lonaxis.range.slice(), lat: gd.layout.geo.lataxis.range.slice() };
        var frame = takeIn(this.geo, this.data.places);
        Plotly.update(gd, {}, { 'geo.lonaxis.range': frame.lon, 'geo.lataxis.range': frame.lat });
      }
    }
    var tl = this.hooks.timeline();
    var box = tl && tl.querySelector('.svg-container');
    if (box && !box.querySelector('.play-moment')) {
      var moment = document.createElement('div');
      moment.className = 'play-moment';
      moment.setAttribute('aria-hidden', 'true');
      var band = document.createElement('div'), head = document.createElement('div');
      band.className = 'play-band';
      head.className = 'play-head';
      band.style.background = traces.moment.band;
      head.style.background = traces.moment.head;
      moment.appendChild(band);
      moment.appendChild(head);
      box.appendChild(moment);
    }
    this.on = true;
    this.hooks.entered(this);
  };

  // The figures as they were. A figure Dash has replaced since (a new view) has none of the play in it.
  Player.prototype.leave = function () {
    this.pause(true);
    if (!this.on) { return; }
    var Plotly = window.Plotly;
    var gd = this.hooks.map();
    if (gd && gd.data && Plotly) {
      var ours = [];
      gd.data.forEach(function (trace, i) {
        if (trace.meta && /^play-/.test(trace.meta.role || '')) { ours.push(i); }
      });
      if (ours.length) {
        Plotly.deleteTraces(gd, ours);
        var back = this.hidden.map(function (trace) { return gd.data.indexOf(trace); }).filter(function (i) { return i >= 0; });
        if (back.length) { Plotly.update(gd, { visible: true }, {}, back); }
        if (this.geo) { Plotly.update(gd, {}, { 'geo.lonaxis.range': this.geo.lon, 'geo.lataxis.range': this.geo.lat }); }
      }
    }
    var tl = this.hooks.timeline();
    var moment = tl && tl.querySelector('.play-moment');
    if (moment) { moment.parentNode.removeChild(moment); }
    this.on = false;
    this.geo = null;
    this.hooks.left(this);
  };

  // Stop k on the map, the timeline and the page.
  Player.prototype.show = function (k) {
    var d = this.data;
    k = Math.max(0, Math.min(this.count() - 1, k));
    this.k = k;
    this.stopStart = now();
    var started = now();
    var Plotly = window.Plotly;
    var gd = this.hooks.map();
    // A stop that draws the same map as the one before (quiet years) costs no redraw: a geo redraw is the
    // most of a stop's time (bench/play_bench.py).
    var drawn = JSON.stringify([d.now[k], d.earlier[k], d.countries.z[k]]);
    if (this.on && gd && gd.data && Plotly && drawn !== this.mapDrawn) {
      var ic = roleIndex(gd, 'play-countries'), ie = roleIndex(gd, 'play-earlier'), inow = roleIndex(gd, 'play-now');
      if (ic >= 0 && ie >= 0 && inow >= 0) {
        this.mapDrawn = drawn;
        var places = d.places, colours = d.colours;
        var e = { lat: [], lon: [], size: [], symbol: [], hover: [] };
        d.earlier[k].forEach(function (p) {
          var place = places[p];
          e.lat.push(place[0]); e.lon.push(place[1]); e.symbol.push(place[2]); e.size.push(place[3]); e.hover.push(place[5]);
        });
        var n = { lat: [], lon: [], size: [], symbol: [], colour: [], line: [], opacity: [], text: [], ink: [], hover: [] };
        d.now[k].forEach(function (entry) {
          var place = places[entry[0]], colour = colours[entry[2]], symbol = entry[3], hollow = entry[5] === 1;
          n.lat.push(place[0]); n.lon.push(place[1]); n.size.push(entry[4]); n.symbol.push(symbol);
          n.colour.push(colour);
          n.line.push(/open/.test(symbol) ? colour : '#ffffff');
          n.opacity.push(entry[1] > 1 ? 0.9 : place[4]);
          n.text.push(entry[6] === 1 ? String(entry[1]) : '');  // figures/play.py numbers the busiest places
          n.ink.push(hollow ? colour : '#ffffff');
          n.hover.push(place[5] + ': ' + entry[1]);
        });
        // One call for the three traces: an undefined value leaves that trace's attribute as it is.
        Plotly.update(gd, {
          z: [d.countries.z[k], undefined, undefined],
          lat: [undefined, e.lat, n.lat],
          lon: [undefined, e.lon, n.lon],
          'marker.size': [undefined, e.size, n.size],
          'marker.symbol': [undefined, e.symbol, n.symbol],
          'marker.color': [undefined, undefined, n.colour],
          'marker.line.color': [undefined, undefined, n.line],
          'marker.opacity': [undefined, undefined, n.opacity],
          text: [undefined, undefined, n.text],
          'textfont.color': [undefined, undefined, n.ink],
          hovertext: [undefined, e.hover, n.hover]
        }, {}, [ic, ie, inow]);
      }
    }
    this.moveBand(0);
    this.stats.stops += 1;
    this.stats.drawMs += now() - started;
    this.hooks.shown(this, k);
  };

  // The moment on the timeline: a band over its whole stop, and the play head `fraction` of the way through.
  // Both are elements laid over the plot, placed with its x axis: a layout shape moved with Plotly.relayout
  // would redraw the whole timeline (40-100 ms each time here) and send its relayoutData to the server.
  Player.prototype.moveBand = function (fraction) {
    var tl = this.on && this.hooks.timeline();
    var moment = tl && tl._fullLayout && tl.querySelector('.play-moment');
    if (!moment) { return; }
    var size = tl._fullLayout._size, axis = tl._fullLayout.xaxis;
    var edges = this.data.edges, k = this.k;
    var x0 = axis.l2p(edges[k] * DAY_MS), x1 = axis.l2p(edges[k + 1] * DAY_MS);
    if (fraction === 0) {
      moment.style.left = size.l + 'px';
      moment.style.top = size.t + 'px';
      moment.style.width = size.w + 'px';
      moment.style.height = size.h + 'px';
      moment.firstChild.style.transform = 'translateX(' + x0.toFixed(1) + 'px)';
      moment.firstChild.style.width = Math.max(x1 - x0, 2).toFixed(1) + 'px';
    }
    var head = moment.lastChild;
    head.hidden = reducedMotion() || !this.playing;  // paused, the moment is the whole band, not a point
    head.style.transform = 'translateX(' + (x0 + (x1 - x0) * fraction).toFixed(1) + 'px)';
  };

  // Whether the figures the play draws on are there (Dash draws its graphs a moment after the page).
  Player.prototype.drawn = function () {
    var gd = this.hooks.map(), tl = this.hooks.timeline(), want = this.hooks.needsTimeline;
    return !!(window.Plotly && gd && gd._fullLayout && gd.data && (!want || (tl && tl._fullLayout)));
  };

  Player.prototype.whenDrawn = function (then) {
    var self = this, tries = 0;
    (function check() {
      if (self.drawn()) { then(); return; }
      tries += 1;
      if (tries < 300) { window.setTimeout(check, 100); }
    })();
  };

  // Pressed before its data or its figures are there, the play waits for them, pressed (aria-pressed).
  Player.prototype.play = function () {
    var self = this;
    if (!this.data) { this.pending = true; this.hooks.state(this, true); this.hooks.request(this); return; }
    if (!this.count()) { this.hooks.state(this, false); this.hooks.announce(this, say(this.root, 'empty')); return; }
    if (!this.drawn()) {
      this.pending = true;
      this.hooks.state(this, true);
      this.whenDrawn(function () { if (self.pending) { self.pending = false; self.play(); } });
      return;
    }
    var wasOn = this.on, restart = this.k >= this.count() - 1;
    if (restart) { this.k = 0; }
    this.enter();
    if (!wasOn || restart) { this.show(this.k); }
    this.playing = true;
    this.stopStart = now();
    this.moveBand(0);
    this.stats.started = this.stats.started || now();
    this.hooks.state(this, true);
    this.loop();
  };

  Player.prototype.loop = function () {
    var self = this;
    if (self.raf) { return; }
    function tick(time) {
      self.raf = 0;
      if (!self.playing) { return; }
      self.stats.frames += 1;
      var fraction = (time - self.stopStart) / self.hold();
      if (fraction >= 1) {
        if (self.k >= self.count() - 1) { self.pause(false, 'ended'); return; }
        self.show(self.k + 1);
      } else if (!reducedMotion()) {
        self.moveBand(Math.max(0, fraction));
      }
      self.raf = window.requestAnimationFrame(tick);
    }
    self.raf = window.requestAnimationFrame(tick);
  };

  // `quiet`: no announcement (a step or a drag says its own); `why`: 'ended' at the last stop.
  Player.prototype.pause = function (quiet, why) {
    var was = this.playing, waiting = this.pending;
    this.playing = false;
    this.pending = false;
    if (this.raf) { window.cancelAnimationFrame(this.raf); this.raf = 0; }
    if (waiting) { this.hooks.state(this, false); }
    if (!was) { return; }
    this.moveBand(0);
    this.hooks.state(this, false);
    if (!quiet) { this.hooks.announce(this, say(this.root, why || 'paused', { count: this.data.counts[this.k] })); }
  };

  Player.prototype.toggle = function () { if (this.playing || this.pending) { this.pause(); } else { this.play(); } };

  // To stop `k` by a step or a drag: paused there. `announce` says it (not while a finger drags).
  Player.prototype.seek = function (k, announce) {
    if (!this.data) { this.hooks.request(this); return; }
    if (!this.count()) { return; }
    var self = this;
    if (!this.drawn()) { this.whenDrawn(function () { self.seek(k, announce); }); return; }
    this.pause(true);
    this.enter();
    this.show(k);
    if (announce) { this.hooks.announce(this, this.data.counts[this.k]); }
  };

  Player.prototype.setSpeed = function (speed) {
    this.speed = speed;
    this.hooks.speed(this, speed);
  };

  Player.prototype.load = function (data) {
    this.data = data;
    this.hooks.loaded(this);
    if (this.pending) { this.pending = false; this.play(); return; }
    if (typeof data.start === 'number' && this.count()) { this.seek(data.start, false); }
  };

  // ---- The explorer ---------------------------------------------------------------------------------
  var explorer = null;
  var requests = 0;

  function livePage(element) { return !!(element && element.closest && element.closest('#react-entry-point')); }
  function explorerBar() { return document.querySelector('#react-entry-point .play-bar'); }
  function graph(id) { return plotIn(document.querySelector('#react-entry-point #' + id)); }
  function speeds(bar) {
    try { return JSON.parse(bar.getAttribute('data-speeds') || '[]'); } catch (error) { return []; }
  }

  function writeUrl(at, speed) {
    var params = new URLSearchParams(window.location.search);
    if (at) { params.set('at', at); } else { params.delete('at'); }
    if (speed && speed !== 1) { params.set('speed', String(speed)); } else { params.delete('speed'); }
    var query = params.toString();
    var url = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, '', url);
    }
  }

  function follow(player, k) {
    var d = player.data, table = player.table;
    if (!table) {
      table = player.table = {};
      d.events.forEach(function (event) { table[event[0]] = event; });
    }
    var m0 = d.edges[k], m1 = d.edges[k + 1], first = null;
    document.querySelectorAll('#react-entry-point #event-list .event-item[data-event]').forEach(function (item) {
      var event = table[item.getAttribute('data-event')];
      // Past the events the play data carries (the list's limit), an item is left as it is.
      var state = event ? momentState(event[1], event[2], event[3] === 1, m0, m1) : '';
      // Only what changes is written: each write makes the browser restyle the list.
      if (item.getAttribute('data-play') !== state) { item.setAttribute('data-play', state); }
      if (event && event[4] === 1 && !item.hasAttribute('data-play-loose')) { item.setAttribute('data-play-loose', 'true'); }
      if (state === 'now' && !first) { first = item; }
    });
    // The list scrolls itself, never the page, to the first event of the moment (when that one changes).
    var box = document.querySelector('#react-entry-point #event-list');
    if (first && first !== player.firstNow && box && box.scrollHeight > box.clientHeight) {
      box.scrollTop += first.getBoundingClientRect().top - box.getBoundingClientRect().top;
    }
    player.firstNow = first;
  }

  function unfollow() {
    document.querySelectorAll('#react-entry-point #event-list .event-item[data-play]').forEach(function (item) {
      item.removeAttribute('data-play');
      item.removeAttribute('data-play-loose');
    });
  }

  function readout(root, name, count) {
    var at = root.querySelector('[data-play-at]');
    if (at) { at.setAttribute('data-play-at', name); at.textContent = name; }
    var counter = root.querySelector('.play-count');
    if (counter) { counter.textContent = count; }
  }

  var explorerHooks = {
    needsTimeline: true,
    map: function () { return graph('map'); },
    timeline: function () { return graph('timeline'); },
    request: function (player) {
      var dc = window.dash_clientside;
      if (!dc || !dc.set_props) { return; }
      requests += 1;
      player.root.setAttribute('aria-busy', 'true');
      player.hooks.announce(player, say(player.root, 'loading'));
      dc.set_props('play-request', { data: requests });
    },
    loaded: function (player) {
      player.root.removeAttribute('aria-busy');
      player.table = null;
      var range = player.root.querySelector('input[type=range]');
      if (range) { range.max = String(Math.max(player.count() - 1, 0)); range.value = String(player.data.start || 0); }
    },
    entered: function (player) {
      player.root.classList.add('play-on');
      var page = player.root.closest('.explore');
      if (page) { page.classList.add('play-on'); }
    },
    left: function (player) {
      player.root.classList.remove('play-on');
      var page = player.root.closest('.explore');
      if (page) { page.classList.remove('play-on'); }
      unfollow();
      player.firstNow = null;
      readout(player.root, '', '');
      writeUrl(null, player.speed);
    },
    shown: function (player, k) {
      var d = player.data;
      readout(player.root, d.names[k], d.counts[k]);
      var range = player.root.querySelector('input[type=range]');
      if (range && range.value !== String(k)) { range.value = String(k); }
      follow(player, k);
      // While it plays the URL waits for the pause: rewriting history costs ~10 ms a stop.
      if (!player.playing) { writeUrl(d.edtf[k], player.speed); }
    },
    state: function (player, playing) {
      var button = player.root.querySelector('[data-action="play"]');
      if (button) { button.setAttribute('aria-pressed', playing ? 'true' : 'false'); }
      if (!playing && player.on) { writeUrl(player.data.edtf[player.k], player.speed); }
    },
    speed: function (player, speed) {
      var named = speeds(player.root).filter(function (s) { return s[0] === speed; })[0];
      var shown = player.root.querySelector('.play-speed');
      if (shown && named) { shown.textContent = named[1]; }
      player.root.setAttribute('data-speed', String(speed));
      if (player.on) { writeUrl(player.data.edtf[player.k], speed); }
    },
    announce: function (player, text) {
      var status = player.root.querySelector('.play-status');
      if (status) { status.textContent = text; }
    }
  };

  function explorerPlayer() {
    var bar = explorerBar();
    if (!bar) { return null; }
    if (!explorer || explorer.root !== bar) {
      if (explorer) { explorer.pause(true); }
      explorer = new Player(bar, explorerHooks);
      var speed = parseFloat(bar.getAttribute('data-speed'));
      explorer.speed = speed > 0 ? speed : 1;
    }
    return explorer;
  }

  function act(player, action) {
    if (action === 'play') { player.toggle(); }
    else if (action === 'step-back') { player.seek(player.k - 1, true); }
    else if (action === 'step-forward') { player.seek(player.on ? player.k + 1 : player.k, true); }
    else if (action === 'exit') { player.leave(); }
    else if (action === 'slower' || action === 'faster') {
      var list = speeds(player.root).map(function (s) { return s[0]; });
      var at = list.indexOf(player.speed);
      var next = list[Math.max(0, Math.min(list.length - 1, (at < 0 ? list.indexOf(1) : at) + (action === 'faster' ? 1 : -1)))];
      if (next) { player.setSpeed(next); }
    }
  }

  // ---- A slide's map (/present and the lesson file) ---------------------------------------------------
  function slideHooks(box) {
    var slide = box.closest('[data-slide]');
    var index = slide ? slide.getAttribute('data-slide') : '';
    return {
      needsTimeline: false,
      reframe: true,
      map: function () { return plotIn(document.getElementById('present-map-' + index)); },
      timeline: function () { return null; },
      request: function () {},
      loaded: function () {},
      entered: function () {},
      left: function (player) { readout(player.root, player.data.names[0], ''); },
      shown: function (player, k) {
        readout(player.root, player.data.names[k], player.data.counts[k]);
        var to = player.root.querySelector('.play-to');
        if (to) { to.hidden = k === player.count() - 1; }  // at the end, '2015 → 2015' says nothing more
      },
      state: function (player, playing) {
        var button = player.root.querySelector('[data-action="play-slide"]');
        if (button) { button.setAttribute('aria-pressed', playing ? 'true' : 'false'); }
      },
      speed: function () {},
      announce: function (player, text) {
        var status = player.root.querySelector('.play-status');
        if (status) { status.textContent = text; }
      }
    };
  }

  var slidePlayers = [];

  function slidePlayer(box) {
    if (!box.playPlayer) {
      var player = new Player(box, slideHooks(box));
      var button = box.querySelector('[data-action="play-slide"]');
      player.speed = parseFloat(box.getAttribute('data-speed')) || 1;
      try { player.data = JSON.parse(button.getAttribute('data-play')); } catch (error) { player.data = null; }
      box.playPlayer = player;
      slidePlayers.push(player);
    }
    return box.playPlayer;
  }

  // A slide that is no longer shown stops playing, and its map is the slide's own again.
  function leaveHiddenSlides() {
    slidePlayers = slidePlayers.filter(function (player) {
      var slide = player.root.closest('[data-slide]');
      var gone = !document.body.contains(player.root);
      if (gone || (slide && !slide.classList.contains('current'))) { player.leave(); }
      return !gone;
    });
  }

  // ---- Events -----------------------------------------------------------------------------------------
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-action]');
    if (!button) { return; }
    var action = button.getAttribute('data-action');
    var bar = button.closest('.play-bar');
    if (bar && livePage(bar)) {
      var player = explorerPlayer();
      if (player) { act(player, action); }
      return;
    }
    var box = action === 'play-slide' && button.closest('.slide-play');
    if (box && !button.closest('#static-page')) {
      var slide = slidePlayer(box);
      if (slide.data) {
        if (!slide.playing && slide.k >= slide.count() - 1) { slide.k = 0; slide.leave(); }
        slide.toggle();
      }
    }
  });

  // The range input: dragging shows each stop it passes, paused; letting go says where it is.
  document.addEventListener('input', function (event) {
    var range = event.target;
    if (!range || range.type !== 'range' || !range.closest('.play-bar') || !livePage(range)) { return; }
    var player = explorerPlayer();
    if (player) { player.seek(parseInt(range.value, 10) || 0, false); }
  });
  document.addEventListener('change', function (event) {
    var range = event.target;
    if (!range || range.type !== 'range' || !range.closest('.play-bar') || !livePage(range)) { return; }
    var player = explorerPlayer();
    if (player && player.data) { player.hooks.announce(player, player.data.counts[player.k]); }
  });

  // With the timeline focused (the graph or the play bar under it): Space or K plays and pauses, and on the
  // graph itself the arrows step. A focused button keeps Space for itself, as buttons do.
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    var panel = target && target.closest && target.closest('.timeline-panel');
    if (!panel || !livePage(panel)) { return; }
    var tag = target.tagName;
    var typing = (tag === 'INPUT' && target.type !== 'range') || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
    var onGraph = target.id === 'timeline';
    var player = explorerPlayer();
    if (!player || typing) { return; }
    if (event.key === 'k' || event.key === 'K' || ((event.key === ' ' || event.key === 'Spacebar') && tag !== 'BUTTON' && tag !== 'A')) {
      event.preventDefault();
      player.toggle();
    } else if (onGraph && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      act(player, event.key === 'ArrowLeft' ? 'step-back' : 'step-forward');
    }
  });

  // The timeline takes the focus (Tab), so its keys work; slides that go out of view leave their play.
  var hint = null;
  function watch() {
    var timeline = document.querySelector('#react-entry-point #timeline');
    if (timeline && !timeline.hasAttribute('tabindex')) {
      var bar = explorerBar();
      hint = hint || (bar && bar.getAttribute('data-timeline-label'));
      timeline.setAttribute('tabindex', '0');
      timeline.setAttribute('role', 'group');
      timeline.setAttribute('aria-keyshortcuts', 'K Space ArrowLeft ArrowRight');
      if (hint) { timeline.setAttribute('aria-label', hint); }
    }
    if (slidePlayers.length) { leaveHiddenSlides(); }
    // The list arrives (or comes again) after the play has begun: it follows from its first drawing.
    if (explorer && explorer.on && document.querySelector('#react-entry-point #event-list .event-item:not([data-play])')) {
      follow(explorer, explorer.k);
    }
  }
  if (window.MutationObserver) {
    new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  }
  document.addEventListener('DOMContentLoaded', watch);

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.timeline_play = {
    // The play data of the view (or the URL's moment's, at load). Fired again by a change of the filters or
    // of the window, it finds the same data: that view is gone, so the play leaves and asks again next time.
    receive: function (data) {
      var player = explorerPlayer();
      if (player) {
        if (data && data.request !== player.loadedRequest) {
          player.loadedRequest = data.request;
          player.load(data);
        } else if (player.data) {
          player.leave();
          player.data = null;
        }
      }
      return window.dash_clientside.no_update;
    }
  };

  window.timelinePlay = {
    momentState: momentState,
    player: function () { return explorerPlayer(); },
    stats: function () { var p = explorerPlayer(); return p ? p.stats : null; }
  };
})();
