// The ordering quiz (/quiz and the lesson file). Cards are moved by their ↑ ↓ buttons, by dragging (mouse,
// or touch on the handle) or, on a focused card, by Alt+ArrowUp / Alt+ArrowDown (assets/reorder.js); Check decodes the answers (shipped encoded in data-answers, see
// timeline/formats/quiz.py), marks each card data-result="right|wrong" and only then shows its date and quote.
// Everything runs in the page: nothing is sent anywhere.
// The sentences it writes come from the quiz's data-text (JSON templates in the reader's language, made by
// timeline/web/components/quiz.py, quiz_text); without it, or for a key it lacks, from ENGLISH below.
(function () {
  var ENGLISH = {
    right: 'Right.',
    rightOverlap: 'Right. The source dates this only to {span}, which overlaps {names}: either may come first.',
    moveUp: 'Move it up: the source dates it ({span}) before {names}.',
    moveDown: 'Move it down: the source dates it ({span}) after {names}.',
    noOrder: 'Not in a possible order with the cards around it ({span}).',
    markRight: '✓ right',
    markWrong: '✗ wrong',
    score: '{right} of {total} in a possible order',
    moved: '“{title}” is now {position} of {total}.',
    title: '“{title}”',
    titleSpan: '“{title}” ({span})',
    two: '{first} and {second}',
    three: '{first}, {second} and {rest}',
    more: '{n} more'
  };

  function texts(quiz) {
    if (!quiz.timelineTexts) {
      var given = {};
      try { given = JSON.parse(quiz.getAttribute('data-text') || '{}') || {}; } catch (error) { given = {}; }
      quiz.timelineTexts = given;
    }
    return quiz.timelineTexts;
  }

  // The template `key` in the quiz's language with its {name} slots filled from `values`, in one pass (so a
  // title holding '{span}' stays as it is). 'more' is a table by count (plural forms differ by language).
  function say(quiz, key, values) {
    var given = texts(quiz)[key];
    if (key === 'more') { given = given && given[String(values.n)]; }
    var template = typeof given === 'string' ? given : ENGLISH[key];
    return template.replace(/\{(\w+)\}/g, function (slot, name) {
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : slot;
    });
  }

  // The rule of timeline/formats/quiz.py, possible_order_marks: the largest set of cards already in an order the
  // date intervals allow is right (ties: the set holding cards higher up the list). intervals: [[earliest,
  // latest], ...] in the placed order; returns one boolean per card.
  function possibleOrderMarks(intervals) {
    var count = intervals.length;
    var memo = {};
    function best(k, floor) {
      if (k === count) { return 0; }
      var key = k + ':' + floor;
      if (key in memo) { return memo[key]; }
      var result = best(k + 1, floor);
      var earliest = intervals[k][0], latest = intervals[k][1];
      if (floor === null || floor <= latest) {
        result = Math.max(result, 1 + best(k + 1, floor === null ? earliest : Math.max(floor, earliest)));
      }
      memo[key] = result;
      return result;
    }
    var marks = [];
    var floor = null;
    for (var k = 0; k < count; k++) {
      var raised = floor === null ? intervals[k][0] : Math.max(floor, intervals[k][0]);
      var keep = (floor === null || floor <= intervals[k][1]) && 1 + best(k + 1, raised) >= best(k + 1, floor);
      marks.push(keep);
      if (keep) { floor = raised; }
    }
    return marks;
  }

  function decode(quiz) {
    var mixed = atob(quiz.getAttribute('data-answers'));
    var key = atob(quiz.getAttribute('data-key'));
    var bytes = new Uint8Array(mixed.length);
    for (var i = 0; i < mixed.length; i++) { bytes[i] = mixed.charCodeAt(i) ^ key.charCodeAt(i % key.length); }
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  }

  function cards(quiz) { return Array.prototype.slice.call(quiz.querySelectorAll('.quiz-card')); }
  function list(quiz) { return quiz.querySelector('.quiz-cards'); }

  function clearResults(quiz) {
    cards(quiz).forEach(function (card) {
      card.removeAttribute('data-result');
      card.querySelector('.quiz-reveal').textContent = '';
      card.querySelector('.quiz-mark').textContent = '';
    });
    quiz.querySelector('.quiz-score').textContent = '';
    quiz.classList.remove('checked');
  }

  function shuffle(quiz) {
    var all = cards(quiz);
    for (var i = all.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = all[i]; all[i] = all[j]; all[j] = swap;
    }
    var ol = list(quiz);
    all.forEach(function (card) { ol.appendChild(card); });
    clearResults(quiz);
  }

  function announce(quiz, text) {
    var live = quiz.querySelector('.quiz-sr');
    if (live) { live.textContent = text; }
  }

  function moved(quiz, card) {
    // Marks of an order that has changed would mislead: they go until the next Check.
    if (quiz.classList.contains('checked')) { clearResults(quiz); }
    var all = cards(quiz);
    announce(quiz, say(quiz, 'moved', {
      title: card.getAttribute('aria-label'), position: all.indexOf(card) + 1, total: all.length
    }));
  }

  // '“A”', '“A” and “B”', '“A”, “B” and 2 more'; withSpan: '“A” (2012–2014)'.
  function names(quiz, answers, ids, withSpan) {
    var shown = ids.slice(0, 2).map(function (id) {
      var values = { title: answers[id].title, span: answers[id].span };
      return say(quiz, withSpan ? 'titleSpan' : 'title', values);
    });
    if (shown.length === 1) { return shown[0]; }
    if (ids.length === 2) { return say(quiz, 'two', { first: shown[0], second: shown[1] }); }
    var rest = say(quiz, 'more', { n: ids.length - 2 });
    return say(quiz, 'three', { first: shown[0], second: shown[1], rest: rest });
  }

  function paragraph(className, text, auto) {
    var p = document.createElement('p');
    p.className = className;
    p.textContent = text;
    // The quote and its citation are the source's own words, in its language: dir="auto" keeps an English
    // quote the right way round on an Arabic page.
    if (auto) { p.setAttribute('dir', 'auto'); }
    return p;
  }

  function check(quiz) {
    var answers = decode(quiz);
    var placed = cards(quiz);
    var ids = placed.map(function (card) { return card.getAttribute('data-event'); });
    var intervals = ids.map(function (id) { return [answers[id].earliest, answers[id].latest]; });
    var marks = possibleOrderMarks(intervals);
    var right = 0;
    placed.forEach(function (card, k) {
      var me = intervals[k];
      var answer = answers[ids[k]];
      var why;
      if (marks[k]) {
        right += 1;
        // The cards it may swap with (dates that overlap), the nearest in the student's list first.
        var near = ids.map(function (other, j) { return j; }).filter(function (j) {
          return j !== k && intervals[j][0] <= me[1] && me[0] <= intervals[j][1];
        }).sort(function (a, b) { return Math.abs(a - k) - Math.abs(b - k) || a - b; });
        var either = near.map(function (j) { return ids[j]; });
        if (either.length) {
          why = say(quiz, 'rightOverlap', { span: answer.span, names: names(quiz, answers, either, true) });
        } else {
          why = say(quiz, 'right', {});
        }
      } else {
        // A right card this one contradicts: above it but certainly later, or below it but certainly earlier.
        var later = ids.filter(function (other, j) { return j < k && marks[j] && intervals[j][0] > me[1]; });
        var earlier = ids.filter(function (other, j) { return j > k && marks[j] && intervals[j][1] < me[0]; });
        if (later.length) {
          why = say(quiz, 'moveUp', { span: answer.span, names: names(quiz, answers, later) });
        } else if (earlier.length) {
          why = say(quiz, 'moveDown', { span: answer.span, names: names(quiz, answers, earlier) });
        } else {
          why = say(quiz, 'noOrder', { span: answer.span });
        }
      }
      card.setAttribute('data-result', marks[k] ? 'right' : 'wrong');
      card.querySelector('.quiz-mark').textContent = say(quiz, marks[k] ? 'markRight' : 'markWrong', {});
      var reveal = card.querySelector('.quiz-reveal');
      reveal.textContent = '';
      reveal.appendChild(paragraph('quiz-date', answer.date + ' · ' + answer.normalised));
      reveal.appendChild(paragraph('quiz-why', why));
      reveal.appendChild(paragraph('quiz-quote', '“' + answer.quote + '”', true));
      reveal.appendChild(paragraph('quiz-citation', '— ' + answer.citation, true));
    });
    quiz.classList.add('checked');
    quiz.querySelector('.quiz-score').textContent = say(quiz, 'score', { right: right, total: placed.length });
  }

  function init(quiz) {
    // The app's first response carries a plain copy of the page that the live one replaces: leave it be.
    if (quiz.hasAttribute('data-ready') || quiz.closest('#static-page')) { return; }
    quiz.setAttribute('data-ready', 'true');
    shuffle(quiz);
  }

  function initAll() {
    document.querySelectorAll('.quiz[data-answers]:not([data-ready])').forEach(init);
  }

  document.addEventListener('click', function (event) {
    var control = event.target.closest && event.target.closest('.quiz [data-action]');
    if (!control) { return; }
    var quiz = control.closest('.quiz');
    var action = control.getAttribute('data-action');
    if (action === 'check') { check(quiz); }
    else if (action === 'shuffle') { shuffle(quiz); }
  });

  // Moving a card (buttons, Alt+arrows, mouse or touch drag) is assets/reorder.js's; after each move the
  // old marks go and the new place is announced.
  (window.timelineReorderLists = window.timelineReorderLists || []).push({
    list: '.quiz-cards',
    item: '.quiz-card',
    moved: function (card) { moved(card.closest('.quiz'), card); }
  });

  window.timelineQuiz = { possibleOrderMarks: possibleOrderMarks, check: check, shuffle: shuffle };

  // The lesson file has the quiz from the start; in the app, Dash renders it later.
  initAll();
  if (window.MutationObserver) {
    new MutationObserver(initAll).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
