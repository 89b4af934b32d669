/*
 * Göteborgs Stad chat widget loader: the two lines a host page copies load this classic script, which
 * loads the widget's ES modules (widget/js/main.js) from the bot host. The only global is window.CityChat.
 * The host page may set data-bot-url="https://…" when the script is served from elsewhere.
 */
(() => {
  'use strict';
  const script = document.currentScript;
  const base = ((script && (script.dataset.botUrl || new URL(script.src, location.href).origin)) || '').replace(/\/$/, '');
  let widget = null;
  let wanted = null;
  window.CityChat = Object.freeze({
    open: () => (widget ? widget.open() : (wanted = 'open')),
    close: () => (widget ? widget.close() : (wanted = null)),
  });
  const start = () => import(`${base || location.origin}/widget/js/main.js`).then((module) => {
    widget = module.start({ base });
    if (wanted === 'open') widget.open();
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
