import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../electron/main/external-links';
import { rendererFile } from '../electron/main/protocol-paths';
import { profileFileFor, updateFeedOf } from '../electron/main/update-feed';
import { secureWebPreferences } from '../electron/main/web-preferences';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp';

describe('Electron shell configuration', () => {
  it('isolates and sandboxes the renderer, without Node', () => {
    const prefs = secureWebPreferences('/app/dist/electron');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('has a strict content security policy: no inline or remote scripts, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // The app's own files, and only the preview's one reader-controls script by its hash.
    const scripts = directives.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    expect(scripts.slice(1).every((source) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(source))).toBe(true);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('Electron shell: what leaves the app, what the app:// protocol serves, where the profile and updates come from', () => {
  it('sends only http(s) and mailto links to the system, parsed', () => {
    for (const url of ['https://chinhphu.vn/', 'http://baclieu.gov.vn/tin-tuc?id=1', 'mailto:toasoan@giarai.gov.vn'])
      expect(isSafeExternalUrl(url), url).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://toasoan/',
      'ms-settings:',
      'smb://server/share',
      'https://user:pw@evil.example/',
      'not a url',
      'https://',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('maps request paths to files under the renderer folder only', () => {
    const root = path.resolve('/app/dist/renderer');
    expect(rendererFile(root, '/index.html')).toBe(path.join(root, 'index.html'));
    expect(rendererFile(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    for (const attempt of [
      '/../main.cjs',
      '/%2e%2e/main.cjs',
      '/assets/%2E%2E/%2E%2E/electron/main.cjs',
      '/..%2f..%2fetc/passwd',
      '/a%5c..%5c..%5cmain.cjs',
      '/x%00.html',
      '/%E0%A4%A',
    ]) {
      expect(rendererFile(root, attempt), attempt).toBeNull();
    }
  });

  it('takes the organisation profile from the resources when packaged, from --profile only when not', () => {
    expect(
      profileFileFor({
        isPackaged: true,
        resourcesPath: '/opt/ToaSoan/resources',
        argv: ['toasoan', '--profile', '/tmp/other.json'],
      }),
    ).toBe(path.join('/opt/ToaSoan/resources', 'organisation-profile.json'));
    expect(
      profileFileFor({ isPackaged: false, resourcesPath: '/x', argv: ['electron', '.', '--profile', '/tmp/p.json'] }),
    ).toBe(path.resolve('/tmp/p.json'));
    expect(
      profileFileFor({ isPackaged: false, resourcesPath: '/x', argv: ['electron', '.', '--profile=/tmp/q.json'] }),
    ).toBe(path.resolve('/tmp/q.json'));
    expect(profileFileFor({ isPackaged: false, resourcesPath: '/x', argv: ['electron', '.'] })).toBeNull();
  });

  it('turns updates on only for a valid profile that names an https update server', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-feed-'));
    try {
      const write = (name: string, value: unknown) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(value));
        return file;
      };
      const base = {
        format: 'toasoan-organisation-profile',
        version: 1,
        portal: { name: 'Cổng', address: '', phone: '', fax: '', responsible: '' },
        categories: [],
        targets: [],
      };
      expect(
        updateFeedOf(write('on.json', { ...base, updates: { url: 'https://capnhat.example.vn/toasoan/' } })),
      ).toEqual({ provider: 'generic', url: 'https://capnhat.example.vn/toasoan/' });
      expect(updateFeedOf(write('off.json', base))).toBeNull();
      expect(updateFeedOf(write('http.json', { ...base, updates: { url: 'http://capnhat.example.vn/' } }))).toBeNull();
      expect(updateFeedOf(write('bad.json', { ...base, portal: {} }))).toBeNull();
      expect(updateFeedOf(path.join(dir, 'missing.json'))).toBeNull();
      expect(updateFeedOf(null)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
