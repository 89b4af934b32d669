// The statistics page: GET /api/stats for the chosen period, as figures and tables, and a CSV link.
(function () {
  'use strict';
  const { el, api, period, showError, number, percent } = window.GuideReports;
  const CHANNELS = { directline: 'Webbchatt', messenger: 'Messenger', facebook: 'Messenger', msteams: 'Teams', webchat: 'Webbchatt', emulator: 'Emulator' };
  const LANGUAGES = { sv: 'Svenska', en: 'Engelska', fi: 'Finska', ar: 'Arabiska', fa: 'Persiska', so: 'Somaliska', 'sv-easy': 'Lättläst svenska' };
  const COLUMNS = [
    ['conversations', 'Samtal'], ['questions', 'Frågor'], ['answered', 'Besvarade'], ['clarified', 'Erbjöd val'],
    ['handedOff', 'Till vägledare'], ['declined', 'Kunde inte svara'], ['abandoned', 'Avbrutna'], ['containmentRate', 'Utan vägledare'],
  ];

  // A day without conversations has no rates: "–", not 0 %.
  function cell(key, row) {
    if (key === 'containmentRate') return el('td', null, row.conversations ? percent(row[key]) : '–');
    return el('td', null, row.conversations || key === 'conversations' ? number(row[key]) : '–');
  }

  function table(caption, firstHeader, rows) {
    return el('table', null,
      el('caption', null, caption),
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, firstHeader), COLUMNS.map(([, title]) => el('th', { scope: 'col' }, title)))),
      el('tbody', null, rows.map(([name, row]) => el('tr', null, el('th', { scope: 'row' }, name), COLUMNS.map(([key]) => cell(key, row))))));
  }

  function seconds(s) {
    if (s === null || s === undefined) return '–';
    return s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
  }

  function render(s) {
    const figures = [
      ['Samtal', number(s.conversations)], ['Frågor', number(s.questions)], ['Besvarade direkt', number(s.answered)],
      ['Erbjöd val', number(s.clarified)], ['Till vägledare', number(s.handedOff)], ['Kunde inte svara', number(s.declined)],
      ['Avbrutna samtal', number(s.abandoned)], ['Utan vägledare', percent(s.containmentRate)],
      ['Besvarade inom 24 h', s.messagesLeft ? `${percent(s.messagesAnsweredWithin24hRate)} (${s.messagesAnsweredWithin24h} av ${s.messagesLeft})` : '–'],
      ['Väntetid, median', seconds(s.pickupWaitMedianSeconds)], ['Väntetid, 90:e percentil', seconds(s.pickupWaitP90Seconds)],
      ['Hjälpte svaret: ja', number(s.ratings.helpful)], ['Hjälpte svaret: nej', number(s.ratings.notHelpful)],
      ['Betyg på vägledare (1–5)', s.ratings.guide.average === null ? '–' : `${s.ratings.guide.average} (${s.ratings.guide.count} st)`],
    ];
    const report = document.getElementById('report');
    report.replaceChildren(
      el('dl', { class: 'figures' }, figures.map(([t, v]) => el('div', null, el('dt', null, t), el('dd', null, v)))),
      el('table', null,
        el('caption', null, 'Vanligaste ämnen'),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'Ämne'), el('th', { scope: 'col' }, 'Frågor'), el('th', { scope: 'col' }, 'Besvarade'))),
        el('tbody', null, s.topics.length === 0
          ? el('tr', null, el('td', { colspan: 3 }, 'Inga frågor under perioden.'))
          : s.topics.map((t) => el('tr', null, el('th', { scope: 'row' }, t.topic), el('td', null, number(t.questions)), el('td', null, number(t.answered)))))),
      table('Per kanal', 'Kanal', Object.entries(s.byChannel).map(([k, v]) => [CHANNELS[k] || k, v])),
      table('Per språk', 'Språk', Object.entries(s.byLanguage).map(([k, v]) => [LANGUAGES[k] || k, v])),
      table('Per dag', 'Dag', s.byDay.map((d) => [d.date, d])));
    chart(s.byDay);
  }

  let plot = null;

  /** Questions and handoffs (bars) and the share answered directly (line) per day, drawn with the vendored uPlot. */
  function chart(days) {
    const figure = document.getElementById('chart-figure');
    const box = document.getElementById('chart');
    if (plot) plot.destroy();
    plot = null;
    if (typeof uPlot === 'undefined' || days.length < 2) {
      figure.hidden = true;
      return;
    }
    figure.hidden = false;
    const x = days.map((d) => Date.parse(d.date + 'T12:00:00Z') / 1000);
    const questions = days.map((d) => (d.conversations ? d.questions : null));
    const handedOff = days.map((d) => (d.conversations ? d.handedOff : null));
    const answered = days.map((d) => (d.questions ? Math.round((d.answered / d.questions) * 1000) / 10 : null));
    const bars = uPlot.paths.bars({ size: [0.6, 40] });
    plot = new uPlot({
      width: Math.min(box.clientWidth || 800, 1100),
      height: 280,
      scales: { x: { time: true }, n: { auto: true }, pct: { range: [0, 100] } },
      axes: [
        {},
        { scale: 'n', label: 'Antal' },
        { scale: 'pct', side: 1, label: 'Besvarade direkt (%)', grid: { show: false } },
      ],
      series: [
        { label: 'Dag', value: (u, v) => (v == null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
        { label: 'Frågor', scale: 'n', stroke: '#00468c', fill: 'rgba(0,70,140,0.35)', paths: bars, value: (u, v) => (v == null ? '–' : v) },
        { label: 'Till vägledare', scale: 'n', stroke: '#8a5a00', fill: 'rgba(138,90,0,0.45)', paths: bars, value: (u, v) => (v == null ? '–' : v) },
        { label: 'Besvarade direkt', scale: 'pct', stroke: '#1d6b35', width: 2, points: { show: true }, value: (u, v) => (v == null ? '–' : v + ' %') },
      ],
    }, [x, questions, handedOff, answered], box);
  }

  period(async (query) => {
    const status = document.getElementById('status');
    document.getElementById('csv').href = '/api/stats?format=csv' + (query ? '&' + query : '');
    status.textContent = 'Hämtar statistik…';
    try {
      const stats = await api('GET', '/api/stats' + (query ? '?' + query : ''));
      showError('');
      render(stats);
      document.getElementById('from').value = stats.from;
      document.getElementById('to').value = stats.to;
      status.textContent = `Statistik ${stats.from} – ${stats.to}.`;
    } catch (error) {
      status.textContent = '';
      showError('Kunde inte hämta statistiken: ' + error.message);
    }
  });
})();
