// A teacher's lesson, built in the browser (issue 23). The lesson is kept in this browser's localStorage,
// one draft per collection ('timeline-lesson:<collection id>'), with the keys of a lesson file
// (docs/presenting.md): {collection, title, intro, slides: [{event, notes, show}, ...]}. Nothing is stored
// on the server; each request carries the lesson (timeline/web/lessonrequest.py validates it).
// - The explorer: "Add to my lesson" on the selected event, "Add the events listed", the header's counter,
//   and a mark on each listed event that is in the lesson.
// - The builder (/lesson): title, intro, the slides in order (moved by assets/reorder.js), notes; present,
//   quiz, handout, lesson file, YAML; a link that carries the lesson in its fragment, #lesson=v1.<base64url
//   of the raw-deflated JSON> (CompressionStream('deflate-raw'); timeline/formats/lessonlink.py reads it);
//   a YAML or a lesson file dropped on it opens again.
// - /present?shared=1 and /quiz?shared=1: fromHash hands the link's lesson to the page's Dash callback.
// Every word it writes comes from the page (data-text, in the reader's language). Teachers' and events'
// text is only ever set as text (textContent, value), never as HTML.
(function () {
  var PREFIX = 'timeline-lesson:';

  function live(selector) { return document.querySelector('#react-entry-point ' + selector); }
  function liveAll(selector) {
    return Array.prototype.slice.call(document.querySelectorAll('#react-entry-point ' + selector));
  }
  function textsOf(element, attribute) {
    try { return JSON.parse(element.getAttribute(attribute || 'data-text') || '{}') || {}; } catch (e) { return {}; }
  }
  // A template with its {name} slots filled in one pass (a title holding '{n}' stays as it is).
  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (slot, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : slot;
    });
  }
  function number(n) {
    var lang = document.documentElement.lang || 'en';
    try { return new Intl.NumberFormat(lang === 'ar' ? 'ar-DZ' : lang).format(n); } catch (e) { return String(n); }
  }

  // -- The draft ------------------------------------------------------------------------------------

  // The lesson in the URL's fragment (#lesson=v1.…), or ''. A fragment someone mangled is passed on as it
  // is: the server says what is wrong with it.
  function fragmentLesson() {
    var match = /(?:^#|&)lesson=([^&]+)/.exec(window.location.hash);
    if (!match) { return ''; }
    try { return decodeURIComponent(match[1]); } catch (e) { return match[1]; }
  }

  function emptyDraft(collection) { return { collection: collection, title: '', intro: '', slides: [] }; }

  function load(collection) {
    var raw = null;
    try { raw = window.localStorage.getItem(PREFIX + collection); } catch (e) { raw = null; }
    if (!raw) { return emptyDraft(collection); }
    try {
      var draft = JSON.parse(raw);
      if (draft && typeof draft === 'object' && Array.isArray(draft.slides)) {
        draft.collection = collection;
        draft.slides = draft.slides.filter(function (s) { return s && typeof s.event === 'string'; });
        return draft;
      }
    } catch (e) { /* kept aside below */ }
    // A draft this script cannot read is set aside, not overwritten: nothing is lost.
    try { window.localStorage.setItem(PREFIX + collection + ':unreadable', raw); } catch (e) { /* full */ }
    return emptyDraft(collection);
  }

  function save(draft) {
    try {
      window.localStorage.setItem(PREFIX + draft.collection, JSON.stringify(draft));
      return true;
    } catch (e) {
      return false; // storage full or refused: the page keeps the lesson; the builder says so
    }
  }

  function has(draft, eventId) { return draft.slides.some(function (s) { return s.event === eventId; }); }

  // -- The explorer -----------------------------------------------------------------------------------

  function explorerText() {
    var holder = live('[data-lesson-collection][data-text]');
    return holder ? textsOf(holder) : {};
  }

  function syncExplorer() {
    var holder = live('[data-lesson-collection]');
    var collection = holder && holder.getAttribute('data-lesson-collection');
    if (!collection) { return; }
    var draft = load(collection);
    var text = explorerText();
    liveAll('.lesson-counter').forEach(function (counter) {
      var shown = fill(text.count, { n: number(draft.slides.length) });
      if (counter.textContent !== shown) { counter.textContent = shown; }
    });
    liveAll('[data-action="add-to-lesson"]').forEach(function (button) {
      var on = has(draft, button.getAttribute('data-event'));
      if (button.getAttribute('aria-pressed') !== String(on)) { button.setAttribute('aria-pressed', String(on)); }
      var label = on ? text.remove : text.add;
      if (label && button.textContent !== label) { button.textContent = label; }
    });
    var chosen = {};
    draft.slides.forEach(function (s) { chosen[s.event] = true; });
    liveAll('.event-list .event-item[data-event]').forEach(function (item) {
      var on = chosen[item.getAttribute('data-event')] === true;
      var mark = item.querySelector('.lesson-mark');
      item.classList.toggle('in-lesson', on);
      if (on && !mark) {
        mark = document.createElement('span');
        mark.className = 'lesson-mark';
        mark.textContent = text.mark || '';
        (item.querySelector('.item-meta') || item).appendChild(mark);
      } else if (!on && mark) {
        mark.remove();
      }
    });
  }

  function addEvents(collection, eventIds) {
    var draft = load(collection);
    var max = parseInt(explorerText().max, 10) || 100;
    var added = 0;
    eventIds.forEach(function (eventId) {
      if (!has(draft, eventId) && draft.slides.length < max) {
        draft.slides.push({ event: eventId });
        added += 1;
      }
    });
    save(draft);
    return { added: added, total: draft.slides.length, full: draft.slides.length >= max };
  }

  document.addEventListener('click', function (event) {
    var control = event.target.closest && event.target.closest('[data-action="add-to-lesson"], [data-action="add-shown-to-lesson"]');
    if (!control || !control.closest('#react-entry-point')) { return; }
    var collection = control.getAttribute('data-lesson-collection');
    var text = textsOf(control);
    var said = live('.lesson-add-shown-box .lesson-said');
    if (control.getAttribute('data-action') === 'add-to-lesson') {
      var eventId = control.getAttribute('data-event');
      var draft = load(collection);
      if (has(draft, eventId)) {
        draft.slides = draft.slides.filter(function (s) { return s.event !== eventId; });
        save(draft);
      } else if (addEvents(collection, [eventId]).added === 0 && said) {
        said.textContent = fill(text.full, { limit: number(draft.slides.length) });
      }
    } else {
      var listed = liveAll('.event-list .event-item[data-event]').map(function (item) {
        return item.getAttribute('data-event');
      });
      var result = addEvents(collection, listed);
      if (said) {
        said.textContent = fill(text.added, { added: number(result.added), total: number(result.total) }) +
          (result.full ? ' ' + fill(text.full, { limit: number(result.total) }) : '');
      }
    }
    syncExplorer();
  });

  // -- Encoding a lesson for a link -------------------------------------------------------------------

  function base64url(bytes) {
    var binary = '';
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function encode(data) {
    var bytes = new TextEncoder().encode(JSON.stringify(data));
    var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Response(stream).arrayBuffer().then(function (buffer) {
      return 'v1.' + base64url(new Uint8Array(buffer));
    });
  }

  // The lesson as a link carries it: empty fields left out; `notes` false leaves out what the teacher
  // will say (the class's link), translations of the notes included.
  function linkData(draft, notes) {
    var data = { collection: draft.collection };
    Object.keys(draft).forEach(function (key) {
      if (key === 'collection' || key === 'slides') { return; }
      if (typeof draft[key] === 'string' && draft[key].trim()) { data[key] = draft[key]; }
    });
    data.slides = draft.slides.map(function (slide) {
      var item = { event: slide.event };
      Object.keys(slide).forEach(function (key) {
        if (key === 'event' || typeof slide[key] !== 'string' || !slide[key].trim()) { return; }
        if (key === 'show' && slide[key] === 'map') { return; }
        if (!notes && key.indexOf('notes') === 0) { return; }
        item[key] = slide[key];
      });
      return item;
    });
    return data;
  }

  // -- The builder ------------------------------------------------------------------------------------

  var builder = null; // the state of the builder on the page, or null

  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        answer.status = response.status;
        return answer;
      });
    });
  }

  function say(message, undo) {
    var said = builder.root.querySelector('.lesson-said');
    said.textContent = message;
    if (undo) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'button';
      button.textContent = builder.text.undo;
      button.addEventListener('click', function () {
        builder.draft = undo;
        changed(true);
        said.textContent = '';
      });
      said.appendChild(document.createTextNode(' '));
      said.appendChild(button);
    }
  }

  function showProblems(problems, heading) {
    var box = builder.root.querySelector('.lesson-problems');
    box.textContent = '';
    if (!problems || !problems.length) { return; }
    var head = document.createElement('p');
    head.className = 'error';
    head.textContent = heading || builder.text.problems;
    var list = document.createElement('ul');
    list.className = 'problems';
    problems.forEach(function (problem) {
      var li = document.createElement('li');
      li.textContent = problem;
      list.appendChild(li);
    });
    box.appendChild(head);
    box.appendChild(list);
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function moveButton(arrow, label, action) {
    var button = element('button', 'move-button');
    button.type = 'button';
    button.title = label;
    button.setAttribute('data-action', action);
    var shown = element('span', '', arrow);
    shown.setAttribute('aria-hidden', 'true');
    button.appendChild(shown);
    button.appendChild(element('span', 'sr-only', label));
    return button;
  }

  // One slide of the list: made once per event, then only updated, so focus and typing survive a move.
  function slideItem(eventId) {
    var text = builder.text;
    var li = element('li', 'lesson-slide');
    li.tabIndex = 0;
    li.setAttribute('data-slide-event', eventId);
    var grip = element('span', 'lesson-grip', '≡');
    grip.setAttribute('aria-hidden', 'true');
    grip.setAttribute('data-reorder-handle', 'true');
    grip.draggable = true;
    var body = element('div', 'lesson-slide-body');
    var date = element('p', 'lesson-slide-date');
    var title = element('h3', 'lesson-slide-title');
    title.dir = 'auto';
    var quote = element('blockquote', 'lesson-slide-quote');
    quote.dir = 'auto';
    var notesLabel = element('label', 'lesson-notes');
    notesLabel.appendChild(element('span', 'control-label', text.notes));
    var notes = element('textarea');
    notes.name = 'notes';
    notes.dir = 'auto';
    notes.rows = 3;
    notes.maxLength = text.maxNotes;
    notesLabel.appendChild(notes);
    body.appendChild(date);
    body.appendChild(title);
    body.appendChild(quote);
    body.appendChild(notesLabel);
    body.appendChild(element('p', 'lesson-notes-count'));
    if (builder.lineage) {
      var option = element('label', 'lesson-option');
      var box = element('input');
      box.type = 'checkbox';
      box.setAttribute('data-action', 'show-lineage');
      option.appendChild(box);
      option.appendChild(document.createTextNode(' ' + text.lineage));
      body.appendChild(option);
    }
    var tools = element('div', 'lesson-slide-tools');
    tools.appendChild(moveButton('↑', text.up, 'move-up'));
    tools.appendChild(moveButton('↓', text.down, 'move-down'));
    var remove = element('button', 'button lesson-remove', text.remove);
    remove.type = 'button';
    remove.setAttribute('data-action', 'remove-slide');
    tools.appendChild(remove);
    li.appendChild(grip);
    li.appendChild(body);
    li.appendChild(tools);
    return li;
  }

  function slideOf(eventId) {
    for (var i = 0; i < builder.draft.slides.length; i++) {
      if (builder.draft.slides[i].event === eventId) { return builder.draft.slides[i]; }
    }
    return null;
  }

  function fillSlide(li, slide, position) {
    var text = builder.text;
    var card = builder.events[slide.event];
    var unknown = builder.unknown[slide.event];
    var title = card ? card.title : slide.event;
    li.classList.toggle('unknown', !!unknown);
    li.setAttribute('aria-label', fill(text.slide, { n: number(position), title: title }));
    var date = li.querySelector('.lesson-slide-date');
    date.textContent = '';
    if (card) {
      var written = element('bdi', '', card.date);
      date.appendChild(written);
      date.appendChild(document.createTextNode(' · ' + card.when));
    }
    li.querySelector('.lesson-slide-title').textContent = unknown ? fill(text.unknown, { title: slide.event }) : title;
    li.querySelector('.lesson-slide-quote').textContent = card ? '“' + card.quote + '”' : '';
    var notes = li.querySelector('textarea[name="notes"]');
    if (notes.value !== (slide.notes || '')) { notes.value = slide.notes || ''; }
    li.querySelector('.lesson-notes-count').textContent =
      fill(text.notesCount, { n: number(notes.value.length), limit: number(text.maxNotes) });
    var lineage = li.querySelector('[data-action="show-lineage"]');
    if (lineage) { lineage.checked = slide.show === 'lineage'; }
  }

  function render() {
    var root = builder.root;
    var draft = builder.draft;
    var title = root.querySelector('input[name="lesson-title"]');
    if (title.value !== (draft.title || '')) { title.value = draft.title || ''; }
    var intro = root.querySelector('textarea[name="intro"]');
    if (intro.value !== (draft.intro || '')) { intro.value = draft.intro || ''; }
    var list = root.querySelector('.lesson-slides');
    var existing = {};
    Array.prototype.forEach.call(list.children, function (li) { existing[li.getAttribute('data-slide-event')] = li; });
    draft.slides.forEach(function (slide, index) {
      var li = existing[slide.event] || slideItem(slide.event);
      delete existing[slide.event];
      if (list.children[index] !== li) { list.insertBefore(li, list.children[index] || null); }
      fillSlide(li, slide, index + 1);
    });
    Object.keys(existing).forEach(function (eventId) { existing[eventId].remove(); });
    root.querySelector('.lesson-count').textContent = '(' + number(draft.slides.length) + ')';
    root.querySelector('.lesson-empty').hidden = draft.slides.length > 0;
    markFound();
    usable();
  }

  // With no slide, or with problems the server found, nothing can be presented, printed or shared: the
  // buttons are disabled for real (a link loses its href) and the reason stands beside them.
  function usable() {
    var root = builder.root;
    var empty = !builder.draft.slides.length;
    var checked = builder.checked && builder.checked.version === builder.version ? builder.checked : null;
    var refused = !empty && !!checked && checked.refused;
    var off = empty || refused;
    var reason = root.querySelector('.lesson-use-reason');
    reason.textContent = empty ? builder.text.needSlide : (refused ? builder.text.fixFirst : '');
    reason.hidden = !off;
    root.querySelectorAll('.lesson-use a[data-action], .lesson-use button:not([data-action="copy-link"])').forEach(function (control) {
      if (off) { control.setAttribute('aria-describedby', reason.id); } else { control.removeAttribute('aria-describedby'); }
      if (control.tagName === 'BUTTON') { control.disabled = off; return; }
      if (off) { control.removeAttribute('href'); } else { control.setAttribute('href', control.getAttribute('data-href') || '#'); }
      if (off) { control.setAttribute('aria-disabled', 'true'); } else { control.removeAttribute('aria-disabled'); }
    });
  }

  // -- Starting: one of the collection's lessons, or events found by a search (web/pages/lesson_start.py)

  function searchEvents(form) {
    var input = form.querySelector('input[name="lesson-search"]');
    var said = builder.root.querySelector('.lesson-found-said');
    var asked = (builder.asked || 0) + 1;
    builder.asked = asked;
    var query = new URLSearchParams({ collection: builder.key || '', q: input.value });
    fetch(form.getAttribute('data-search') + '?' + query.toString(), { credentials: 'same-origin' })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          answer.status = response.status;
          return answer;
        });
      })
      .then(function (answer) {
        if (asked !== builder.asked) { return; } // a later search is on its way
        if (answer.status !== 200) {
          said.textContent = (answer.problems && answer.problems[0]) || fill(builder.text.failed, { status: answer.status });
          showFound([]);
          return;
        }
        Object.keys(answer.events || {}).forEach(function (id) { builder.events[id] = answer.events[id]; });
        said.textContent = answer.said || '';
        showFound(answer.found || []);
      }, function () { if (asked === builder.asked) { said.textContent = builder.text.offline; } });
  }

  // The events found, made once per search; markFound then keeps each one's button in step with the lesson.
  function showFound(found) {
    var list = builder.root.querySelector('.lesson-found');
    list.textContent = '';
    found.forEach(function (eventId) {
      var card = builder.events[eventId];
      if (!card) { return; }
      var li = element('li', 'lesson-found-item');
      li.setAttribute('data-found-event', eventId);
      var what = element('span', 'lesson-found-what');
      what.appendChild(element('bdi', 'lesson-found-date', card.date));
      var title = element('span', 'lesson-found-title', card.title);
      title.dir = 'auto';
      what.appendChild(title);
      var button = element('button', 'button lesson-add-found');
      button.type = 'button';
      button.setAttribute('data-action', 'add-found');
      button.setAttribute('data-event', eventId);
      li.appendChild(what);
      li.appendChild(button);
      list.appendChild(li);
    });
    markFound();
  }

  function markFound() {
    var text = builder.text;
    builder.root.querySelectorAll('.lesson-found [data-found-event]').forEach(function (li) {
      var eventId = li.getAttribute('data-found-event');
      var on = has(builder.draft, eventId);
      var card = builder.events[eventId] || { title: eventId };
      var button = li.querySelector('[data-action="add-found"]');
      li.classList.toggle('in-lesson', on);
      button.textContent = on ? text.inLesson : text.add;
      button.setAttribute('aria-label', fill(on ? text.inLessonNamed : text.addNamed, { title: card.title }));
      if (on) { button.setAttribute('aria-disabled', 'true'); } else { button.removeAttribute('aria-disabled'); }
    });
  }

  function addFound(eventId) {
    if (has(builder.draft, eventId)) { return; }
    if (builder.draft.slides.length >= builder.text.maxSlides) {
      say(fill(builder.text.full, { limit: number(builder.text.maxSlides) }));
      return;
    }
    builder.draft.slides.push({ event: eventId });
    changed(true);
    var card = builder.events[eventId] || { title: eventId };
    var total = builder.draft.slides.length;
    say(fill(builder.text.added, { title: card.title, n: number(total), total: number(total) }));
  }

  // After any change: keep it, show it, and (a moment later) check it and make its link again.
  function changed(redraw) {
    builder.version += 1;
    if (!save(builder.draft)) { say(builder.text.notSaved); }
    if (redraw) { render(); }
    builder.root.querySelector('.lesson-share').hidden = true;
    builder.root.querySelector('.lesson-too-long').hidden = true;
    clearTimeout(builder.timer);
    builder.timer = setTimeout(refresh, 350);
  }

  function check() {
    var version = builder.version;
    builder.checking = post(builder.checkUrl, { collection: builder.key, draft: linkData(builder.draft, true) })
      .then(function (answer) {
        if (answer.status !== 200) {
          var said = answer.problems && answer.problems.length ? answer.problems : [fill(builder.text.failed, { status: answer.status })];
          return { ok: false, problems: said, version: version };
        }
        Object.keys(answer.events || {}).forEach(function (id) { builder.events[id] = answer.events[id]; });
        builder.draft.slides.forEach(function (slide) {
          builder.unknown[slide.event] = !(answer.events || {})[slide.event];
        });
        return { ok: answer.ok, refused: !answer.ok, problems: answer.problems || [], version: version };
      }, function () {
        return { ok: false, problems: [builder.text.offline], version: version };
      })
      .then(function (result) {
        if (version === builder.version) {
          builder.checked = result;
          showProblems(result.ok ? [] : result.problems);
          render();
        }
        return result;
      });
    return builder.checking;
  }

  // The two links' payloads for this version of the lesson: the speaker's (notes) and the class's (none).
  function payloads() {
    var version = builder.version;
    if (builder.payloads && builder.payloads.version === version) { return Promise.resolve(builder.payloads); }
    return Promise.all([encode(linkData(builder.draft, true)), encode(linkData(builder.draft, false))])
      .then(function (made) {
        var result = { version: version, speaker: made[0], pupils: made[1] };
        if (version === builder.version) {
          builder.payloads = result;
          builder.root.querySelector('[data-action="present"]').setAttribute('data-href', builder.links.present + made[0]);
          builder.root.querySelector('[data-action="quiz"]').setAttribute('data-href', builder.links.quiz + made[1]);
          usable();
        }
        return result;
      });
  }

  function refresh() { check(); payloads(); }

  // Whether the lesson as it is now has no problem (checked again if it changed since).
  function ready() {
    var fresh = builder.checked && builder.checked.version === builder.version;
    var checked = fresh ? Promise.resolve(builder.checked) : check();
    return checked.then(function (result) {
      if (!result.ok) {
        showProblems(result.problems);
        var box = builder.root.querySelector('.lesson-problems');
        if (box.scrollIntoView) { box.scrollIntoView({ block: 'nearest' }); }
      }
      return result.ok;
    });
  }

  function absolute(href) { return window.location.origin + href; }

  function share() {
    ready().then(function (ok) {
      if (!ok) { return null; }
      return payloads();
    }).then(function (made) {
      if (!made) { return; }
      var root = builder.root;
      var limit = builder.text.limit;
      var urls = { 'class': absolute(builder.links['class'] + made.pupils), speaker: absolute(builder.links.present + made.speaker) };
      var tooLong = 0;
      root.querySelectorAll('[data-share-for]').forEach(function (link) {
        var url = urls[link.getAttribute('data-share-for')];
        var fits = url.length <= limit;
        link.closest('.lesson-share-item').hidden = !fits;
        link.setAttribute('data-share-url', fits ? url : '');
        link.href = fits ? url : '#';
        link.textContent = fits ? url : '';
        if (!fits) { tooLong = Math.max(tooLong, url.length); }
      });
      root.querySelector('.lesson-share').hidden = false;
      var warning = root.querySelector('.lesson-too-long');
      warning.hidden = !tooLong;
      warning.textContent = tooLong ? fill(builder.text.tooLong, { n: number(tooLong), limit: number(limit) }) : '';
    });
  }

  function copy(button) {
    var link = button.closest('.lesson-share-item').querySelector('[data-share-url]');
    var url = link.getAttribute('data-share-url');
    function done() { say(builder.text.copied); }
    function fallback() {
      // Over plain http on a classroom's network the clipboard API is not offered: select and copy.
      var area = document.createElement('textarea');
      area.value = url;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); done(); } catch (e) { /* the link is there to select by hand */ }
      area.remove();
    }
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(url).then(done, fallback); }
    else { fallback(); }
  }

  // A form of the builder (handout, lesson file, YAML) is sent with the lesson as it is now.
  function fields(form, values) {
    Object.keys(values).forEach(function (name) {
      var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
      if (!input) {
        input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        form.appendChild(input);
      }
      input.value = values[name];
    });
  }

  function submitFromBuilder(form) {
    ready().then(function (ok) { return ok ? payloads() : null; }).then(function (made) {
      if (!made) { return; }
      var values = { link: made.speaker, collection: builder.key };
      form.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        values[box.name] = box.checked ? '1' : '';
      });
      fields(form, values);
      form.setAttribute('data-sent', String(made.version));
      form.submit();
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (builder && form.classList && form.classList.contains('lesson-search') && builder.root.contains(form)) {
      event.preventDefault();
      searchEvents(form);
      return;
    }
    if (!form.classList || !form.classList.contains('lesson-form') || !form.closest('#react-entry-point')) { return; }
    if (builder && builder.root.contains(form)) {
      event.preventDefault();
      submitFromBuilder(form);
      return;
    }
    // Elsewhere (the slides of a link), the form carries its lesson already.
    fields(form, { link: form.getAttribute('data-link') || '', collection: form.getAttribute('data-collection') || '' });
  });

  // Open a lesson sent as a link's payload, or as YAML: it replaces the draft, which can be brought back.
  function open(request, name) {
    return post(builder.checkUrl, Object.assign({ collection: builder.key }, request)).then(function (answer) {
      if (answer.status !== 200 || !answer.ok) {
        showProblems(answer.problems && answer.problems.length ? answer.problems :
          [fill(builder.text.failed, { status: answer.status })], builder.text.notOpened);
        return;
      }
      var before = builder.draft;
      var lesson = answer.lesson;
      lesson.collection = builder.collection;
      lesson.title = lesson.title || '';
      lesson.intro = lesson.intro || '';
      lesson.slides = lesson.slides.map(function (s) { return typeof s === 'string' ? { event: s } : s; });
      Object.keys(answer.events || {}).forEach(function (id) { builder.events[id] = answer.events[id]; });
      builder.draft = lesson;
      builder.unknown = {};
      changed(true);
      say(fill(builder.text.opened, { title: lesson.title || name || '' }), before.slides.length ? before : null);
    }, function () { showProblems([builder.text.offline]); });
  }

  function openFile(file) {
    if (!file) { return; }
    if (file.size > 5000000) { showProblems([fill(builder.text.tooBig, { file: file.name })], builder.text.notOpened); return; }
    file.text().then(function (content) {
      var html = /\.html?$/i.test(file.name) || /^\s*<(!doctype|html)/i.test(content);
      if (!html) { open({ yaml: content, name: file.name }, file.name); return; }
      var doc = new DOMParser().parseFromString(content, 'text/html');
      var block = doc.getElementById('lesson-source');
      if (!block) { showProblems([fill(builder.text.notLesson, { file: file.name })], builder.text.notOpened); return; }
      open({ yaml: block.textContent, name: file.name }, file.name);
    });
  }

  // The page's inputs, made here in their slots (.lesson-field): data-field is the name, data-type the
  // type, and data-maxlength, data-accept, data-value, data-dir their attributes.
  function makeInputs(root) {
    root.querySelectorAll('.lesson-field[data-field]').forEach(function (slot) {
      if (slot.firstChild) { return; }
      var input = document.createElement('input');
      input.type = slot.getAttribute('data-type') || 'text';
      input.name = slot.getAttribute('data-field');
      input.className = 'lesson-' + input.type + '-input';
      ['maxlength', 'accept', 'value', 'dir'].forEach(function (attribute) {
        if (slot.hasAttribute('data-' + attribute)) { input.setAttribute(attribute, slot.getAttribute('data-' + attribute)); }
      });
      slot.appendChild(input);
    });
  }

  function startBuilder(root) {
    var collection = root.getAttribute('data-lesson-collection');
    var links = {};
    try { links = JSON.parse(root.getAttribute('data-links') || '{}'); } catch (e) { links = {}; }
    builder = {
      root: root,
      collection: collection,
      key: root.getAttribute('data-collection-key') || null,
      checkUrl: root.getAttribute('data-check'),
      links: links,
      lineage: root.getAttribute('data-lineage') === '1',
      text: textsOf(root),
      draft: load(collection),
      events: {},
      unknown: {},
      version: 0,
      checked: null,
      payloads: null,
      timer: null
    };
    root.setAttribute('data-ready', 'true');
    makeInputs(root);
    render();
    var linked = fragmentLesson();
    if (linked) {
      // A link opened in the builder: its lesson, to adapt. The fragment goes, so a reload keeps the draft.
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      open({ link: linked }, '');
    }
    if (builder.draft.slides.length || builder.draft.title) { refresh(); } else { payloads(); }
  }

  function builderRoot() {
    var root = live('#lesson-builder');
    if (builder && builder.root !== root) { builder = null; }
    if (root && !builder) { startBuilder(root); }
    return builder;
  }

  document.addEventListener('input', function (event) {
    if (!builder || !builder.root.contains(event.target)) { return; }
    var target = event.target;
    if (target.name === 'lesson-title') { builder.draft.title = target.value; changed(false); }
    else if (target.name === 'intro') { builder.draft.intro = target.value; changed(false); }
    else if (target.name === 'notes') {
      var li = target.closest('.lesson-slide');
      var slide = slideOf(li.getAttribute('data-slide-event'));
      slide.notes = target.value;
      li.querySelector('.lesson-notes-count').textContent =
        fill(builder.text.notesCount, { n: number(target.value.length), limit: number(builder.text.maxNotes) });
      changed(false);
    }
  });

  document.addEventListener('change', function (event) {
    if (!builder || !builder.root.contains(event.target)) { return; }
    var target = event.target;
    if (target.getAttribute('data-action') === 'show-lineage') {
      var slide = slideOf(target.closest('.lesson-slide').getAttribute('data-slide-event'));
      if (target.checked) { slide.show = 'lineage'; } else { delete slide.show; }
      changed(false);
    } else if (target.type === 'file') {
      openFile(target.files && target.files[0]);
      target.value = '';
    }
  });

  document.addEventListener('click', function (event) {
    if (!builder) { return; }
    var control = event.target.closest && event.target.closest('[data-action]');
    if (!control || !builder.root.contains(control)) { return; }
    var action = control.getAttribute('data-action');
    if (action === 'remove-slide') {
      var li = control.closest('.lesson-slide');
      var eventId = li.getAttribute('data-slide-event');
      var before = JSON.parse(JSON.stringify(builder.draft));
      var next = li.nextElementSibling || li.previousElementSibling;
      builder.draft.slides = builder.draft.slides.filter(function (s) { return s.event !== eventId; });
      changed(true);
      var card = builder.events[eventId];
      say(fill(builder.text.removed, { title: card ? card.title : eventId }), before);
      (next || builder.root.querySelector('input[name="lesson-title"]')).focus();
    } else if (action === 'clear-lesson') {
      var kept = builder.draft;
      builder.draft = emptyDraft(builder.collection);
      changed(true);
      say(builder.text.cleared, kept.slides.length || kept.title ? kept : null);
    } else if (action === 'share-link') {
      share();
    } else if (action === 'copy-link') {
      copy(control);
    } else if (action === 'start-from') {
      // The button goes with the empty builder: focus moves to the first slide of the copy.
      open({ link: control.getAttribute('data-lesson-link') }, '').then(function () {
        var first = builder.root.querySelector('.lesson-slide');
        var lost = document.activeElement === document.body || control.contains(document.activeElement);
        if (first && lost) { first.focus(); }
      });
    } else if (action === 'add-found') {
      addFound(control.getAttribute('data-event'));
    } else if (action === 'present' || action === 'quiz') {
      event.preventDefault();
      if (control.getAttribute('aria-disabled') === 'true') { return; }
      ready().then(function (ok) { return ok ? payloads() : null; }).then(function (made) {
        if (made) { window.location.assign(action === 'present' ? builder.links.present + made.speaker : builder.links.quiz + made.pupils); }
      });
    }
  });

  // The builder's slides are reordered by assets/reorder.js; the draft follows the list.
  (window.timelineReorderLists = window.timelineReorderLists || []).push({
    list: '#lesson-builder .lesson-slides',
    item: '.lesson-slide',
    moved: function (item) {
      var order = Array.prototype.map.call(item.parentNode.children, function (li) {
        return li.getAttribute('data-slide-event');
      });
      var byId = {};
      builder.draft.slides.forEach(function (s) { byId[s.event] = s; });
      builder.draft.slides = order.map(function (id) { return byId[id]; }).filter(Boolean);
      changed(true);
      var card = builder.events[item.getAttribute('data-slide-event')];
      builder.root.querySelector('.lesson-sr').textContent = fill(builder.text.moved, {
        title: card ? card.title : item.getAttribute('data-slide-event'),
        position: number(order.indexOf(item.getAttribute('data-slide-event')) + 1),
        total: number(order.length)
      });
    }
  });

  // A file dropped anywhere on the builder opens it (the file input is there for a keyboard or a phone).
  document.addEventListener('dragover', function (event) {
    if (builder && builder.root.contains(event.target) && event.dataTransfer &&
        Array.prototype.indexOf.call(event.dataTransfer.types || [], 'Files') >= 0) { event.preventDefault(); }
  });
  document.addEventListener('drop', function (event) {
    if (!builder || !builder.root.contains(event.target) || !event.dataTransfer || !event.dataTransfer.files.length) { return; }
    event.preventDefault();
    openFile(event.dataTransfer.files[0]);
  });

  // Another tab changed the draft (an event added in the explorer): follow it.
  window.addEventListener('storage', function (event) {
    if (!event.key || event.key.indexOf(PREFIX) !== 0) { return; }
    syncExplorer();
    if (builder && event.key === PREFIX + builder.collection) {
      builder.draft = load(builder.collection);
      builder.version += 1;
      render();
      refresh();
    }
  });

  // Dash draws pages after this script runs, and redraws parts of them: follow the page.
  var pending = false;
  function follow() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      builderRoot();
      syncExplorer();
    });
  }
  function ours(records) {
    // A graph's hover and redraws change the page constantly and never a control of the lesson's.
    return records.some(function (record) {
      return !(record.target.closest && record.target.closest('.js-plotly-plot'));
    });
  }
  if (window.MutationObserver) {
    new MutationObserver(function (records) { if (ours(records)) { follow(); } })
      .observe(document.documentElement, { childList: true, subtree: true });
  }
  follow();

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline_lesson: {
      // /present?shared=1, /quiz?shared=1: the lesson in the link's fragment, for the server to draw.
      fromHash: function () { return fragmentLesson(); }
    }
  });
  window.timelineLesson = { encode: encode, linkData: linkData, load: load };
})();
