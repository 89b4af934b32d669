// Fault reports and crisis alerts for guides: a client of /api/guide/faultreports and /api/alerts.
// Everything residents or guides wrote is put on the page with textContent only, never as HTML.
(function () {
  'use strict';

  const STATUSES = { received: 'mottagen', in_progress: 'under åtgärd', done: 'åtgärdad', rejected: 'avslutad utan åtgärd', referred: 'hänvisad' };
  const $ = (id) => document.getElementById(id);

  const { el, api } = window.GuideReports;

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = !message;
  }

  function announce(message) {
    $('announcer').textContent = message;
  }

  const time = (value) => new Date(value).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' });

  // ---------------------------------------------------------------- crisis alerts

  async function loadAlerts() {
    const alerts = await api('GET', '/api/alerts');
    const list = $('alert-list');
    list.replaceChildren(...alerts.map((alert) => el('li', { 'data-id': alert.id },
      el('strong', {}, alert.text), ' ',
      el('span', { class: 'muted' }, '(' + (alert.topics.length ? alert.topics.join(', ') : 'alla ämnen') + ', till ' + time(alert.expiresAt) + ') '),
      alert.textEn ? el('span', { class: 'muted', lang: 'en' }, '(EN: ' + alert.textEn + ') ') : null,
      el('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': 'Ta bort krismeddelandet: ' + alert.text, onclick: () => removeAlert(alert.id, alert.text) }, 'Ta bort'))));
    if (!alerts.length) list.replaceChildren(el('li', { class: 'muted' }, 'Inga aktiva krismeddelanden.'));
  }

  async function loadTopics() {
    const topics = await api('GET', '/api/alerts/topics');
    $('alert-topics').replaceChildren(...topics.map((topic, i) => el('label', {},
      el('input', { type: 'checkbox', name: 'topic', value: topic, id: 'topic-' + i }), ' ' + topic)));
  }

  async function removeAlert(id, text) {
    // A live alert is on every resident's screen: removing it takes a deliberate second step.
    if (!window.confirm(`Ta bort krismeddelandet?\n\n”${text}”\n\nDet slutar visas i chatten direkt.`)) return;
    try {
      await api('DELETE', '/api/alerts/' + encodeURIComponent(id));
      announce('Krismeddelandet är borttaget.');
      await loadAlerts();
    } catch (error) {
      showError(error.message);
    }
  }

  function fieldError(id, message) {
    const box = $(id + '-error');
    box.textContent = message || '';
    box.hidden = !message;
    $(id).setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  /** A day from now, in the form a datetime-local field takes (local time, minutes). */
  function defaultExpiry() {
    const at = new Date(Date.now() + 24 * 3600 * 1000);
    at.setSeconds(0, 0);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }

  /** The API's validation messages in Swedish. */
  function swedish(message) {
    if (/text is required/.test(message)) return 'Skriv en text.';
    if (/longer than/.test(message)) return 'Texten får vara högst 500 tecken.';
    if (/unknown topics/.test(message)) return 'Ett av ämnena finns inte längre. Ladda om sidan.';
    if (/expiresAt/.test(message)) return 'Välj en tid i framtiden för när meddelandet slutar gälla.';
    if (/control characters/.test(message)) return 'Texten innehåller otillåtna tecken.';
    return message;
  }

  async function postAlert(event) {
    event.preventDefault();
    const text = $('alert-text').value.trim();
    const expires = $('alert-expires').value;
    fieldError('alert-text', text ? '' : 'Skriv texten som ska visas för invånarna.');
    fieldError('alert-expires', !expires ? 'Välj när meddelandet slutar gälla.' : new Date(expires) <= new Date() ? 'Tiden har redan passerat: välj en tid i framtiden.' : '');
    if (!text) return $('alert-text').focus();
    if (!expires || new Date(expires) <= new Date()) return $('alert-expires').focus();
    const body = {
      text,
      textEn: $('alert-text-en').value.trim() || null,
      topics: [...document.querySelectorAll('input[name=topic]:checked')].map((box) => box.value),
      expiresAt: new Date(expires).toISOString(),
    };
    try {
      await api('POST', '/api/alerts', body);
      showError('');
      $('alert-form').reset();
      $('alert-expires').value = defaultExpiry();
      $('alert-saved').textContent = 'Sparat – krismeddelandet visas nu i chatten.';
      announce('Krismeddelandet är publicerat.');
      await loadAlerts();
    } catch (error) {
      showError('Kunde inte publicera krismeddelandet: ' + swedish(error.message));
    }
  }

  // ---------------------------------------------------------------- fault reports

  function statusCell(report) {
    const select = el('select', { 'aria-label': 'Status för ' + report.reference },
      ...Object.entries(STATUSES).map(([value, label]) => el('option', { value, selected: value === report.status }, label)));
    const comment = el('input', { type: 'text', maxlength: '2000', 'aria-label': 'Kommentar till invånaren för ' + report.reference, placeholder: 'Kommentar (visas för invånaren)' });
    comment.value = report.statusComment || '';
    const save = el('button', { type: 'button', class: 'btn btn-small' }, 'Spara');
    const saved = el('span', { class: 'saved', role: 'status' });
    save.addEventListener('click', async () => {
      try {
        await api('POST', '/api/guide/faultreports/' + encodeURIComponent(report.reference) + '/status', { status: select.value, comment: comment.value });
        showError('');
        announce(report.reference + ': status sparad.');
        await loadReports();
        const row = document.querySelector(`tr[data-reference="${CSS.escape(report.reference)}"] .saved`);
        if (row) row.textContent = 'Sparat – invånaren har fått beskedet.';
      } catch (error) {
        showError('Kunde inte spara statusen: ' + error.message);
      }
    });
    return el('td', {}, el('div', { class: 'fr-status' }, select, comment, save, saved));
  }

  function photoCell(report) {
    if (!report.photoUrl || !/^https?:\/\//i.test(report.photoUrl)) return el('td', {}, '–');
    // A photo uploaded through the widget is served by the bot itself: shown as a thumbnail (same origin only).
    const sameOrigin = new URL(report.photoUrl, location.href).origin === location.origin;
    return el('td', {}, el('a', { href: report.photoUrl, target: '_blank', rel: 'noopener noreferrer' },
      sameOrigin ? el('img', { class: 'fr-thumb', src: report.photoUrl, alt: 'Bild till ' + report.reference }) : null, 'Visa bild'));
  }

  async function loadReports() {
    const filter = $('report-filter').value;
    const reports = await api('GET', '/api/guide/faultreports' + (filter ? '?status=' + encodeURIComponent(filter) : ''));
    $('reports-empty').hidden = reports.length > 0;
    $('report-rows').replaceChildren(...reports.map((report) => el('tr', { 'data-reference': report.reference },
      el('th', { scope: 'row' }, report.reference),
      el('td', {}, time(report.createdAt)),
      el('td', {}, report.categoryName),
      el('td', {}, report.location),
      el('td', {}, report.description),
      photoCell(report),
      el('td', {}, report.contact || '–'),
      statusCell(report))));
  }

  async function start() {
    $('alert-form').addEventListener('submit', postAlert);
    $('alert-expires').value = defaultExpiry();
    $('report-filter').addEventListener('change', () => loadReports().catch((error) => showError(error.message)));
    try {
      await Promise.all([loadTopics(), loadAlerts(), loadReports()]);
    } catch (error) {
      showError(error.message);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
