// Every page's script: times in the reader's own zone, confirmations before removals, and the
// page-specific modules where their elements are. Plain ES modules, served by the lab itself.

/** Shows each <time datetime="ISO instant"> in the browser's time zone and locale. */
function localTimes(root) {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  for (const time of root.querySelectorAll('time[datetime]')) {
    const at = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(at.getTime())) {
      time.textContent = format.format(at);
      time.title = time.getAttribute('datetime');
    }
  }
}

/** Forms with data-confirm ask before they submit (removing a user cannot be undone). */
function confirmations(root) {
  for (const form of root.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }
}

localTimes(document);
confirmations(document);
if (document.querySelector('[data-events]')) {
  import('./live.js').then((live) => live.follow(document.querySelector('[data-events]')));
}
for (const id of ['experiment-form', 'study-form']) {
  if (document.getElementById(id)) {
    import('./form.js').then((form) => form.wire(document.getElementById(id)));
  }
}
