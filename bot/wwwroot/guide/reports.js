// Shared by the statistics, learning and fault-report pages: DOM helper, API calls with the console's cookie,
// and the period form. Resident text is only ever put on the page as text nodes.
(function () {
  'use strict';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function api(method, path, body) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      init.headers['X-Requested-With'] = 'guide-console';
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
    }
    const response = await fetch(path, init);
    if (response.status === 401 || (response.redirected && new URL(response.url).pathname.toLowerCase().startsWith('/guide/login'))) {
      window.location.assign('/guide/login?returnUrl=' + encodeURIComponent(window.location.pathname));
      throw new Error('Inte inloggad');
    }
    const type = response.headers.get('Content-Type') || '';
    const data = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || 'Fel ' + response.status);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  /**
   * Sets up the from/to form and calls load(query) now and on submit. Empty fields leave the period
   * to the server (the last 30 days by the bot's clock).
   */
  function period(load) {
    const form = document.getElementById('period');
    const from = document.getElementById('from');
    const to = document.getElementById('to');
    const params = new URLSearchParams(window.location.search);
    from.value = params.get('from') || '';
    to.value = params.get('to') || '';
    const run = () => {
      const query = new URLSearchParams();
      if (from.value) query.set('from', from.value);
      if (to.value) query.set('to', to.value);
      history.replaceState(null, '', query.size ? '?' + query : window.location.pathname);
      load(query.toString());
    };
    form.addEventListener('submit', (event) => { event.preventDefault(); run(); });
    run();
  }

  function showError(message) {
    const box = document.getElementById('error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  const number = (n) => (n === null || n === undefined ? '–' : new Intl.NumberFormat('sv-SE').format(n));
  const percent = (n) => (n === null || n === undefined ? '–' : new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 }).format(n));
  const dateTime = (s) => new Date(s).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });

  window.GuideReports = { el, api, period, showError, number, percent, dateTime };
})();
