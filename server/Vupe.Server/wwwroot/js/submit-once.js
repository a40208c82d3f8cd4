// Forms marked data-submit-once are sent once: a second click while the first request runs would start a second case.
// (An inline onclick did this before; the Content-Security-Policy allows no inline script.)
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-submit-once')) return;
  if (form.dataset.sent === '1') { event.preventDefault(); return; }
  form.dataset.sent = '1';
  for (const button of form.querySelectorAll('button[type=submit]')) button.disabled = true;
});
