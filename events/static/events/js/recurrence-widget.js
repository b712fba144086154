// Hides the recurrence inputs that do not apply to the chosen frequency, asks
// the admin for the rule in words and the next dates when an input changes,
// and adds and removes exception dates. The form works the same without this
// script, with every input shown and the preview of the saved rule.
(function () {
  var EXCEPTIONS = 'exception_dates';

  function update(widget) {
    var frequency = widget.querySelector('select[name$="_frequency"]').value;
    var structured = widget.querySelector('[data-recurrence-part="structured"]');
    var weekdays = widget.querySelector('[data-recurrence-part="weekdays"]');
    var rule = widget.querySelector('[data-recurrence-part="rule"]');
    structured.hidden = frequency === '' || frequency === 'CUSTOM';
    weekdays.hidden = frequency !== 'WEEKLY';
    rule.hidden = frequency !== 'CUSTOM';
    var exceptions = document.querySelector('[data-exception-dates]');
    if (exceptions) {
      var panel = exceptions.closest('[data-field-wrapper]') || exceptions;
      panel.hidden = frequency === '';
    }
  }

  function value(form, name) {
    var input = form.querySelector('[name="' + name + '"]');
    return input ? input.value : '';
  }

  function preview(widget) {
    var form = widget.closest('form');
    var summary = widget.querySelector('[data-recurrence-summary]');
    var next = widget.querySelector('[data-recurrence-next]');
    var list = widget.querySelector('[data-recurrence-dates]');
    if (!form || !widget.dataset.recurrencePreviewUrl) {
      summary.textContent = summary.dataset.recurrenceChanged;
      next.hidden = true;
      return;
    }
    var prefix = widget.dataset.recurrenceName + '_';
    var query = new URLSearchParams();
    new FormData(form).forEach(function (item, name) {
      if (name.indexOf(prefix) === 0 || name === EXCEPTIONS) query.append(name, item);
    });
    ['start', 'end', 'time_zone'].forEach(function (name) { query.append(name, value(form, name)); });
    query.append('language', widget.dataset.recurrenceLanguage || '');
    var asked = query.toString();
    widget.dataset.recurrenceAsked = asked;
    fetch(widget.dataset.recurrencePreviewUrl + '?' + asked, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (widget.dataset.recurrenceAsked !== asked) return; // A later change was asked since.
        summary.textContent = data.error || data.summary;
        list.replaceChildren();
        (data.dates || []).forEach(function (day) {
          var item = document.createElement('li');
          item.textContent = day;
          list.appendChild(item);
        });
        next.hidden = !(data.dates && data.dates.length);
      })
      .catch(function () {
        summary.textContent = summary.dataset.recurrenceChanged;
        next.hidden = true;
      });
  }

  function removeButton(exceptions) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-small button-secondary';
    button.dataset.exceptionRemove = '';
    button.textContent = exceptions.dataset.exceptionRemoveLabel;
    return button;
  }

  function enhanceExceptions(exceptions, changed) {
    var list = exceptions.querySelector('[data-exception-list]');
    var add = exceptions.querySelector('[data-exception-add]');
    list.querySelectorAll('li').forEach(function (item) {
      var button = item.querySelector('[data-exception-remove]') || item.appendChild(removeButton(exceptions));
      button.hidden = false;
    });
    add.hidden = false;
    add.addEventListener('click', function () {
      var template = list.querySelector('[data-exception-new]');
      var item = document.createElement('li');
      var input = template.querySelector('input').cloneNode();
      input.removeAttribute('id');
      input.value = '';
      item.appendChild(input);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(removeButton(exceptions)).hidden = false;
      list.appendChild(item);
      input.focus();
    });
    list.addEventListener('click', function (event) {
      var button = event.target.closest('[data-exception-remove]');
      if (!button) return;
      var item = button.closest('li');
      var input = item.querySelector('input');
      if (list.querySelectorAll('li').length > 1) {
        item.remove();
      } else {
        input.value = '';
      }
      add.focus();
      changed();
    });
    exceptions.addEventListener('input', changed);
    exceptions.addEventListener('change', changed);
  }

  function enhance(root) {
    root.querySelectorAll('[data-recurrence-widget]').forEach(function (widget) {
      if (widget.dataset.recurrenceEnhanced) return;
      widget.dataset.recurrenceEnhanced = 'true';
      var timer = null;
      function changed() {
        update(widget);
        clearTimeout(timer);
        timer = setTimeout(function () { preview(widget); }, 250);
      }
      // Typing counts too: a number typed and not yet left fires no change event.
      widget.addEventListener('input', changed);
      widget.addEventListener('change', changed);
      var form = widget.closest('form');
      if (form) {
        ['start', 'end', 'time_zone'].forEach(function (name) {
          var input = form.querySelector('[name="' + name + '"]');
          if (input) input.addEventListener('change', changed);
        });
      }
      var exceptions = document.querySelector('[data-exception-dates]');
      if (exceptions && !exceptions.dataset.exceptionEnhanced) {
        exceptions.dataset.exceptionEnhanced = 'true';
        enhanceExceptions(exceptions, changed);
      }
      update(widget);
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
