// Sign-in through the OpenID Provider: authorization code with PKCE (S256) and state, as RFC 7636 and
// OpenID Connect Core describe it. The provider's endpoints come from its discovery document; which
// provider, and whether this hosting has the dev sign-in, from /site-config.json (absent: no dev sign-in).
const PENDING = 'ro.oidc.pending';
const FALLBACK = { signIn: { issuer: `${location.origin}/oidc`, citizenClientId: 'retireone-web', staffClientId: 'retireone-staff' }, devSignIn: false };

let config;
/** @returns {Promise<{ signIn: { issuer: string, citizenClientId: string, staffClientId: string }, devSignIn: boolean }>} */
export function siteConfig() {
  config ??= fetch('/site-config.json', { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : FALLBACK))
    .catch(() => FALLBACK);
  return config;
}

async function discovery() {
  const { signIn } = await siteConfig();
  const res = await fetch(`${signIn.issuer}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery: HTTP ${res.status}`);
  return res.json();
}

const base64url = (bytes) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomText = (n) => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** Leaves the page for the provider's sign-in; the provider sends the person back to `redirectUri`. */
export async function startSignIn({ clientId, redirectUri }) {
  const meta = await discovery();
  const verifier = randomText(32);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, clientId, redirectUri, tokenEndpoint: meta.token_endpoint }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid api',
    // Always ask who is there: the provider's session may be someone else's (a shared computer, or
    // a citizen's session in the browser a staff member opens the console in).
    prompt: 'login',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${meta.authorization_endpoint}?${query}`);
}

/** The claims of our own access token, for showing who is signed in (the API verifies it; the page need not). */
function claimsOf(token) {
  const part = token.split('.')[1] || '';
  const json = decodeURIComponent(
    [...atob(part.replace(/-/g, '+').replace(/_/g, '/'))].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  return JSON.parse(json);
}

/**
 * On the way back from the provider (?code=…&state=…, or ?error=…): exchanges the code for the access
 * token. Returns null when this page load is not a return from the provider.
 * @returns {Promise<null | { token: string, claims: any } | { error: string }>}
 */
export async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  // The address keeps neither the code nor the state once read.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (!pending || params.get('state') !== pending.state) return { error: 'state' };
  if (params.has('error')) return { error: params.get('error') };
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) return { error: 'token' };
  const { access_token: token } = await res.json();
  return { token, claims: claimsOf(token) };
}
