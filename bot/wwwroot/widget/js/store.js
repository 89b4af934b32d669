// The conversation is kept for the tab (sessionStorage), so a reload continues it.
const STORE_KEY = 'cb-chat';

export function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY)) || {};
  } catch {
    return {};
  }
}

export function save(data) {
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify({ ...load(), ...data }));
  } catch {
    // Storage may be disabled; the chat still works for this page view.
  }
}
