// The language chooser in the panel's header: a menu button (WAI-ARIA APG "menu button" with
// menuitemradio items). The button shows the current language's name; arrow keys, Home/End and the first
// letter move in the list, Enter or Space chooses, Escape closes and gives focus back to the button.
import { h, globeIcon, checkIcon } from './dom.js';
import { LANGUAGES, language } from './languages.js';

export class LanguageChooser {
  /** @param {{ onChoose(code: string): void }} events */
  constructor({ onChoose }) {
    this.onChoose = onChoose;
    this.name = h('span', { class: 'cb-lang-name' });
    this.button = h('button', {
      id: 'cb-lang', class: 'cb-hbtn cb-lang', type: 'button',
      'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'cb-lang-menu',
    }, globeIcon(), h('span', { class: 'cb-sr' }, h('span', { i18n: 'chooseLanguage' }), ': '), this.name);
    this.items = LANGUAGES.map((l) => h('button', {
      type: 'button', role: 'menuitemradio', class: 'cb-lang-item', tabindex: '-1', lang: l.tag,
      'aria-checked': 'false', 'data-lang': l.code, onclick: () => this.choose(l.code),
    }, checkIcon(), h('span', { dir: l.dir }, l.name)));
    this.menu = h('div', { id: 'cb-lang-menu', class: 'cb-lang-menu', role: 'menu', 'aria-labelledby': 'cb-lang', hidden: true }, ...this.items);

    this.button.addEventListener('click', () => (this.isOpen ? this.close(true) : this.open()));
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.open(event.key === 'ArrowUp' ? this.items.length - 1 : null);
      }
    });
    this.menu.addEventListener('keydown', (event) => this.onKey(event));
    // Focus or a click elsewhere closes the menu (without taking the focus back).
    this.menu.addEventListener('focusout', (event) => {
      if (!this.menu.contains(event.relatedTarget) && event.relatedTarget !== this.button && event.relatedTarget) this.close(false);
    });
    document.addEventListener('pointerdown', (event) => {
      if (this.isOpen && !this.menu.contains(event.target) && !this.button.contains(event.target)) this.close(false);
    }, true);
  }

  get isOpen() {
    return !this.menu.hidden;
  }

  /** Shows `code` as the current language. */
  render(code) {
    const current = language(code);
    this.name.textContent = current.name;
    this.name.lang = current.tag;
    this.name.dir = current.dir;
    for (const item of this.items) item.setAttribute('aria-checked', String(item.dataset.lang === current.code));
  }

  /** Opens the list with focus on item `index`, or on the current language. */
  open(index = null) {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    // The list fits in the panel below the header; longer lists scroll.
    const panel = this.button.closest('.cb-panel');
    if (panel) {
      const room = panel.getBoundingClientRect().bottom - this.menu.getBoundingClientRect().top - 8;
      this.menu.style.maxHeight = `${Math.max(room, 96)}px`;
    }
    const checked = this.items.findIndex((item) => item.getAttribute('aria-checked') === 'true');
    this.focusItem(index ?? Math.max(checked, 0));
  }

  close(refocus) {
    if (!this.isOpen) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus) this.button.focus();
  }

  choose(code) {
    this.close(true);
    this.onChoose(code);
  }

  focusItem(index) {
    const count = this.items.length;
    this.items[((index % count) + count) % count].focus();
  }

  onKey(event) {
    const index = this.items.indexOf(document.activeElement);
    switch (event.key) {
      case 'ArrowDown': this.focusItem(index + 1); break;
      case 'ArrowUp': this.focusItem(index - 1); break;
      case 'Home': this.focusItem(0); break;
      case 'End': this.focusItem(this.items.length - 1); break;
      case 'Escape':
        // Only the menu closes, not the chat panel around it.
        event.stopPropagation();
        this.close(true);
        break;
      case 'Tab':
        // Tab leaves the menu: it closes, and the focus moves on from the button.
        this.close(false);
        this.button.focus();
        return;
      default:
        if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
          const key = event.key.toLocaleLowerCase();
          const order = [...this.items.slice(index + 1), ...this.items.slice(0, index + 1)];
          const match = order.find((item) => item.textContent.trim().toLocaleLowerCase().startsWith(key));
          if (match) match.focus();
          break;
        }
        return;
    }
    event.preventDefault();
  }
}
