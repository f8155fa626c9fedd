// A dropped file, before and while the server reads it. dcc.Upload (react-dropzone) ignores without a word a
// file over its max_size or of a type its `accept` leaves out; this says why, before anything is sent. A file
// it does send gets "Reading aqim.csv (4.0 MB)…" if the server's answer takes over a second, and a message if
// no answer comes. The sentences are the page's language: #upload-report's data-* attributes, made by
// timeline/web/components/collection_bar.py. Messages go in through Dash (set_props), which owns the report.
(function () {
  var INPUT = 'upload-input';
  var REPORT = 'upload-report';
  var PATIENCE = 1000; // ms before saying the file is being read
  var GRACE = 1500; // ms between the request's end and saying no answer came
  var pending = null; // the file sent: {values (its name and size), timer, asked, waiting}

  function fill(template, values) {
    return String(template || '').replace(/%\((\w+)\)s/g, function (slot, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : slot;
    });
  }

  // As timeline.web.upload.megabytes: tenths of a MB rounded up, so a file over the limit never reads as it.
  function megabytes(size, decimal) {
    return (Math.ceil(size / 100000) / 10).toFixed(1).replace('.', decimal || '.');
  }

  // react-dropzone's rule (attr-accept), so what this refuses is exactly what dcc.Upload drops.
  function accepted(file, accept) {
    if (!accept) { return true; }
    var name = (file.name || '').toLowerCase();
    var type = file.type || '';
    var base = type.replace(/\/.*$/, '');
    return accept.split(',').some(function (item) {
      var wanted = item.trim();
      if (wanted.charAt(0) === '.') { return name.slice(-wanted.length) === wanted.toLowerCase(); }
      if (/\/\*$/.test(wanted)) { return base === wanted.replace(/\/.*$/, ''); }
      return type === wanted;
    });
  }

  function paragraph(text, className) {
    return { type: 'P', namespace: 'dash_html_components', props: { children: text, className: className } };
  }

  // `lines` in the report (a Div of the given role), or nothing when `lines` is null.
  function show(lines, role) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    window.dash_clientside.set_props(REPORT, {
      children: lines && { type: 'Div', namespace: 'dash_html_components', props: { role: role, children: lines } }
    });
  }

  function forget() {
    if (pending) { clearTimeout(pending.timer); clearTimeout(pending.waiting); }
    pending = null;
  }

  function dropped(event) {
    var target = event.target;
    var box = target && target.closest && target.closest('#' + INPUT);
    var report = document.getElementById(REPORT);
    var files = event.type === 'drop' ? event.dataTransfer && event.dataTransfer.files : target.files;
    if (!box || !report || !files || !files.length) { return; }
    forget();
    var texts = report.dataset;
    var file = files[0];
    var input = box.querySelector('input[type=file]');
    var values = { file: file.name, size: megabytes(file.size, texts.decimal) };
    if (!accepted(file, input && input.getAttribute('accept'))) {
      show([paragraph(fill(texts.notAccepted, values), 'error upload-said')], 'alert');
    } else if (file.size > Number(texts.maxBytes)) {
      show([paragraph(fill(texts.tooBig, values), 'error upload-said'), paragraph(texts.hint, 'muted')], 'alert');
    } else {
      // The last file's answer goes: the report is empty until this one's comes, so an empty report (or
      // "Reading…") once the request is over means no answer came.
      show(null);
      var sent = pending = { values: values, asked: false };
      sent.timer = setTimeout(function () {
        if (pending !== sent) { return; }
        show([paragraph(fill(texts.reading, values), 'muted upload-reading upload-said')], 'status');
      }, PATIENCE);
    }
  }

  // An answer is whatever the server puts in the report: not empty, and none of this script's sentences.
  function answered(report) {
    return report.textContent.trim() !== '' && !report.querySelector('.upload-said');
  }

  // Dash marks the report data-dash-is-loading while the upload callback runs. Once that is over, the answer
  // should be in the report within a moment; if it is not, none came (a server error, a lost connection).
  new MutationObserver(function (changes) {
    var report = document.getElementById(REPORT);
    if (!pending || !report || !changes.some(function (change) { return report.contains(change.target); })) { return; }
    if (answered(report)) {
      forget();
    } else if (report.getAttribute('data-dash-is-loading') === 'true') {
      pending.asked = true;
    } else if (pending.asked && !pending.waiting) {
      var waited = pending;
      waited.waiting = setTimeout(function () {
        var now = document.getElementById(REPORT);
        if (pending !== waited || !now) { return; }
        forget();
        show([paragraph(fill(now.dataset.noAnswer, waited.values), 'error upload-said')], 'alert');
      }, GRACE);
    }
  }).observe(document.documentElement, {
    attributes: true, attributeFilter: ['data-dash-is-loading'], childList: true, characterData: true, subtree: true
  });

  // Capture: seen before react-dropzone takes the event, whatever it then does with the file.
  document.addEventListener('drop', dropped, true);
  document.addEventListener('change', dropped, true);
})();
