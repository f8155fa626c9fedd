// Figure downloads: a button with data-graph/data-format saves that graph as PNG or SVG, drawn by
// plotly.js in the browser (no server round trip, works offline). Also: after a file is dropped and
// stored in this tab's sessionStorage, open the page that explores it.
(function () {
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('.figure-download');
    if (!button || !window.Plotly) { return; }
    var holder = document.getElementById(button.getAttribute('data-graph'));
    var graph = holder && holder.querySelector('.js-plotly-plot');
    if (!graph) { return; }
    var format = button.getAttribute('data-format');
    var name = (button.getAttribute('data-name') || 'figure').replace(/\s+/g, '-');
    var size = { width: graph.offsetWidth || 1200, height: graph.offsetHeight || 500 };
    window.Plotly.downloadImage(graph, { format: format, filename: name, width: size.width, height: size.height, scale: format === 'png' ? 2 : 1 });
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline_upload: {
      // A file the server accepted goes to this tab's sessionStorage store; then open() takes over.
      keep: function (accepted) {
        var none = window.dash_clientside.no_update;
        if (!accepted) { return [none, none]; }
        return [accepted.file, accepted.goto];
      },
      // Runs once the store has written the file to sessionStorage (modified_timestamp comes after the write).
      open: function (_stamp, target) {
        if (target) { window.location.assign(target); }
        return null;
      }
    }
  });
})();
