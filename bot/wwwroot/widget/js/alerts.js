// The crisis-alert banner: GET /api/alerts when the panel opens and every 30 s while it is open, in the
// widget's language (an alert may carry textEn; other languages show the Swedish text), collapsed to one line with "Visa mer" when it is long.
import { h } from './dom.js';
import { i18n } from './strings.js';

const ALERTS_MS = 30 * 1000;

export class AlertBanner {
  constructor(base, container) {
    this.base = base;
    this.container = container;
    this.list = [];
    this.key = '';
    this.timer = null;
    this.expanded = false;
  }

  start() {
    this.load();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.load(), ALERTS_MS);
  }

  stop() {
    clearInterval(this.timer);
  }

  async load() {
    let list = [];
    try {
      const response = await fetch(`${this.base}/api/alerts`, { headers: { Accept: 'application/json' } });
      const data = response.ok ? await response.json() : null;
      if (Array.isArray(data)) list = data;
    } catch {
      // Any error means "no alerts".
    }
    const now = Date.now();
    this.list = list.filter((a) => a && typeof a.text === 'string' && a.text.trim() && !(Date.parse(a.expiresAt) < now));
    this.render();
  }

  /** Renders again only when the texts changed, so that screen readers do not announce the same alert twice. */
  render(force = false) {
    // English readers get the English text where there is one; the other languages the Swedish text, marked as such.
    const texts = this.list.map((a) => (i18n.lang === 'en' && typeof a.textEn === 'string' && a.textEn.trim() ? { lang: 'en', text: a.textEn } : { lang: 'sv', text: a.text }));
    const key = JSON.stringify([i18n.lang, texts]);
    if (key === this.key && !force) return;
    this.key = key;
    if (!texts.length) {
      this.container.replaceChildren();
      return;
    }
    const toggle = h('button', {
      type: 'button', class: 'cb-alert-toggle', 'aria-expanded': String(this.expanded), hidden: true,
      onclick: () => {
        this.expanded = !this.expanded;
        this.render(true);
      },
    }, i18n.t(this.expanded ? 'showLess' : 'showMore'));
    const body = h('div', { class: 'cb-alert-texts', id: 'cb-alert-texts' }, ...texts.map(({ lang, text }) => h('p', { class: 'cb-alert', role: 'status', lang, dir: 'auto' }, text)));
    toggle.setAttribute('aria-controls', 'cb-alert-texts');
    const box = h('div', { class: `cb-alert-box${this.expanded ? '' : ' cb-collapsed'}`, role: 'region', 'aria-label': i18n.t('alertLabel') }, body, toggle);
    this.container.replaceChildren(box);
    // "Visa mer" only when something is hidden.
    requestAnimationFrame(() => {
      const clipped = this.expanded || body.scrollHeight > body.clientHeight + 1 || [...body.children].some((p) => p.scrollWidth > p.clientWidth + 1);
      toggle.hidden = !clipped;
    });
  }
}
