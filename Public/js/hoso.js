/* hoso — small progressive enhancements. Every page works without this file.
   Loaded with `defer`, so the document is parsed when it runs. ES5 on purpose: old
   Android browsers and old desktop browsers must not choke on it. No globals. */
(function () {
  'use strict';

  var doc = document;
  var root = doc.documentElement;

  // CSS collapses the phone navigation only when this class is present, so without
  // JavaScript the navigation stays visible.
  root.className += (root.className ? ' ' : '') + 'js';

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function closest(el, selector) {
    while (el && el.nodeType === 1) {
      if (matches(el, selector)) return el;
      el = el.parentNode;
    }
    return null;
  }

  function matches(el, selector) {
    var fn = el.matches || el.msMatchesSelector || el.webkitMatchesSelector;
    return fn.call(el, selector);
  }

  /* ---- Navigation toggle: button.menu-toggle[aria-controls] ---- */

  function initMenuToggles() {
    each(doc.querySelectorAll('button.menu-toggle[aria-controls]'), function (button) {
      var target = doc.getElementById(button.getAttribute('aria-controls'));
      if (!target) return;

      function setOpen(open) {
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
        if (open) {
          target.classList.add('is-open');
        } else {
          target.classList.remove('is-open');
        }
      }

      setOpen(button.getAttribute('aria-expanded') === 'true');

      button.addEventListener('click', function () {
        setOpen(button.getAttribute('aria-expanded') !== 'true');
      });

      // Escape closes the open menu and returns focus to its button.
      doc.addEventListener('keydown', function (event) {
        if ((event.key === 'Escape' || event.key === 'Esc') &&
            button.getAttribute('aria-expanded') === 'true') {
          setOpen(false);
          button.focus();
        }
      });
    });
  }

  /* ---- Province → ward selects ----
     <select data-wards-source data-wards-target="field-ward"> (province)
     <select id="field-ward"> (ward; first option is the empty "— Chọn phường/xã —") */

  var WARD_PLACEHOLDER = '— Chọn phường/xã —';
  var WARD_LOADING = 'Đang tải danh sách phường/xã…';
  var WARD_FAILED = '— Không tải được danh sách phường/xã —';

  function resetWards(select, placeholderText) {
    var keep = select.options.length && select.options[0].value === '' ? select.options[0] : null;
    while (select.options.length) select.remove(0);
    var first = keep || new Option('', '');
    first.textContent = placeholderText;
    select.appendChild(first);
    select.selectedIndex = 0;
  }

  function initWardSelects() {
    each(doc.querySelectorAll('select[data-wards-source]'), function (province) {
      var ward = doc.getElementById(province.getAttribute('data-wards-target'));
      if (!ward) return;
      var url = province.getAttribute('data-wards-source') || '/units/wards';
      var request = 0;

      province.addEventListener('change', function () {
        var code = province.value;
        var previous = ward.value;
        var mine = ++request;

        if (!code) {
          resetWards(ward, WARD_PLACEHOLDER);
          return;
        }

        resetWards(ward, WARD_LOADING);
        ward.disabled = true;
        ward.setAttribute('aria-busy', 'true');

        var xhr = new XMLHttpRequest();
        xhr.open('GET', url + '?province=' + encodeURIComponent(code), true);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.timeout = 15000;

        function finish(list) {
          if (mine !== request) return;   // a newer change won
          ward.disabled = false;
          ward.removeAttribute('aria-busy');
          if (!list) {
            resetWards(ward, WARD_FAILED);
            return;
          }
          resetWards(ward, WARD_PLACEHOLDER);
          var fragment = doc.createDocumentFragment();
          for (var i = 0; i < list.length; i++) {
            var item = list[i];
            if (!item || typeof item.code !== 'string') continue;
            var option = new Option(String(item.name), item.code);
            if (item.code === previous) option.selected = true;
            fragment.appendChild(option);
          }
          ward.appendChild(fragment);
        }

        xhr.onload = function () {
          var list = null;
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              list = JSON.parse(xhr.responseText);
            } catch (e) {
              list = null;
            }
            if (!Array.isArray(list)) list = null;
          }
          finish(list);
        };
        xhr.onerror = xhr.ontimeout = function () { finish(null); };
        xhr.send();
      });
    });
  }

  /* ---- Forms: confirmation and double-submit guard ----
     form[data-confirm="Câu hỏi?"]    asks before submitting; on a button, only that button asks.
     form[data-allow-resubmit]        is never locked (downloads, forms opening new tabs). */

  var UNLOCK_AFTER_MS = 20000;   // safety net if the response never replaces the page

  function submitButtons(form) {
    var buttons = [];
    each(form.elements, function (el) {
      if ((el.tagName === 'BUTTON' || el.tagName === 'INPUT') && el.type === 'submit') {
        buttons.push(el);
      }
    });
    return buttons;
  }

  function unlock(form) {
    if (form.getAttribute('data-submitting') !== 'true') return;
    form.removeAttribute('data-submitting');
    form.removeAttribute('aria-busy');
    each(submitButtons(form), function (button) {
      if (button.getAttribute('data-hoso-locked') === 'true') {
        button.disabled = false;
        button.removeAttribute('data-hoso-locked');
      }
    });
  }

  function lock(form) {
    form.setAttribute('data-submitting', 'true');
    form.setAttribute('aria-busy', 'true');
    // Disable after this event: a button disabled now would drop its own name=value
    // from the submitted data.
    window.setTimeout(function () {
      each(submitButtons(form), function (button) {
        if (!button.disabled) {
          button.disabled = true;
          button.setAttribute('data-hoso-locked', 'true');
        }
      });
    }, 0);
    window.setTimeout(function () { unlock(form); }, UNLOCK_AFTER_MS);
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') return;

    if (form.getAttribute('data-submitting') === 'true') {
      event.preventDefault();
      return;
    }

    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }

    if (event.defaultPrevented || form.hasAttribute('data-allow-resubmit')) return;
    lock(form);
    if (form.hasAttribute('data-progress-url')) startProgress(form);
  }

  /* ---- Long imports ----
     form[data-progress-url][data-progress-target] polls the URL (JSON: done, total, label) while
     its own request runs, and fills the <progress> and [data-progress-text] of the target. */

  function startProgress(form) {
    var box = doc.getElementById(form.getAttribute('data-progress-target') || '');
    if (!box) return;
    var bar = box.querySelector('progress');
    var text = box.querySelector('[data-progress-text]');
    box.hidden = false;
    function poll() {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', form.getAttribute('data-progress-url'), true);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.onload = function () {
        if (xhr.status === 200) {
          try {
            var progress = JSON.parse(xhr.responseText);
            if (bar && progress.total > 0) { bar.max = progress.total; bar.value = progress.done; }
            if (text && progress.label) text.textContent = progress.label;
          } catch (e) { /* keep the last text */ }
        }
        window.setTimeout(poll, 400);
      };
      xhr.onerror = function () { window.setTimeout(poll, 1000); };
      xhr.send();
    }
    window.setTimeout(poll, 200);
  }

  function initForms() {
    doc.addEventListener('submit', onSubmit, false);

    // Coming back with the Back button may restore the page from the back/forward cache
    // with its buttons still disabled.
    window.addEventListener('pageshow', function () {
      each(doc.querySelectorAll('form[data-submitting="true"]'), unlock);
    });
  }

  /* ---- Error summary: focus it on load, and make its links focus the field ---- */

  function focusField(id) {
    var target = doc.getElementById(id);
    if (!target) return false;
    if (target.tagName === 'FIELDSET' || target.tagName === 'DIV') {
      target = target.querySelector('input, select, textarea') || target;
    }
    var field = closest(target, '.field');
    var label = field && field.querySelector('label, legend');
    target.focus();
    if (label && label.scrollIntoView) label.scrollIntoView();
    return true;
  }

  function initErrorSummary() {
    var marked = doc.querySelector('[data-autofocus-error]');
    if (marked) {
      var summary = matches(marked, '.error-summary') ? marked : marked.querySelector('.error-summary');
      if (summary) {
        if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
        summary.focus();
      }
    }

    doc.addEventListener('click', function (event) {
      var link = closest(event.target, '.error-summary a[href^="#"]');
      if (!link) return;
      if (focusField(decodeURIComponent(link.getAttribute('href').slice(1)))) {
        event.preventDefault();
      }
    });
  }

  /* ---- Drafts kept in the browser: form[data-draft-key][data-draft-version] ----
     Everything typed is copied to localStorage as it is typed, so a closed tab, a reload or a lost
     connection loses nothing. The copy names the stored version it was typed over: when the page
     comes back with the same version and different values, the copy is put back and the person is
     told; a copy of an older version is stale (the server has newer data) and is dropped.
     [data-draft-sent][data-draft-version] drops a copy older than that version (it was sent).
     form[data-draft-forget="prefix"] drops every copy under that prefix when it is submitted. */

  var DRAFT_RESTORED = 'Đã khôi phục những gì bạn nhập lần trước trên máy này nhưng chưa gửi. Kiểm tra lại rồi bấm Lưu nháp hoặc Nộp hồ sơ.';
  var DRAFT_DISCARD = 'Bỏ, dùng bản đã lưu';

  function storage() {
    try {
      var probe = '__hoso__';
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function draftFields(form) {
    var fields = [];
    each(form.elements, function (el) {
      if (!el.name || el.name === '_csrf' || el.name === 'action' || el.disabled) return;
      if (el.type === 'file' || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') return;
      fields.push(el);
    });
    return fields;
  }

  function fieldKey(el) {
    return (el.type === 'checkbox' || el.type === 'radio') ? el.name + '=' + el.value : el.name;
  }

  function readValues(form) {
    var values = {};
    each(draftFields(form), function (el) {
      values[fieldKey(el)] = (el.type === 'checkbox' || el.type === 'radio') ? (el.checked ? '1' : '') : el.value;
    });
    return values;
  }

  function writeValues(form, values) {
    each(draftFields(form), function (el) {
      var key = fieldKey(el);
      if (!Object.prototype.hasOwnProperty.call(values, key)) return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = values[key] === '1';
      } else {
        el.value = values[key];
      }
    });
  }

  function sameValues(a, b) {
    for (var key in a) {
      if (Object.prototype.hasOwnProperty.call(a, key) && (b[key] || '') !== (a[key] || '')) return false;
    }
    return true;
  }

  function readDraft(store, key) {
    try {
      var draft = JSON.parse(store.getItem(key) || 'null');
      return draft && typeof draft.values === 'object' ? draft : null;
    } catch (e) {
      return null;
    }
  }

  function showDraftNotice(form, store, key) {
    var notice = doc.createElement('div');
    notice.className = 'flash info';
    notice.setAttribute('role', 'status');
    notice.setAttribute('data-draft-restored', '');
    var text = doc.createElement('p');
    text.textContent = form.getAttribute('data-draft-message') || DRAFT_RESTORED;
    var discard = doc.createElement('button');
    discard.type = 'button';
    discard.className = 'link';
    discard.textContent = DRAFT_DISCARD;
    discard.addEventListener('click', function () {
      store.removeItem(key);
      window.location.reload();
    });
    notice.appendChild(text);
    notice.appendChild(discard);
    form.parentNode.insertBefore(notice, form);
  }

  function initDrafts() {
    var store = storage();
    if (!store) return;
    each(doc.querySelectorAll('[data-draft-sent]'), function (el) {
      var key = el.getAttribute('data-draft-sent');
      var draft = readDraft(store, key);
      if (draft && draft.version < Number(el.getAttribute('data-draft-version'))) store.removeItem(key);
    });
    each(doc.querySelectorAll('form[data-draft-forget]'), function (form) {
      form.addEventListener('submit', function () {
        var prefix = form.getAttribute('data-draft-forget');
        for (var i = store.length - 1; i >= 0; i--) {
          var name = store.key(i);
          if (name && name.indexOf(prefix) === 0) store.removeItem(name);
        }
      });
    });
    each(doc.querySelectorAll('form[data-draft-key]'), function (form) {
      var key = form.getAttribute('data-draft-key');
      var version = Number(form.getAttribute('data-draft-version')) || 0;
      var draft = readDraft(store, key);
      if (draft && draft.version !== version) {
        store.removeItem(key);
      } else if (draft && !sameValues(draft.values, readValues(form))) {
        writeValues(form, draft.values);
        showDraftNotice(form, store, key);
      }
      function save() {
        try {
          store.setItem(key, JSON.stringify({ version: version, savedAt: Date.now(), values: readValues(form) }));
        } catch (e) { /* a full or private store: the server's draft still holds what was sent */ }
      }
      form.addEventListener('input', save);
      form.addEventListener('change', save);
    });
  }

  /* ---- Large photos are made smaller before upload: input[type=file][data-shrink-images] ----
     A phone photo of 6 MB becomes a JPEG of about 1 MB at 2,400 pixels on its long side, so it
     fits the 5 MB limit and uploads quickly on a slow connection. A photo the browser cannot
     read (HEIC on most Android and desktop browsers) gets a sentence saying how to send a JPEG. */

  var SHRINK_ABOVE_BYTES = 1500000;
  var SHRINK_LONG_SIDE = 2400;
  var HEIC_HELP = 'Không đọc được ảnh HEIC (ảnh mặc định của iPhone) trên trình duyệt này. Trên iPhone, hãy chọn ảnh từ Thư viện ảnh trong Safari (ảnh được tự chuyển sang JPEG), hoặc vào Cài đặt → Camera → Định dạng → Tương thích nhất rồi chụp lại.';

  function formatMB(bytes) {
    return (bytes / 1048576).toFixed(1).replace('.', ',') + ' MB';
  }

  function fileNote(input) {
    var note = input.parentNode.querySelector('[data-file-note]');
    if (!note) {
      note = doc.createElement('p');
      note.className = 'hint';
      note.setAttribute('data-file-note', '');
      note.setAttribute('aria-live', 'polite');
      input.parentNode.appendChild(note);
    }
    return note;
  }

  function setBusy(form, busy) {
    each(submitButtons(form), function (button) {
      button.disabled = busy;
    });
  }

  function shrink(input, file) {
    var form = input.form;
    var note = fileNote(input);
    var heic = /\.(heic|heif)$/i.test(file.name) || /hei[cf]/i.test(file.type);
    if (!window.DataTransfer || !window.URL || !HTMLCanvasElement.prototype.toBlob) {
      if (heic) note.textContent = HEIC_HELP;
      return;
    }
    var url = URL.createObjectURL(file);
    var image = new Image();
    note.textContent = 'Đang thu nhỏ ảnh…';
    if (form) setBusy(form, true);
    function done(text) {
      URL.revokeObjectURL(url);
      note.textContent = text;
      if (form) setBusy(form, false);
    }
    image.onerror = function () {
      done(heic ? HEIC_HELP : '');
    };
    image.onload = function () {
      var scale = Math.min(1, SHRINK_LONG_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
      var canvas = doc.createElement('canvas');
      canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
      canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
      var context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob || (blob.size >= file.size && !heic)) {
          done('');
          return;
        }
        var name = file.name.replace(/\.[^.]*$/, '') + '.jpg';
        var transfer = new DataTransfer();
        transfer.items.add(new File([blob], name, { type: 'image/jpeg' }));
        input.files = transfer.files;
        input.setAttribute('data-shrunk', String(blob.size));
        done('Ảnh đã được thu nhỏ: ' + formatMB(file.size) + ' → ' + formatMB(blob.size) + '.');
      }, 'image/jpeg', 0.85);
    };
    image.src = url;
  }

  function initImageShrink() {
    each(doc.querySelectorAll('input[type=file][data-shrink-images]'), function (input) {
      input.addEventListener('change', function () {
        var file = input.files && input.files[0];
        input.removeAttribute('data-shrunk');
        if (!file) return;
        var heic = /\.(heic|heif)$/i.test(file.name) || /hei[cf]/i.test(file.type);
        if (!heic && !/^image\//.test(file.type)) return;
        if (!heic && file.size <= SHRINK_ABOVE_BYTES) return;
        shrink(input, file);
      });
    });
  }

  initMenuToggles();
  initWardSelects();
  initForms();
  initErrorSummary();
  initDrafts();
  initImageShrink();
})();
