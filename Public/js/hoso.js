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
     form[data-confirm="Câu hỏi?"]    asks before submitting.
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

    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }

    if (event.defaultPrevented || form.hasAttribute('data-allow-resubmit')) return;
    lock(form);
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

  initMenuToggles();
  initWardSelects();
  initForms();
  initErrorSummary();
})();
