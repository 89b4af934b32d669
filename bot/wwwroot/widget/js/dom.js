import { i18n } from './strings.js';

/**
 * Creates an element. Children are nodes or strings (always inserted as text, never as HTML).
 * `i18n` sets the text from a string key (and keeps the key for a language switch), `i18nLabel` the aria-label.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'i18n') { el.dataset.i18n = value; el.textContent = i18n.t(value); }
    else if (key === 'i18nLabel') { el.dataset.i18nLabel = value; el.setAttribute('aria-label', i18n.t(value)); }
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children.filter((c) => c != null && c !== false));
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An inline SVG icon (no icon font or emoji font needed), hidden from assistive technology. */
function icon(paths, fill) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'cb-icon');
  for (const d of paths) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    if (!fill) {
      path.setAttribute('fill', 'none');
      path.setAttribute('stroke', 'currentColor');
      path.setAttribute('stroke-width', '2');
      path.setAttribute('stroke-linecap', 'round');
      path.setAttribute('stroke-linejoin', 'round');
    }
    svg.append(path);
  }
  return svg;
}

export const chatIcon = () => icon(['M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'], true);

export const attachIcon = () => icon(['M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5']);

export const closeIcon = () => icon(['M6 6l12 12M18 6L6 18']);

export const checkIcon = () => icon(['M5 12.5l4.5 4.5L19 7.5']);

export const globeIcon = () => icon(['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M3 12h18', 'M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9c-2.5-2.5-3.8-5.5-3.8-9s1.3-6.5 3.8-9z']);

const clock = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const day = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', timeZone: 'Europe/Stockholm' });

/** A small time stamp (Stockholm time, like the guide console); the date too when it is not today. */
export function timeEl(value) {
  const date = new Date(value || Date.now());
  if (Number.isNaN(date.getTime())) return null;
  const today = day.format(date) === day.format(new Date());
  return h('time', { class: 'cb-time', datetime: date.toISOString() }, (today ? '' : day.format(date) + ' ') + clock.format(date));
}
