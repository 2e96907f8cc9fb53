import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, cspHashSource } from '../../electron/core/security/csp';
import { PORTAL_PAGE_CSS, READER_SCRIPT, READER_SCRIPT_HASH } from '../../shared/render/portal-page';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name as string, values];
  }),
);

describe('the renderer CSP hashes (node:crypto)', () => {
  it('hashes as UTF-8, as a browser hashes an inline script or style', () => {
    expect(cspHashSource('')).toBe('sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    const vietnamese = 'Tòa Soạn — ✓';
    expect(cspHashSource(vietnamese)).toBe(
      `sha256-${crypto.createHash('sha256').update(Buffer.from(vietnamese, 'utf8')).digest('base64')}`,
    );
  });

  it("allows the preview's one script and one style sheet by their hashes, nothing else inline", () => {
    expect(READER_SCRIPT_HASH).toBe(cspHashSource(READER_SCRIPT));
    expect(directives.get('script-src')).toEqual(["'self'", `'${READER_SCRIPT_HASH}'`]);
    expect(directives.get('style-src')).toEqual(["'self'", `'${cspHashSource(PORTAL_PAGE_CSS)}'`]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });
});
