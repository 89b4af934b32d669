// Keyboard shortcuts for the things a guide does all day: Alt+Shift and a letter, so that they never
// clash with typing or the browser's own Alt menus.
import { el } from './dom.js';

export const SHORTCUTS = [
  ['T', 'Ta ärendet', '#claim'],
  ['S', 'Skicka svaret', '#send'],
  ['N', 'Skriv en intern anteckning', '#note'],
  ['A', 'Avsluta ärendet', '#close-case'],
  ['K', 'Gå till kön', '#queue'],
  ['H', 'Sök i historiken', '#history-q'],
];

export function installShortcuts() {
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    const entry = SHORTCUTS.find(([key]) => event.code === 'Key' + key);
    if (!entry) return;
    const target = document.querySelector(entry[2]);
    if (!target) return;
    event.preventDefault();
    if (entry[2] === '#history-q') document.getElementById('history').open = true;
    if (target.tagName === 'BUTTON') target.click();
    else target.focus();
  });
  for (const [key, , selector] of SHORTCUTS) {
    const target = document.querySelector(selector);
    if (target) target.setAttribute('aria-keyshortcuts', 'Alt+Shift+' + key);
  }
}

/** Marks the controls with their shortcut (for screen readers) after the case view is rebuilt. */
export function markShortcuts(root) {
  for (const [key, , selector] of SHORTCUTS) {
    const target = root.querySelector(selector);
    if (target) target.setAttribute('aria-keyshortcuts', 'Alt+Shift+' + key);
  }
}

export function shortcutHelp() {
  return el('details', { class: 'shortcut-help' }, el('summary', null, 'Kortkommandon'),
    el('dl', null, ...SHORTCUTS.map(([key, what]) => el('div', null, el('dt', null, el('kbd', null, 'Alt'), '+', el('kbd', null, 'Shift'), '+', el('kbd', null, key)), el('dd', null, what)))));
}
