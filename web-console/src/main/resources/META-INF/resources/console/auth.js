// Sign-in with Keycloak: OAuth 2.0 authorization code flow with PKCE (RFC 7636) for a public client.
// Tokens live in memory only, so a script injected into another page cannot lift them from storage;
// a reload signs in again silently through the Keycloak session (prompt=none, OpenID Connect Core 1.0 §3.1.2.1).

const PENDING = "modelport.pkce";
// Set while the user is signed in in this tab, so that a reload tries the silent sign-in instead of the button.
const SESSION = "modelport.signed-in";
let config;
let tokens = null;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
}

function redirectUri() {
  return window.location.origin + "/";
}

async function tokenRequest(form) {
  const response = await fetch(`${config.issuer}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  if (!response.ok) {
    throw new Error(`Keycloak refused the sign-in (${response.status})`);
  }
  const body = await response.json();
  tokens = { ...body, expiresAt: Date.now() + body.expires_in * 1000 };
  return tokens;
}

export async function init() {
  config = await (await fetch("/console/config.json")).json();
  const params = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  if ((params.has("code") || params.has("error")) && pending) {
    sessionStorage.removeItem(PENDING);
    window.history.replaceState({}, "", "/" + (pending.hash || ""));
    if (params.get("state") !== pending.state) {
      throw new Error("The sign-in response did not match this browser's request; please sign in again.");
    }
    if (params.has("error")) {
      // A silent sign-in found no Keycloak session (login_required): show the sign-in button.
      sessionStorage.removeItem(SESSION);
      if (pending.prompt === "none") return false;
      throw new Error(`Keycloak did not sign you in: ${params.get("error_description") || params.get("error")}`);
    }
    await tokenRequest({ grant_type: "authorization_code", code: params.get("code"),
      redirect_uri: redirectUri(), code_verifier: pending.verifier });
    sessionStorage.setItem(SESSION, "1");
  } else if (sessionStorage.getItem(SESSION)) {
    await login("none");
    return new Promise(() => {}); // the browser is leaving for Keycloak
  }
  return tokens !== null;
}

export async function login(prompt = "login") {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, prompt, hash: window.location.hash }));
  const url = new URL(`${config.issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: config.clientId, response_type: "code", scope: "openid", redirect_uri: redirectUri(),
    code_challenge: await challengeOf(verifier), code_challenge_method: "S256", state, prompt,
  });
  window.location.assign(url);
}

export function logout() {
  const url = new URL(`${config.issuer}/protocol/openid-connect/logout`);
  url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
    ...(tokens?.id_token ? { id_token_hint: tokens.id_token } : {}) });
  tokens = null;
  sessionStorage.removeItem(SESSION);
  window.location.assign(url);
}

export async function accessToken() {
  if (tokens && Date.now() > tokens.expiresAt - 30_000 && tokens.refresh_token) {
    await tokenRequest({ grant_type: "refresh_token", refresh_token: tokens.refresh_token });
  }
  return tokens?.access_token;
}
