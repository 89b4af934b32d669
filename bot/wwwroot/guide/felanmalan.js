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
      el('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => removeAlert(alert.id) }, 'Ta bort'))));
    if (!alerts.length) list.replaceChildren(el('li', { class: 'muted' }, 'Inga aktiva krismeddelanden.'));
  }

  async function loadTopics() {
    const topics = await api('GET', '/api/alerts/topics');
    $('alert-topics').replaceChildren(...topics.map((topic, i) => el('label', {},
      el('input', { type: 'checkbox', name: 'topic', value: topic, id: 'topic-' + i }), ' ' + topic)));
  }

  async function removeAlert(id) {
    try {
      await api('DELETE', '/api/alerts/' + encodeURIComponent(id));
      announce('Krismeddelandet är borttaget.');
      await loadAlerts();
    } catch (error) {
      showError(error.message);
    }
  }

  async function postAlert(event) {
    event.preventDefault();
    const expires = $('alert-expires').value;
    const body = {
      text: $('alert-text').value,
      topics: [...document.querySelectorAll('input[name=topic]:checked')].map((box) => box.value),
      expiresAt: expires ? new Date(expires).toISOString() : null,
    };
    try {
      await api('POST', '/api/alerts', body);
      showError('');
      $('alert-form').reset();
      announce('Krismeddelandet är publicerat.');
      await loadAlerts();
    } catch (error) {
      showError(error.message);
    }
  }

  // ---------------------------------------------------------------- fault reports

  function statusCell(report) {
    const select = el('select', { 'aria-label': 'Status för ' + report.reference },
      ...Object.entries(STATUSES).map(([value, label]) => el('option', { value, selected: value === report.status }, label)));
    const comment = el('input', { type: 'text', maxlength: '2000', 'aria-label': 'Kommentar till invånaren för ' + report.reference, placeholder: 'Kommentar (visas för invånaren)' });
    comment.value = report.statusComment || '';
    const save = el('button', { type: 'button', class: 'btn btn-small' }, 'Spara');
    save.addEventListener('click', async () => {
      try {
        await api('POST', '/api/guide/faultreports/' + encodeURIComponent(report.reference) + '/status', { status: select.value, comment: comment.value });
        showError('');
        announce(report.reference + ': status sparad.');
        await loadReports();
      } catch (error) {
        showError(error.message);
      }
    });
    return el('td', {}, el('div', { class: 'fr-status' }, select, comment, save));
  }

  function photoCell(report) {
    if (!report.photoUrl || !/^https?:\/\//i.test(report.photoUrl)) return el('td', {}, '–');
    return el('td', {}, el('a', { href: report.photoUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Visa bild'));
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
    $('report-filter').addEventListener('change', () => loadReports().catch((error) => showError(error.message)));
    try {
      await Promise.all([loadTopics(), loadAlerts(), loadReports()]);
    } catch (error) {
      showError(error.message);
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
