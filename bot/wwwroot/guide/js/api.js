// The guide API with the console's cookie; a lost sign-in goes to the sign-in page.
export class AuthError extends Error { }

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || 'HTTP ' + status);
    this.status = status;
    this.detail = detail;
  }
}

let leaving = false;
export const isLeaving = () => leaving;

function toLogin() {
  if (!leaving) {
    leaving = true;
    window.location.assign('/guide/login?returnUrl=' + encodeURIComponent(window.location.pathname));
  }
}

export async function api(method, path, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['X-Requested-With'] = 'guide-console';
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname.toLowerCase().startsWith('/guide/login'))) {
    toLogin();
    throw new AuthError('Inte inloggad');
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data && (data.detail || data.title));
  return data;
}

export const caseUrl = (id) => '/api/guide/cases/' + encodeURIComponent(id);

/** A message for the guide about a failed call; null when the sign-in is gone (the page is leaving). */
export function describe(error, what) {
  if (error instanceof AuthError) return null;
  switch (error.status) {
    case 0: return `${what} misslyckades: servern svarar inte. Försök igen om en stund.`;
    case 403: return `${what} nekades av servern.`;
    case 404: return `${what} gick inte: ärendet finns inte.`;
    case 409: return `${what} gick inte: ärendet hanteras av någon annan eller är avslutat.`;
    default: return `${what} misslyckades (fel ${error.status}${error.detail ? ': ' + error.detail : ''}).`;
  }
}
