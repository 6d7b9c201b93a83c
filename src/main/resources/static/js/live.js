// Live progress of an experiment or a study on its page, from the page's own event stream (the
// session's cookie signs it in; no token in the page). When the status is final the page reloads,
// and the server renders the results. If the stream breaks, a reload link shows instead.

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'PARTIAL']);

export function follow(main) {
  const status = document.querySelector('[data-testid="status"]');
  const progress = document.getElementById('progress');
  const text = document.getElementById('progress-text');
  const fallback = document.getElementById('live-fallback');
  const isStudy = main.dataset.kind === 'study';
  const source = new EventSource(main.dataset.events);
  let finished = false;

  const show = (done, total, words) => {
    if (progress && total > 0) {
      progress.max = total;
      progress.value = done;
    }
    if (text) {
      text.textContent = words;
    }
  };

  source.addEventListener('status', (event) => {
    const state = JSON.parse(event.data);
    if (status) {
      status.textContent = state.status;
      status.className = 'status ' + state.status.toLowerCase();
    }
    if (isStudy && state.progress) {
      show(state.progress.done, state.progress.total, `${state.progress.done} of ${state.progress.total} cells done`);
    }
    if (FINAL.has(state.status)) {
      finished = true;
      source.close();
      window.location.reload();
    }
  });
  source.addEventListener('progress', (event) => {
    const step = JSON.parse(event.data);
    if (isStudy) {
      show(step.done, step.total, `${step.done} of ${step.total} cells done`);
    } else {
      const kind = step.warmup ? 'warm-up' : step.baseline ? 'baseline' : 'measured';
      show(step.done, step.total, `${step.done} of ${step.total} runs done (last: ${kind}, ${step.wallMillis} ms)`);
    }
  });
  source.addEventListener('error', () => {
    // The server ends the stream after the final status; anything else closing it is a break.
    if (!finished && source.readyState === EventSource.CLOSED && fallback) {
      fallback.hidden = false;
    }
  });
}
