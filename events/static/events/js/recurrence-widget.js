// Hides the recurrence inputs that do not apply to the chosen frequency; the
// form works the same without this script, with every input shown.
(function () {
  function update(widget) {
    var frequency = widget.querySelector('select[name$="_frequency"]').value;
    var structured = widget.querySelector('[data-recurrence-part="structured"]');
    var weekdays = widget.querySelector('[data-recurrence-part="weekdays"]');
    var rule = widget.querySelector('[data-recurrence-part="rule"]');
    structured.hidden = frequency === '' || frequency === 'CUSTOM';
    weekdays.hidden = frequency !== 'WEEKLY';
    rule.hidden = frequency !== 'CUSTOM';
  }
  function enhance(root) {
    root.querySelectorAll('[data-recurrence-widget]').forEach(function (widget) {
      if (widget.dataset.recurrenceEnhanced) return;
      widget.dataset.recurrenceEnhanced = 'true';
      widget.addEventListener('change', function () {
        var summary = widget.querySelector('[data-recurrence-summary]');
        summary.textContent = summary.dataset.recurrenceChanged;
        update(widget);
      });
      update(widget);
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
