// The admin's import job page (templates/interchange/import_job.html): while the
// worker checks or imports the file, look at the job every few seconds and show
// its progress in place; once the worker is done (the check's report, the
// import's), load the page again to show it. Without this script the page's
// own Refresh link does the same.
(function () {
  "use strict";
  const job = document.querySelector("[data-import-job]");
  if (!job || job.dataset.waiting !== "true") {
    return;
  }
  const every = Number(job.dataset.refreshSeconds || 2) * 1000;
  const bar = job.querySelector("progress");
  const count = job.querySelector("[data-job-count]");
  const status = job.querySelector("[data-job-status] strong");

  function show(progress) {
    // Only a change of status is read out (the live region): not every count.
    if (status.textContent !== progress.status_label) {
      status.textContent = progress.status_label;
    }
    if (!bar) {
      return; // the check: no count yet
    }
    bar.max = progress.lines_total;
    bar.value = progress.lines_done;
    bar.textContent = progress.lines_done + " / " + progress.lines_total;
    count.textContent = count.dataset.template
      .replace("__done__", progress.lines_done)
      .replace("__total__", progress.lines_total);
  }

  async function look() {
    try {
      const response = await fetch(job.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const progress = await response.json();
        if (!progress.waiting_for_the_worker) {
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
