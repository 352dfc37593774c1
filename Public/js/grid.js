/* hoso — the assessment book's entry grids (form[data-live-grid]). The page works without this
   file: the form posts the whole grid. With it:
   - each pupil's line is saved a moment after it is typed, with the version it was typed on;
     the server refuses a line another device saved meanwhile, and the row shows both values;
   - what is not yet saved is kept in this browser (localStorage) and sent again when the
     connection returns, after a reload too;
   - another device's changes appear within seconds;
   - arrow keys and Enter move between cells, a column pasted from Excel fills the column,
     the totals under the grid follow;
   - on a phone, one pupil at a time with big buttons for the levels.
   ES5 on purpose, like hoso.js. No globals. */
(function () {
  'use strict';

  var doc = document;
  var form = doc.querySelector('form[data-live-grid]');
  if (!form || !window.XMLHttpRequest || !window.JSON) return;

  var SAVE_AFTER_MS = 600;
  var POLL_MS = 10000;
  var url = form.getAttribute('action');
  var key = 'hoso-grid-' + form.getAttribute('data-live-grid');
  var csrfField = form.querySelector('input[name=_csrf]');
  var status = doc.getElementById('grid-status');
  var table = form.querySelector('table');
  var rows = [];
  var byPupil = {};
  var pending = {};
  var inflight = false;
  var again = false;
  var timer = null;
  var failures = 0;
  var stopped = '';

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function count(o) { var n = 0; for (var k in o) if (own(o, k)) n++; return n; }

  function fields(tr) {
    return Array.prototype.filter.call(tr.querySelectorAll('input[name], select[name], textarea[name]'), function (el) {
      return el.type !== 'hidden';
    });
  }

  function values(tr) {
    var v = {};
    each(fields(tr), function (el) { v[el.name] = el.value; });
    return v;
  }

  function same(a, b) {
    for (var k in a) if (own(a, k) && (a[k] || '') !== (b[k] || '')) return false;
    for (k in b) if (own(b, k) && (a[k] || '') !== (b[k] || '')) return false;
    return true;
  }

  function setValues(tr, v) {
    each(fields(tr), function (el) { if (own(v, el.name)) el.value = v[el.name]; });
  }

  /* ---- Keeping what is typed ---- */

  function store() {
    try {
      if (count(pending) === 0) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(pending));
    } catch (e) { /* private mode or full: the next save still sends it */ }
  }

  /* Lines typed on this device and not saved come back from the store. A page that shows an
     upload's or a refused form's values (rows with data-unsaved) keeps those instead: they are
     what the teacher just sent, held until Lưu. */
  function restore() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || 'null');
      if (saved && typeof saved === 'object') pending = saved;
    } catch (e) { pending = {}; }
    for (var p in pending) {
      if (!own(pending, p)) continue;
      var row = byPupil[p];
      if (!row || pending[p].held || row.hasAttribute('data-unsaved')) { delete pending[p]; continue; }
      setValues(byPupil[p], pending[p].fields);
      mark(p);
    }
  }

  function say(kind, text) {
    if (!status) return;
    status.hidden = false;
    status.className = 'grid-status ' + kind;
    status.textContent = text;
  }

  function unsent() {
    var n = 0;
    for (var p in pending) if (own(pending, p) && !pending[p].conflict) n++;
    return n;
  }

  function mark(p) {
    var tr = byPupil[p];
    var entry = pending[p];
    tr.classList.toggle('row-pending', !!entry && !entry.conflict && !entry.problem);
    tr.classList.toggle('row-conflict', !!(entry && entry.conflict));
    tr.classList.toggle('row-error', !!(entry && entry.problem));
    var note = tr.querySelector('.grid-note');
    var text = entry && entry.problem ? entry.problem : '';
    if (!note && (text || (entry && entry.conflict))) {
      note = doc.createElement('div');
      note.className = 'grid-note';
      note.setAttribute('role', 'alert');
      tr.querySelector('th').appendChild(note);
    }
    if (!note) return;
    note.textContent = text;
    if (entry && entry.conflict) conflictNote(p, note);
    if (!text && !(entry && entry.conflict)) note.parentNode.removeChild(note);
  }

  /* The values of a line in the row's column order, as a sentence part ending without a stop. */
  function describe(tr, v) {
    var parts = [];
    each(fields(tr), function (el) { if (v[el.name]) parts.push(v[el.name]); });
    return parts.length ? parts.join(' · ').replace(/[.!?…]+$/, '') : '(trống)';
  }

  function conflictNote(p, note) {
    var c = pending[p].conflict;
    note.textContent = 'Máy khác' + (c.by ? ' (' + c.by + ')' : '') + ' đã lưu: ' + describe(byPupil[p], c.fields) +
      '. Bạn đã nhập: ' + describe(byPupil[p], pending[p].fields) + '. ';
    var mine = doc.createElement('button');
    mine.type = 'button';
    mine.className = 'button small';
    mine.textContent = 'Giữ bản của tôi';
    mine.addEventListener('click', function () {
      pending[p].base = c.version;
      delete pending[p].conflict;
      byPupil[p].setAttribute('data-version', c.version);
      mark(p); store(); flush(true);
    });
    var theirs = doc.createElement('button');
    theirs.type = 'button';
    theirs.className = 'button small secondary';
    theirs.textContent = 'Dùng bản đã lưu';
    theirs.addEventListener('click', function () {
      setValues(byPupil[p], c.fields);
      byPupil[p].setAttribute('data-version', c.version);
      delete pending[p];
      mark(p); store(); totals(); report();
    });
    note.appendChild(mine);
    note.appendChild(doc.createTextNode(' '));
    note.appendChild(theirs);
  }

  function edited(tr) {
    var p = tr.getAttribute('data-pupil');
    var entry = pending[p] || { base: Number(tr.getAttribute('data-version')) || 0 };
    entry.fields = values(tr);
    delete entry.problem;
    delete entry.held;
    pending[p] = entry;
    mark(p);
    store();
    totals();
    if (!stopped) say('info', 'Đang lưu…');
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { flush(false); }, SAVE_AFTER_MS);
  }

  function report() {
    var n = unsent();
    var conflicts = 0;
    for (var p in pending) if (own(pending, p) && pending[p].conflict) conflicts++;
    if (stopped) return say('error', stopped);
    if (conflicts) return say('error', conflicts + ' học sinh vừa được sửa trên máy khác: chọn bản giữ lại ở dòng tô đỏ.');
    if (n) return say('info', n + ' học sinh chưa lưu: kiểm tra rồi bấm Lưu.');
    say('success', 'Đã lưu lúc ' + new Date().toTimeString().slice(0, 5) + '. Những gì bạn nhập được lưu ngay khi gõ.');
  }

  /* ---- Talking to the server ---- */

  function request(method, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    xhr.setRequestHeader('Accept', 'application/json');
    if (body) xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    xhr.timeout = 15000;
    xhr.onload = function () {
      var state = null;
      try { state = JSON.parse(xhr.responseText); } catch (e) { state = null; }
      done(xhr.status, state);
    };
    xhr.onerror = xhr.ontimeout = function () { done(0, null); };
    xhr.send(body);
  }

  function flush(all) {
    if (inflight) { again = true; return; }
    var sent = {};
    var body = ['_csrf=' + encodeURIComponent(csrfField ? csrfField.value : '')];
    for (var p in pending) {
      if (!own(pending, p)) continue;
      var entry = pending[p];
      if (entry.conflict || ((entry.held || entry.problem) && !all)) continue;
      sent[p] = entry.fields;
      body.push('base-' + p + '=' + entry.base);
      for (var name in entry.fields) {
        if (own(entry.fields, name)) body.push(encodeURIComponent(name) + '=' + encodeURIComponent(entry.fields[name]));
      }
    }
    if (count(sent) === 0) return report();
    inflight = true;
    request('POST', body.join('&'), function (code, state) {
      inflight = false;
      if ((code === 200 || code === 422) && state && state.lines) {
        failures = 0;
        apply(state, sent, code === 200);
      } else if (code === 403 || code === 401) {
        retry('Phiên làm việc đã hết hoặc bạn đã đăng xuất. Đăng nhập lại ở một thẻ khác; những gì bạn nhập vẫn được giữ trên máy này.');
      } else {
        retry('Mất kết nối. ' + unsent() + ' học sinh chưa gửi được giữ trên máy này; hoso tự gửi lại khi có mạng.');
      }
      if (again) { again = false; flush(false); }
    });
  }

  function retry(text) {
    failures++;
    say('error', text);
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { flush(false); }, Math.min(8000, 1000 * Math.pow(2, failures - 1)));
  }

  /* What the server answered to `sent`: saved lines take their new version (and leave the
     store unless typed over meanwhile); conflicting lines show both values; a refused save
     (`saved` false) writes nothing, so lines without a problem stay queued. */
  function apply(state, sent, saved) {
    var conflicts = {};
    each(state.conflicts || [], function (p) { conflicts[p] = true; });
    var general = [];
    for (var field in state.problems || {}) {
      if (!own(state.problems, field)) continue;
      var p = field.indexOf('pupil-') === 0 ? field.substr(6, 36) : '';
      if (p && pending[p]) pending[p].problem = state.problems[field];
      else general.push(state.problems[field]);
    }
    stopped = general.join(' ');
    for (p in sent) {
      if (!own(sent, p) || !pending[p]) continue;
      var line = state.lines[p];
      if (!line) continue;
      if (conflicts[p]) {
        pending[p].conflict = line;
      } else if (saved) {
        byPupil[p].setAttribute('data-version', line.version);
        if (same(pending[p].fields, sent[p])) delete pending[p];
        else pending[p].base = line.version;
      }
      mark(p);
    }
    store();
    report();
    if (!saved && !stopped && unsent()) again = true;
  }

  function poll() {
    if (inflight || doc.hidden) return;
    request('GET', null, function (code, state) {
      if (code !== 200 || !state || !state.lines) return;
      for (var p in state.lines) {
        if (!own(state.lines, p) || !byPupil[p] || pending[p]) continue;
        var tr = byPupil[p];
        var line = state.lines[p];
        if (Number(tr.getAttribute('data-version')) === line.version) continue;
        setValues(tr, line.fields);
        tr.setAttribute('data-version', line.version);
        tr.classList.add('row-changed');
        tr.title = 'Vừa được sửa trên máy khác' + (line.by ? ' (' + line.by + ')' : '');
        totals();
      }
    });
  }

  /* ---- Moving, pasting, totals ---- */

  function cellAt(r, c) {
    var tr = rows[r];
    return tr ? fields(tr)[c] : null;
  }

  function position(el) {
    var tr = el.closest ? el.closest('tr[data-pupil]') : null;
    if (!tr) return null;
    return { row: rows.indexOf(tr), col: fields(tr).indexOf(el) };
  }

  function focusCell(r, c) {
    var el = cellAt(r, c);
    if (!el) return false;
    if (form.classList.contains('one-at-a-time')) show(r);
    el.focus();
    if (el.select && el.tagName === 'INPUT') el.select();
    return true;
  }

  function choose(select, typed) {
    var wanted = typed.toUpperCase();
    if (wanted === 'D') wanted = 'Đ';
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value.toUpperCase() === wanted) {
        select.value = select.options[i].value;
        return true;
      }
    }
    return false;
  }

  form.addEventListener('keydown', function (event) {
    var at = position(event.target);
    if (!at || at.col < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    var el = event.target;
    var text = el.tagName === 'INPUT';
    var k = event.key;
    var moved = false;
    if (k === 'ArrowDown' || (k === 'Enter' && !event.shiftKey)) moved = focusCell(at.row + 1, at.col) || k === 'Enter';
    else if (k === 'ArrowUp' || (k === 'Enter' && event.shiftKey)) moved = focusCell(at.row - 1, at.col) || k === 'Enter';
    else if (k === 'ArrowLeft' && (!text || el.selectionStart === 0)) moved = focusCell(at.row, at.col - 1);
    else if (k === 'ArrowRight' && (!text || el.selectionEnd === el.value.length)) moved = focusCell(at.row, at.col + 1);
    else if (!text && k.length === 1 && choose(el, k)) { moved = true; edited(rows[at.row]); }
    else if (!text && (k === 'Backspace' || k === 'Delete')) { el.value = ''; moved = true; edited(rows[at.row]); }
    if (moved) event.preventDefault();
  });

  form.addEventListener('paste', function (event) {
    var at = position(event.target);
    var data = ((event.clipboardData && event.clipboardData.getData('text/plain')) || '').replace(/\r/g, '').replace(/\n$/, '');
    if (!at || at.col < 0 || !data || (event.target.tagName === 'INPUT' && !/[\t\n]/.test(data))) return;
    event.preventDefault();
    var lines = data.split('\n');
    var touched = [];
    var cells = 0;
    each(lines, function (line, i) {
      each(line.split('\t'), function (value, j) {
        var el = cellAt(at.row + i, at.col + j);
        if (!el) return;
        value = value.trim();
        if (el.tagName === 'SELECT') { if (!choose(el, value) && value === '') el.value = ''; } else el.value = value;
        cells++;
        if (touched.indexOf(rows[at.row + i]) < 0) touched.push(rows[at.row + i]);
      });
    });
    each(touched, edited);
    say('info', 'Đã dán ' + cells + ' ô vào ' + touched.length + ' học sinh; đang lưu…');
  });

  form.addEventListener('input', function (event) {
    var tr = event.target.closest ? event.target.closest('tr[data-pupil]') : null;
    if (tr && event.target.tagName !== 'SELECT') edited(tr);
  });
  form.addEventListener('change', function (event) {
    var tr = event.target.closest ? event.target.closest('tr[data-pupil]') : null;
    if (tr && event.target.tagName === 'SELECT') edited(tr);
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    event.stopPropagation();
    stopped = '';
    flush(true);
  });

  function totals() {
    var cells = table.querySelectorAll('tfoot [data-total]');
    if (!cells.length || !rows.length) return;
    var columns = fields(rows[0]).length;
    for (var c = 0; c < columns && c < cells.length; c++) {
      var tally = {};
      var filled = 0;
      var sum = 0;
      var numbers = 0;
      var first = cellAt(0, c);
      for (var r = 0; r < rows.length; r++) {
        var el = cellAt(r, c);
        if (!el || !el.value) continue;
        filled++;
        tally[el.value] = (tally[el.value] || 0) + 1;
        if (/^\d+$/.test(el.value)) { sum += Number(el.value); numbers++; }
      }
      var text;
      if (first.tagName === 'SELECT') {
        text = Array.prototype.map.call(first.options, function (o) { return o.value; }).filter(Boolean)
          .map(function (v) { return v + ': ' + (tally[v] || 0); }).join(' · ');
      } else if (first.getAttribute('inputmode') === 'numeric') {
        text = numbers ? 'TB ' + (sum / numbers).toFixed(1).replace('.', ',') + ' (' + numbers + ')' : '—';
      } else {
        text = filled + '/' + rows.length;
      }
      cells[c].textContent = text;
    }
  }

  /* ---- The comment bank: a tap inserts the phrase at the caret of the comment being typed ---- */

  var bank = doc.getElementById('phrase-bank');
  var lastComment = null;

  function isComment(el) {
    return el && el.tagName === 'INPUT' && el.type === 'text' && /^comment[-|]/.test(el.name || '');
  }

  form.addEventListener('focusin', function (event) {
    if (!bank || !isComment(event.target)) return;
    lastComment = event.target;
    bank.hidden = false;
  });

  if (bank) {
    bank.addEventListener('mousedown', function (event) { event.preventDefault(); }); // keep the caret where it is
    bank.addEventListener('click', function (event) {
      var button = event.target.closest ? event.target.closest('button[data-phrase]') : null;
      if (!button || !lastComment) return;
      var el = lastComment;
      var phrase = button.getAttribute('data-phrase');
      var start = typeof el.selectionStart === 'number' ? el.selectionStart : el.value.length;
      var end = typeof el.selectionEnd === 'number' ? el.selectionEnd : el.value.length;
      var before = el.value.slice(0, start);
      var after = el.value.slice(end);
      var glue = before && !/\s$/.test(before) ? ' ' : '';
      el.value = before + glue + phrase + (after && !/^\s/.test(after) ? ' ' : '') + after;
      var caret = (before + glue + phrase).length;
      el.focus();
      if (el.setSelectionRange) el.setSelectionRange(caret, caret);
      edited(el.closest('tr[data-pupil]'));
    });
  }

  /* ---- A phone: one pupil at a time ---- */

  var current = 0;
  var nav = null;

  function show(r) {
    current = Math.max(0, Math.min(rows.length - 1, r));
    each(rows, function (tr, i) { tr.classList.toggle('current', i === current); });
    if (nav) nav.label.textContent = (current + 1) + '/' + rows.length + ' · ' + rows[current].querySelector('th').firstChild.textContent;
  }

  function phone() {
    var narrow = window.matchMedia && window.matchMedia('(max-width: 40em)').matches;
    form.classList.toggle('one-at-a-time', !!narrow);
    if (!narrow || nav) return show(current);
    var bar = doc.createElement('div');
    bar.className = 'grid-nav';
    var prev = doc.createElement('button');
    prev.type = 'button';
    prev.className = 'button secondary';
    prev.textContent = '‹ Trước';
    var next = doc.createElement('button');
    next.type = 'button';
    next.className = 'button secondary';
    next.textContent = 'Sau ›';
    var label = doc.createElement('span');
    label.setAttribute('aria-live', 'polite');
    prev.addEventListener('click', function () { show(current - 1); });
    next.addEventListener('click', function () { show(current + 1); });
    bar.appendChild(prev); bar.appendChild(label); bar.appendChild(next);
    table.parentNode.parentNode.insertBefore(bar, table.parentNode);
    nav = { label: label };
    show(current);
  }

  function levelButtons() {
    each(rows, function (tr) {
      each(tr.querySelectorAll('select[name]'), function (select) {
        var group = doc.createElement('span');
        group.className = 'level-buttons';
        each(select.options, function (option) {
          if (!option.value) return;
          var b = doc.createElement('button');
          b.type = 'button';
          b.textContent = option.value;
          b.setAttribute('aria-label', (select.getAttribute('aria-label') || '') + ': ' + option.value);
          b.addEventListener('click', function () { select.value = option.value; edited(tr); pressed(group, select); });
          group.appendChild(b);
        });
        select.parentNode.appendChild(group);
        pressed(group, select);
        select.addEventListener('change', function () { pressed(group, select); });
      });
    });
  }

  function pressed(group, select) {
    each(group.childNodes, function (b) { b.setAttribute('aria-pressed', b.textContent === select.value ? 'true' : 'false'); });
  }

  /* ---- Start ---- */

  each(form.querySelectorAll('tbody tr[data-pupil]'), function (tr) {
    rows.push(tr);
    byPupil[tr.getAttribute('data-pupil')] = tr;
  });
  restore();
  var restored = unsent();
  each(rows, function (tr) {
    var p = tr.getAttribute('data-pupil');
    if (tr.hasAttribute('data-unsaved') && !pending[p]) {
      pending[p] = { base: Number(tr.getAttribute('data-version')) || 0, fields: values(tr), held: true };
      mark(p);
    }
  });
  store();
  levelButtons();
  totals();
  phone();
  if (window.matchMedia) {
    var query = window.matchMedia('(max-width: 40em)');
    if (query.addEventListener) query.addEventListener('change', phone);
  }
  if (restored) say('info', 'Có ' + restored + ' học sinh nhập trên máy này chưa lưu; đang gửi lại…');
  else report();
  flush(false);
  window.addEventListener('online', function () { flush(false); });
  window.setInterval(poll, POLL_MS);
  doc.addEventListener('visibilitychange', function () { if (!doc.hidden) { flush(false); poll(); } });
})();
