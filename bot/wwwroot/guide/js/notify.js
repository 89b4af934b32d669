// Opt-in alerts for a new case in the guide's groups: a short sound and a desktop notification.
// The choices are kept per browser; nothing plays or pops up until the guide turns it on.
import { el } from './dom.js';

const KEY = 'guide-console:notify';

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {};
  } catch {
    return {};
  }
}

const settings = load();

function store() {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch { /* storage may be blocked */ }
}

/** The two switches in the header. */
export function notificationControls() {
  const sound = el('input', { type: 'checkbox', id: 'notify-sound', checked: !!settings.sound });
  const desktop = el('input', { type: 'checkbox', id: 'notify-desktop', checked: !!settings.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted' });
  sound.addEventListener('change', () => {
    settings.sound = sound.checked;
    store();
    if (sound.checked) beep();
  });
  desktop.addEventListener('change', async () => {
    if (desktop.checked && typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
      desktop.checked = (await Notification.requestPermission()) === 'granted';
    }
    settings.desktop = desktop.checked;
    store();
  });
  return el('fieldset', { class: 'notify' }, el('legend', { class: 'visually-hidden' }, 'Aviseringar om nya ärenden'),
    el('span', { class: 'check' }, sound, el('label', { for: 'notify-sound' }, 'Ljud')),
    el('span', { class: 'check' }, desktop, el('label', { for: 'notify-desktop' }, 'Skrivbordsavisering')));
}

let audio = null;

/** A short two-tone signal made with Web Audio (no sound file needed). */
export function beep() {
  try {
    audio = audio || new AudioContext();
    const now = audio.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.18);
      osc.stop(now + i * 0.18 + 0.17);
    }
    window.__guideBeeps = (window.__guideBeeps || 0) + 1;
  } catch { /* no audio: the visual and spoken notices remain */ }
}

/** A new case in one of the guide's groups (or any group for a guide without groups). */
export function notifyNewCase(info, me, open) {
  const groups = (me && me.groups) || [];
  if (groups.length && !groups.includes(info.group)) return;
  if (settings.sound) beep();
  if (settings.desktop && typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    const notice = new Notification(info.status === 'message' ? 'Nytt meddelande att besvara' : 'Nytt ärende i kön', {
      body: `${info.group} – ${info.caseId}`, tag: info.caseId,
    });
    notice.onclick = () => {
      window.focus();
      open(info.caseId);
    };
  }
}
