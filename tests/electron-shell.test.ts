import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContextMenuParams } from 'electron';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../electron/main/external-links';
import {
  EXIT_CODES,
  failureDialogText,
  LOG_FOLDER,
  uncaughtReport,
  writeFailureLog,
} from '../electron/main/failure-report';
import { applicationMenuTemplate, contextMenuTemplate } from '../electron/main/menu';
import { rendererFile } from '../electron/main/protocol-paths';
import { replacementFor, wordUnderPointer } from '../electron/main/spelling';
import { profileFileFor, updateFeedOf } from '../electron/main/update-feed';
import { chromiumDataDir, coreChildEntry } from '../electron/main/shell-paths';
import { NO_DICTIONARY_DOWNLOAD_URL, secureWebPreferences } from '../electron/main/web-preferences';
import { CONTENT_SECURITY_POLICY } from '../electron/core/security/csp';
import { REPO_ROOT } from './helpers';

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

describe('Electron shell: the core process, failures, menus and spelling', () => {
  it('bundles the core child for Electron next to main, and main starts it as a utilityProcess, never the core itself', () => {
    const build = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'build.mjs'), 'utf8');
    expect(build).toContain("entryPoints: ['electron/core/child/core-child.ts']");
    expect(build).toContain("outfile: 'dist/electron/core-child.cjs'");
    const main = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'main.ts'), 'utf8');
    expect(main).not.toMatch(/from '\.\.\/core\/core'/);
    expect(main).toContain('createCoreSupervisor');
    const launcher = fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'core-process.ts'), 'utf8');
    expect(launcher).toContain('utilityProcess.fork(');
    expect(coreChildEntry('/app/dist/electron')).toBe(path.join('/app/dist/electron', 'core-child.cjs'));
  });

  it("keeps Chromium's session data (caches) out of the data folder", () => {
    const env = { XDG_CACHE_HOME: '/home/bt/.cache', LOCALAPPDATA: 'C:\\Users\\bt\\AppData\\Local' };
    expect(chromiumDataDir(undefined, env, 'linux')).toBe(path.join('/home/bt/.cache', 'ToaSoan'));
    expect(chromiumDataDir(undefined, env, 'win32')).toBe(
      path.join('C:\\Users\\bt\\AppData\\Local', 'ToaSoan', 'Chromium'),
    );
    expect(chromiumDataDir(undefined, env, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Caches', 'ToaSoan'));
    // A moved data folder (portable, tests) gets a sibling, never a folder inside it.
    const moved = chromiumDataDir('/data/toasoan');
    expect(moved).toBe(path.resolve('/data/toasoan-chromium'));
    expect(moved.startsWith(path.resolve('/data/toasoan') + path.sep)).toBe(false);
    expect(fs.readFileSync(path.join(REPO_ROOT, 'electron', 'main', 'main.ts'), 'utf8')).toContain(
      "app.setPath('sessionData', chromiumDataDir(",
    );
  });

  it("turns Chromium's spell checker off, with nowhere to download a dictionary from", () => {
    expect(secureWebPreferences('/x').spellcheck).toBe(false);
    const url = new URL(NO_DICTIONARY_DOWNLOAD_URL);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.port).toBe('1');
  });

  it('labels the application menu in the UI language, with the standard roles', () => {
    const labels = (language: 'vi' | 'en') =>
      applicationMenuTemplate(language, 'linux').map((menu) => ({
        label: menu.label,
        items: (menu.submenu as { label?: string; role?: string }[]).map((item) => item.label ?? item.role ?? '-'),
      }));
    expect(labels('vi').map((menu) => menu.label)).toEqual(['Tệp', 'Sửa', 'Xem']);
    expect(labels('en').map((menu) => menu.label)).toEqual(['File', 'Edit', 'View']);
    expect(labels('en')[1]?.items).toEqual(['Undo', 'Redo', '-', 'Cut', 'Copy', 'Paste', 'Select All']);
    expect(labels('vi')[1]?.items).toEqual(['Hoàn tác', 'Làm lại', '-', 'Cắt', 'Sao chép', 'Dán', 'Chọn tất cả']);
    expect(applicationMenuTemplate('vi', 'darwin')[0]).toEqual({ role: 'appMenu' });
  });

  it('offers cut, copy, paste and select all where they apply, and spelling suggestions when a checker gives them', () => {
    const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true } as ContextMenuParams['editFlags'];
    const roles = (items: ReturnType<typeof contextMenuTemplate>) => items.map((item) => item.role ?? item.type);
    const field = { isEditable: true, selectionText: '', misspelledWord: '', editFlags: flags };
    expect(roles(contextMenuTemplate(field, 'vi', null))).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll']);
    // Selected text in the page (not a field): copy and select all only.
    const text = { ...field, isEditable: false, selectionText: 'Ủy ban' };
    expect(roles(contextMenuTemplate(text, 'en', null))).toEqual(['copy', 'separator', 'selectAll']);
    expect(contextMenuTemplate(text, 'en', null)[0]?.label).toBe('Copy');
    // The app's spell checker doubts the word: its suggestions first, then "Thêm vào từ điển", then editing.
    const replaced: string[] = [];
    const added: string[] = [];
    const spelling = (suggestions: string[]) => ({
      word: 'chât',
      suggestions,
      replace: (suggestion: string) => replaced.push(suggestion),
      addWord: () => added.push('chât'),
    });
    const items = contextMenuTemplate({ ...field, selectionText: 'chât' }, 'vi', spelling(['chất', 'chát', 'chật']));
    expect(items.map((item) => item.label ?? item.type)).toEqual([
      'chất',
      'chát',
      'chật',
      'separator',
      'Thêm vào từ điển',
      'separator',
      'Cắt',
      'Sao chép',
      'Dán',
      'separator',
      'Chọn tất cả',
    ]);
    items[1]?.click?.(undefined as never, undefined, undefined as never);
    items[4]?.click?.(undefined as never, undefined, undefined as never);
    expect(replaced).toEqual(['chát']);
    expect(added).toEqual(['chât']);
    // At most five suggestions; none near enough says so; English labels.
    const many = contextMenuTemplate(field, 'en', spelling(['a', 'b', 'c', 'd', 'e', 'f']));
    expect(many.slice(0, 7).map((item) => item.label ?? item.type)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'separator',
      'Add to Dictionary',
    ]);
    const none = contextMenuTemplate(field, 'vi', spelling([]));
    expect(none[0]).toMatchObject({ label: 'Không có gợi ý chính tả', enabled: false });
    expect(none[2]).toMatchObject({ label: 'Thêm vào từ điển' });
    // Outside an editable field nothing can be replaced: no spelling items.
    expect(roles(contextMenuTemplate(text, 'vi', spelling(['chất'])))).toEqual(['copy', 'separator', 'selectAll']);
  });

  it('takes the word right-clicked from the selection or Chromium, one word only, keeping the spaces selected', () => {
    const at = (selectionText: string, misspelledWord = '', isEditable = true) =>
      wordUnderPointer({ selectionText, misspelledWord, isEditable });
    expect(at('chât')).toEqual({ word: 'chât', before: '', after: '', fromChromium: false });
    // Windows selects the space after a double-clicked word: it stays when the word is replaced.
    const spaced = at('chât ');
    expect(spaced).toMatchObject({ word: 'chât', after: ' ' });
    expect(replacementFor(spaced!, 'chất')).toBe('chất ');
    expect(at('', 'nghịêp')).toEqual({ word: 'nghịêp', before: '', after: '', fromChromium: true });
    for (const selection of ['', '   ', 'hai từ', '15/2023/QĐ-UBND', 'chât,', 'x'.repeat(61)])
      expect(at(selection), selection).toBeNull();
    expect(at('chât', '', false)).toBeNull();
  });

  it('writes a failure log into the data folder, or the temp folder when the data folder cannot be written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-failure-'));
    try {
      const report = uncaughtReport(new Error('boom'), 'exception');
      const at = new Date('2030-01-02T03:04:05.678Z');
      const file = writeFailureLog(dir, report, at);
      expect(file).toBe(path.join(dir, LOG_FOLDER, 'toasoan-error-2030-01-02T03-04-05-678Z.log'));
      const text = fs.readFileSync(file!, 'utf8');
      expect(text).toContain(`uncaught (exit code ${EXIT_CODES.uncaught})`);
      expect(text).toContain('Error: boom');
      expect(text).toContain(report.message);
      // A data "folder" that is a file (as unwritable as a read-only disk, even for root).
      const notAFolder = path.join(dir, 'file');
      fs.writeFileSync(notAFolder, '');
      const elsewhere = writeFailureLog(notAFolder, report, at);
      expect(elsewhere).toBe(path.join(os.tmpdir(), 'toasoan-error-2030-01-02T03-04-05-678Z.log'));
      fs.rmSync(elsewhere!, { force: true });
      const dialog = failureDialogText(report, file);
      expect(dialog.indexOf(report.message)).toBeLessThan(dialog.indexOf(report.messageEn));
      expect(dialog).toContain(file!);
      expect(new Set(Object.values(EXIT_CODES)).size).toBe(Object.keys(EXIT_CODES).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
