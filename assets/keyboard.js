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

  window.timelineUI = {
    // Brings the selected event's list item into view after a click on the map or timeline.
    reveal: function (selected) {
      if (!selected) { return null; }
      window.requestAnimationFrame(function () {
        var item = document.querySelector('.event-item[data-event="' + CSS.escape(selected) + '"]');
        if (item) { item.scrollIntoView({ block: 'nearest' }); }
      });
      return selected;
    }
  };
})();
