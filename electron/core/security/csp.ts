import crypto from 'node:crypto';
import { PORTAL_PAGE_CSS, READER_SCRIPT_HASH } from '../../../shared/render/portal-page';

/** A CSP hash source ('sha256-…') of an inline style or script, by node:crypto. */
export function cspHashSource(source: string): string {
  return `sha256-${crypto.createHash('sha256').update(source, 'utf8').digest('base64')}`;
}

/**
 * The renderer's Content-Security-Policy, for both shells (Electron's app:// protocol and browser mode's host, both
 * Node). Inline style attributes are allowed because the editor stores text colour and size as inline styles;
 * scripts and style sheets come only from the app itself. The article preview is a sandboxed srcdoc frame, which
 * inherits this policy: its one reader-controls script and its one style sheet are allowed by their hashes, nothing
 * else inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'self' '${READER_SCRIPT_HASH}'`,
  `style-src 'self' '${cspHashSource(PORTAL_PAGE_CSS)}'`,
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
