/**
 * Which links may leave the app for the system's browser or mail program: http(s) with a host, and mailto — parsed,
 * not pattern-matched, and without credentials in the address. Anything else (file:, javascript:, app:, a custom
 * scheme that would start another program) is dropped.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname.length > 0 && url.username === '' && url.password === '';
}
