// The admin's import job page (templates/interchange/import_job.html): while the
// job runs, look at its progress every few seconds and show it in place; once it
// has finished, load the page again for its report. Without this script the
// page's own Refresh link does the same.
(function () {
  "use strict";
  const job = document.querySelector("[data-import-job]");
  if (!job || job.dataset.finished === "true") {
    return;
  }
  const every = Number(job.dataset.refreshSeconds || 2) * 1000;
  const bar = job.querySelector("progress");
  const count = job.querySelector("[data-job-count]");
  const status = job.querySelector("[data-job-status] strong");

  function show(progress) {
    bar.max = progress.lines_total;
    bar.value = progress.lines_done;
    bar.textContent = progress.lines_done + " / " + progress.lines_total;
    count.textContent = count.dataset.template
      .replace("__done__", progress.lines_done)
      .replace("__total__", progress.lines_total);
    // Only a change of status is read out (the live region): not every count.
    if (status.textContent !== progress.status_label) {
      status.textContent = progress.status_label;
    }
  }

  async function look() {
    try {
      const response = await fetch(job.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const progress = await response.json();
        if (progress.finished) {
          window.location.reload();
          return;
        }
        show(progress);
      }
    } catch (error) {
      // The server is out of reach for a moment: look again later.
    }
    window.setTimeout(look, every);
  }

  window.setTimeout(look, every);
})();
