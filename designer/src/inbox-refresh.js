// inbox-refresh: <div class="vupe-live" data-refresh-url="…" data-interval="15000">
// Periodically fetches an HTML fragment and replaces the element's content,
// pausing while the tab is hidden, restoring focus by element id, and
// announcing "Lista actualizada" in an aria-live="polite" region.
import { autoInit, el, loginUrl } from './common.js';

const MIN_INTERVAL = 5000;
const DEFAULT_INTERVAL = 15000;

function liveRegion() {
  let region = document.getElementById('vupe-live-announcer');
  if (!region) {
    region = el('div', { id: 'vupe-live-announcer', class: 'vupe-sr-only', 'aria-live': 'polite', role: 'status' });
    document.body.append(region);
  }
  return region;
}

function announce(text) {
  const region = liveRegion();
  region.textContent = '';
  // A fresh text node after clearing makes screen readers repeat the message.
  setTimeout(() => { region.textContent = text; }, 50);
}

function initLive(root) {
  const url = root.dataset.refreshUrl;
  const interval = Math.max(MIN_INTERVAL, parseInt(root.dataset.interval, 10) || DEFAULT_INTERVAL);
  let timer = null;
  let inFlight = null;
  let lastHtml = null;
  let failures = 0;

  async function refresh() {
    if (inFlight) return;
    const controller = new AbortController();
    inFlight = controller;
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        headers: { Accept: 'text/html', 'X-Requested-With': 'fetch' },
        signal: controller.signal
      });
      if (response.status === 401) { location.assign(loginUrl()); return; }
      if (!response.ok) throw new Error(String(response.status));
      const html = await response.text();
      failures = 0;
      root.removeAttribute('data-stale');
      if (html === lastHtml) return;
      lastHtml = html;
      replace(html);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      failures++;
      root.setAttribute('data-stale', 'true');
      if (failures === 3) announce('No se pudo actualizar la lista; se reintentará.');
    } finally {
      inFlight = null;
    }
  }

  function replace(html) {
    const active = document.activeElement;
    const hadFocus = active && root.contains(active) && active !== root;
    const focusId = hadFocus ? active.id : null;
    const selStart = hadFocus && 'selectionStart' in active ? safe(() => active.selectionStart) : null;
    const selEnd = hadFocus && 'selectionEnd' in active ? safe(() => active.selectionEnd) : null;
    const scrollTop = root.scrollTop;

    root.innerHTML = html;
    root.scrollTop = scrollTop;

    if (hadFocus) {
      const again = focusId ? document.getElementById(focusId) : null;
      if (again && root.contains(again)) {
        again.focus({ preventScroll: true });
        if (selStart !== null && typeof again.setSelectionRange === 'function') {
          safe(() => again.setSelectionRange(selStart, selEnd));
        }
      } else {
        // Keep focus inside the region instead of losing it to <body>.
        if (!root.hasAttribute('tabindex')) root.setAttribute('tabindex', '-1');
        root.focus({ preventScroll: true });
      }
    }
    // Initialise any Vupe modules inside the new fragment.
    for (const mod of Object.values(window.Vupe || {})) {
      if (mod && typeof mod.init === 'function' && mod !== window.Vupe.inboxRefresh) mod.init(root);
    }
    announce('Lista actualizada');
    root.dispatchEvent(new CustomEvent('vupe:refreshed', { bubbles: true }));
  }

  function start() {
    if (timer === null) timer = setInterval(refresh, interval);
  }
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    if (inFlight) inFlight.abort();
  }

  document.addEventListener('visibilitychange', () => {
    if (document.hidden) stop();
    else { refresh(); start(); }
  });
  root.addEventListener('vupe:refresh', () => refresh());
  root.__vupeRefresh = refresh;
  liveRegion();
  if (!document.hidden) start();
}

function safe(fn) {
  try { return fn(); } catch { return null; }
}

autoInit('.vupe-live[data-refresh-url]', initLive, 'inboxRefresh');
