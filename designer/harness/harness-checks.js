// Harness-only: drives a scenario from the query string and writes a report
// into #harness-report so `chromium --headless --dump-dom` can be grepped.
(function () {
  const q = new URLSearchParams(location.search);
  const report = document.getElementById('harness-report');
  const lines = [];
  const log = (k, v) => lines.push(`${k}: ${v}`);
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  async function until(fn, ms = 6000) {
    for (let t = 0; t < ms; t += 100) { const v = fn(); if (v) return v; await wait(100); }
    return null;
  }
  const typeInto = (input, value) => {
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };

  async function run() {
    const d = document.getElementById('diagram');
    await until(() => d.querySelector('svg') || d.querySelector('.vupe-message--error'));
    log('diagram.svg', !!d.querySelector('.djs-container svg'));
    log('diagram.shapes', d.querySelectorAll('.djs-shape').length);
    log('diagram.completed', d.querySelectorAll('.djs-element.vupe-completed').length);
    log('diagram.taken', d.querySelectorAll('.djs-connection.vupe-taken').length);
    log('diagram.tokens', [...d.querySelectorAll('.vupe-token')].map((x) => x.textContent).join(','));
    log('diagram.incidents', d.querySelectorAll('.vupe-incident-badge').length);
    log('diagram.watermark', !!d.querySelector('.bjs-powered-by'));
    log('diagram.error', (d.querySelector('.vupe-message--error') || {}).textContent || '-');

    const t = document.getElementById('task');
    await until(() => t.querySelector('.vupe-actions') || t.querySelector('.vupe-message--error'));
    await wait(200);
    log('form.fields', t.querySelectorAll('.fjs-form-field').length);
    log('form.dni', (t.querySelector('input[id$="-f_dni"]') || {}).value);
    log('form.obs.initial', (t.querySelector('textarea[id$="-f_obs"]') || {}).value);
    log('form.notice', (t.querySelector('.vupe-notices') || {}).textContent || '-');
    log('form.docs', (t.querySelector('.vupe-required-docs') || {}).textContent || '-');
    const [draftBtn, completeBtn] = [...t.querySelectorAll('.vupe-actions button')];

    if (q.get('draft') === 'save') {
      typeInto(t.querySelector('textarea[id$="-f_obs"]'), 'Borrador de prueba');
      await wait(800); // form-js debounces text input
      draftBtn.click();
      await wait(100);
      log('draft.saved', localStorage.getItem('vupe-draft:42'));
      log('draft.notice', t.querySelector('.vupe-notices').textContent);
    }
    if (q.get('draft') === 'discard') {
      const btn = [...t.querySelectorAll('.vupe-notices button')].find((b) => /Descartar/.test(b.textContent));
      if (btn) { btn.click(); await wait(300); }
      log('draft.afterDiscard', String(localStorage.getItem('vupe-draft:42')));
      log('form.obs', (t.querySelector('textarea[id$="-f_obs"]') || {}).value);
    }
    if (q.get('clear') === 'dni') {
      typeInto(t.querySelector('input[id$="-f_dni"]'), '');
      await wait(800); // form-js debounces text input
    }
    if (q.get('click') === 'complete') {
      const btn = completeBtn && /Completar/.test(completeBtn.textContent) ? completeBtn : draftBtn;
      btn.click();
      log('complete.disabledWhileSending', btn.disabled);
      btn.click(); // double click must not send twice
      await wait(800);
      log('complete.summary', (t.querySelector('.vupe-error-summary:not([hidden])') || {}).textContent || '-');
      log('complete.fieldErrors', [...t.querySelectorAll('.fjs-form-field-error')].map((x) => x.textContent).join(' | ') || '-');
      log('complete.vupeFieldErrors', [...t.querySelectorAll('.vupe-field-error')].map((x) => x.textContent).join(' | ') || '-');
      log('complete.notice', (t.querySelector('.vupe-notices') || {}).textContent || '-');
      log('complete.dniKept', (t.querySelector('input[id$="-f_dni"]') || {}).value);
      log('complete.button', btn.textContent + (btn.disabled ? ' (disabled)' : ''));
    }

    const u = document.getElementById('upload');
    await until(() => u.querySelector('select option[value="dni"]'));
    log('upload.kinds', [...u.querySelectorAll('select option')].map((o) => o.value || '∅').join(','));
    if (q.get('file')) {
      const sel = u.querySelector('select');
      sel.value = q.get('file') === 'bad-type' ? 'declaracion-jurada' : 'dni';
      sel.dispatchEvent(new Event('change'));
      const dt = new DataTransfer();
      const big = q.get('file') === 'bad-size';
      const content = big ? new Uint8Array(6 * 1024 * 1024) : new TextEncoder().encode(q.get('file') === 'rejected' ? 'RECHAZAR' : '%PDF-1.4 harness');
      dt.items.add(new File([content], q.get('file') === 'bad-type' ? 'foto.jpg' : 'dni.pdf', { type: q.get('file') === 'bad-type' ? 'image/jpeg' : 'application/pdf' }));
      u.querySelector('input[type=file]').files = dt.files;
      let uploaded = null;
      document.addEventListener('vupe:document-uploaded', (e) => { uploaded = e.detail; }, { once: true });
      u.requestSubmit();
      await wait(1500);
      log('upload.status', u.querySelector('.vupe-upload-status').textContent || '-');
      log('upload.event', uploaded ? JSON.stringify(uploaded.document) : '-');
      log('upload.refreshed', document.getElementById('docs').textContent.replace(/\s+/g, ' ').trim());
    }

    const live = document.getElementById('inbox');
    document.getElementById('tarea-42').focus();
    await until(() => /Actualizaciones/.test(live.textContent), 12000);
    log('live.content', live.textContent.replace(/\s+/g, ' ').trim());
    log('live.focusKept', document.activeElement && document.activeElement.id);
    await wait(300);
    log('live.announcer', (document.getElementById('vupe-live-announcer') || {}).textContent);

    log('charts', [...document.querySelectorAll('canvas.vupe-chart')].map((c) => c.id + '=' + (c.__vupeChart ? c.__vupeChart.config.type : 'none')).join(','));
    log('Vupe', Object.keys(window.Vupe || {}).join(','));
    log('errors', (window.__errors || []).join(' ; ') || 'none');
    report.textContent = 'HARNESS DONE\n' + lines.join('\n');
    document.body.dataset.harness = 'done';
  }
  run().catch((e) => { report.textContent = 'HARNESS FAILED ' + e + '\n' + lines.join('\n'); });
})();
