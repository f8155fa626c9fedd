// Keyboard access for the explorer: arrows move through the event list, "/" jumps to search,
// Enter or Space activates highlighted source passages. Pure UI: no server round trip.
(function () {
  function items() { return Array.from(document.querySelectorAll('#react-entry-point .event-item')); }

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if (event.key === '/' && !typing) {
      var search = document.getElementById('search');
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (target && target.classList && target.classList.contains('event-item') &&
        (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'Home' || event.key === 'End')) {
      var list = items();
      var at = list.indexOf(target);
      var next = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1 : event.key === 'Home' ? 0 : list.length - 1;
      if (next >= 0 && next < list.length) { event.preventDefault(); list[next].focus(); }
      return;
    }
    if (target && target.classList && target.classList.contains('event-item') && event.key === ' ') {
      event.preventDefault();  // Space selects, as on a button, instead of scrolling the page
      target.click();
      return;
    }
    if (target && target.getAttribute && target.getAttribute('role') === 'button' && target.tagName === 'MARK' &&
        (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      target.click();
    }
  });

  // A click (or Enter, which clicks) on a list item or a highlighted passage selects its event.
  // Done here rather than with a Dash id per item: pattern-matched ids on a list of a hundred
  // made every redraw of the list cost seconds in Dash's renderer.
  document.addEventListener('click', function (event) {
    var chosen = event.target.closest && event.target.closest('.event-item[data-event], mark.passage[data-event]');
    if (chosen && chosen.closest('#react-entry-point') && window.dash_clientside && window.dash_clientside.set_props) {
      // List items are links (so the plain page works without scripts); here they select in place.
      if (chosen.tagName === 'A' && !(event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1)) { event.preventDefault(); }
      window.dash_clientside.set_props('selected', { data: chosen.getAttribute('data-event') });
    }
  });

  // The selection, shown in the browser: the ring on the timeline and the map moves to the item's
  // place (each figure carries every item's place in its 'selected' trace), the list marks the item
  // and scrolls to it. No figure travels from the server for a selection.
  function highlight(graphId, selected) {
    var gd = document.querySelector('#react-entry-point #' + graphId + ' .js-plotly-plot');
    if (!gd || !gd.data || !window.Plotly) { return; }
    var index = gd.data.findIndex(function (t) { return t.meta && t.meta.role === 'selected'; });
    if (index < 0) { return; }
    var marks = gd.data[index].meta.marks || {};
    var mark = selected ? marks[selected] : null;
    var update;
    if (graphId === 'map') {
      var places = mark || [];
      update = { lat: [places.map(function (p) { return p[0]; })], lon: [places.map(function (p) { return p[1]; })] };
    } else {
      var point = mark && mark[0] === mark[1];
      var xs = !mark ? [] : point ? [mark[0]] : [mark[0], mark[1]];
      update = { x: [xs], y: [xs.map(function () { return mark[2]; })], 'marker.size': point ? 26 : 12 };
    }
    update['meta.id'] = mark ? selected : null;
    window.Plotly.restyle(gd, update, [index]).then(function () {
      // On a phone the timeline scrolls sideways in its box: the selection is brought into view (touch.js).
      if (mark && graphId === 'timeline' && window.timelinePhone) { window.timelinePhone.reveal(gd); }
    });
  }

  // A language choice reopens this very view in that language: the link was written with the view the page
  // arrived with, so it takes the filters and selection the reader has set since (the URL holds them).
  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest && event.target.closest('.lang-switch a[hreflang]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    var params = new URLSearchParams(window.location.search);
    params.set('lang', link.getAttribute('hreflang'));
    event.preventDefault();
    window.location.assign(window.location.pathname + '?' + params.toString() + window.location.hash);
  });

  window.timelineUI = {
    // Returns the page's query string with the selection in it (the URL is the view's state).
    select: function (selected) {
      highlight('timeline', selected);
      highlight('map', selected);
      items().forEach(function (item) {
        var on = item.getAttribute('data-event') === selected;
        item.classList.toggle('selected', on);
        item.setAttribute('aria-current', on ? 'true' : 'false');
      });
      if (selected) {
        window.requestAnimationFrame(function () {
          var item = document.querySelector('#react-entry-point .event-item[data-event="' + CSS.escape(selected) + '"]');
          if (!item) { return; }
          if (!window.matchMedia('(max-width: 650px)').matches) { item.scrollIntoView({ block: 'nearest' }); return; }
          // On a phone the list is far down the page: only its own box scrolls, the page stays where the
          // event was tapped (its detail comes up over it, touch.js).
          var box = item.closest('.event-list');
          var inner = item.getBoundingClientRect();
          var outer = box.getBoundingClientRect();
          if (inner.top < outer.top) { box.scrollTop -= outer.top - inner.top; }
          else if (inner.bottom > outer.bottom) { box.scrollTop += inner.bottom - outer.bottom; }
        });
      }
      var params = new URLSearchParams(window.location.search);
      if (selected) { params.set('event', selected); } else { params.delete('event'); }
      var query = params.toString() ? '?' + params.toString() : '';
      return query === window.location.search ? window.dash_clientside.no_update : query;
    }
  };
})();
