// The guide sign-in page: shows why the last attempt failed and keeps the page to return to.
(function () {
  'use strict';

  var messages = {
    '1': 'Fel användarnamn eller lösenord. Försök igen.',
    '2': 'För många misslyckade inloggningar. Vänta några minuter och försök sedan igen.'
  };

  function start() {
    var params = new URLSearchParams(window.location.search);
    var returnUrl = params.get('returnUrl');
    // Only console addresses; the server checks this again.
    if (returnUrl && /^\/guide(\/|$|\?)/.test(returnUrl) && returnUrl.indexOf('//') === -1) {
      document.getElementById('returnUrl').value = returnUrl;
    }

    var error = messages[params.get('error')];
    if (error) {
      document.getElementById('login-error').textContent = error;
      ['userName', 'password'].forEach(function (id) {
        var field = document.getElementById(id);
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', 'login-error');
      });
    } else if (params.get('loggedOut') === '1') {
      document.getElementById('login-status').textContent = 'Du är utloggad.';
    }
    document.getElementById('userName').focus();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
