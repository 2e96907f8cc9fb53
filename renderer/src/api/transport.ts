import { CHANNEL_NAMES, type ToaSoanApi } from '../../../shared/contract';
import type { Result } from '../../../shared/contract/errors';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    toasoan?: ToaSoanApi;
  }
}

const TOKEN_KEY = 'toasoan.token';

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
    const response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Result<unknown>;
  };
  return Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as ToaSoanApi;
}

export function createTransport(): ToaSoanApi {
  return window.toasoan ?? httpApi();
}
