import type { ToaSoanApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/errors';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    toasoan?: ToaSoanApi;
  }
}

const TOKEN_KEY = 'toasoan.token';
/** This tab's session (browser mode); in Electron the main process keeps it and the page never sees it. */
const SESSION_KEY = 'toasoan.session';

/**
 * Browser mode: the per-run token arrives in the URL fragment (never sent to the server in a request line),
 * is kept for this tab only, and is taken out of the address bar.
 */
function browserToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpApi(): ToaSoanApi {
  const token = browserToken();
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    const body = JSON.stringify(input ?? {});
    const session = sessionStorage.getItem(SESSION_KEY);
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...(session ? { 'X-Toasoan-Session': session } : {}),
      },
      body,
      // A save sent while the tab closes still arrives (the browser allows keepalive for small bodies).
      keepalive: body.length < 60_000,
    });
    const result = (await response.json()) as Result<{ sessionToken?: string }>;
    if (result.ok && typeof result.value?.sessionToken === 'string')
      sessionStorage.setItem(SESSION_KEY, result.value.sessionToken);
    if (channel === 'auth.signOut' || (!result.ok && result.error.code === 'AUTH_REQUIRED'))
      sessionStorage.removeItem(SESSION_KEY);
    return result;
  };
  // A function per channel made when first asked for: listing the channels would import the whole contract, and
  // building its zod schemas took about 110 ms of the first screen here. The core checks every name and input anyway.
  const methods = new Map<string, (input: unknown) => Promise<Result<unknown>>>();
  return new Proxy({} as ToaSoanApi, {
    get: (_target, name) => {
      // Every channel is named 'area.action': anything else (a 'then' looked for by await, a symbol) is not one.
      if (typeof name !== 'string' || !name.includes('.')) return undefined;
      let method = methods.get(name);
      if (!method) {
        method = (input: unknown) => call(name, input);
        methods.set(name, method);
      }
      return method;
    },
  });
}

/** Whether this window may be signed in already: Electron's main keeps the session; a browser tab holds its own. */
export function maybeSignedIn(): boolean {
  return window.toasoan !== undefined || sessionStorage.getItem(SESSION_KEY) !== null;
}

export function createTransport(): ToaSoanApi {
  return window.toasoan ?? httpApi();
}
