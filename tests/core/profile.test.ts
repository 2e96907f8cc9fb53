import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract/errors';
import {
  organisationProfileSchema,
  parseOrganisationProfile,
  PROFILE_FORMAT,
  type OrganisationProfile,
} from '../../shared/contract/profile';
import { createCore } from '../../electron/core/core';
import { cleanupAll, fails, ok, openCore, REPO_ROOT, tempDataDir } from '../helpers';

afterEach(cleanupAll);

async function pngLogo(): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#b22222' } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function validProfile(overrides: Partial<OrganisationProfile> = {}): OrganisationProfile {
  return {
    format: PROFILE_FORMAT,
    version: 1,
    portal: {
      name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ PHONG THẠNH A',
      address: 'Ấp 18, xã Phong Thạnh A',
      phone: '0291.3850215',
      fax: '',
      responsible: 'Nguyễn Văn A',
    },
    categories: [{ name: 'Tin tức - Sự kiện' }, { name: 'Thông báo', slug: 'thong-bao' }],
    sidebarLinks: [{ label: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' }],
    poll: { question: 'Bạn quan tâm nội dung nào?', options: ['Tin tức', 'Thủ tục hành chính'] },
    targets: [{ kind: 'static-site', name: 'Trang tĩnh', config: { folder: '/srv/portal' } }],
    updates: { url: 'https://capnhat.phongthanha.gov.vn/toasoan/' },
    ...overrides,
  };
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
}

/** The error a profile is refused with, from the same parser the dist script and the first run use. */
function refusal(value: unknown): ContractError {
  try {
    parseOrganisationProfile(typeof value === 'string' ? value : JSON.stringify(value), 'profile.json');
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('the profile was accepted');
}

describe('the organisation profile', () => {
  it('round-trips: export → file → check → first run of a fresh core gives the same portal, categories and targets', async () => {
    const source = openCore(tempDataDir());
    await ok(source, 'portal.update', validProfile().portal);
    await ok(source, 'categories.create', { name: 'Tin tức - Sự kiện' });
    await ok(source, 'categories.create', { name: 'Văn bản chỉ đạo', slug: 'van-ban' });
    await ok(source, 'categories.create', { name: 'Thông báo' });
    await ok(source, 'targets.create', {
      kind: 'static-site',
      name: 'Trang tĩnh',
      config: { folder: '/srv/portal', baseUrl: 'https://phongthanha.gov.vn/' },
    });
    await ok(source, 'targets.create', {
      kind: 'http-json',
      name: 'API cổng tỉnh',
      config: { endpoint: 'https://api.baclieu.gov.vn/v1', timeoutMs: 20_000 },
      secret: 'bi-mat-khong-duoc-xuat',
      enabled: false,
    });
    const logo = await pngLogo();
    await ok(source, 'profile.update', {
      logo,
      sidebarLinks: validProfile().sidebarLinks ?? [],
      poll: validProfile().poll ?? null,
      updates: { url: 'https://capnhat.example.vn/toasoan/' },
    });
    // The pre-publication check's settings travel with the profile (compared below through the second export).
    await ok(source, 'quality.updateSettings', { toneStyle: 'modern', words: ['Thạnh'] });

    const exported = await ok(source, 'profile.export', {});
    expect(exported.quality).toMatchObject({ toneStyle: 'modern', words: ['Thạnh'] });
    const text = JSON.stringify(exported, null, 2);
    // Settings, never secrets.
    expect(text).not.toContain('bi-mat-khong-duoc-xuat');
    expect(text).not.toMatch(/"secret"|hasSecret/);
    const file = writeJson(tempDataDir('toasoan-profile-'), 'organisation-profile.json', text);
    const checked = parseOrganisationProfile(fs.readFileSync(file, 'utf8'), file);
    expect(checked).toEqual(exported);

    // A fresh data folder started with the profile: the first run applies it before anyone exists …
    const dir = tempDataDir();
    const applied = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: file });
    expect(applied.startupError).toBeNull();
    const status = await applied.invoke('auth.status', {});
    // … and then asks only for the first administrator.
    expect(status).toMatchObject({ ok: true, value: { needsFirstAdmin: true } });
    applied.close();
    const core = openCore(dir);
    expect(await ok(core, 'portal.get', {})).toEqual(await ok(source, 'portal.get', {}));
    const names = (categories: { name: string; slug: string }[]) =>
      categories.map(({ name, slug }) => ({ name, slug }));
    expect(names(await ok(core, 'categories.list', {}))).toEqual(names(await ok(source, 'categories.list', {})));
    const targets = (list: { kind: string; name: string; config: unknown; enabled: boolean }[]) =>
      list.map(({ kind, name, config, enabled }) => ({ kind, name, config, enabled }));
    expect(targets(await ok(core, 'targets.list', {}))).toEqual(targets(await ok(source, 'targets.list', {})));
    expect((await ok(core, 'targets.list', {})).every((target) => !target.hasSecret)).toBe(true);
    // No demo on top of the organisation's own profile.
    expect(await ok(core, 'setup.status', {})).toMatchObject({ offerDemo: false });
    const again = await ok(core, 'profile.export', {});
    expect({ ...again, exportedAt: undefined }).toEqual({ ...exported, exportedAt: undefined });
    const audit = await ok(core, 'audit.list', { action: 'profile.applied' });
    expect(audit.items).toHaveLength(1);
    expect(JSON.parse(audit.items[0]?.details ?? '{}')).toMatchObject({ source: file, categories: 3, targets: 2 });
  });

  it('names the wrong field of a bad profile', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...validProfile(), format: 'something-else' }, /^format: /],
      [{ ...validProfile(), portal: { ...validProfile().portal, name: '  ' } }, /^portal\.name: must not be empty/],
      [{ ...validProfile(), categories: [{ name: 'A' }, { name: '' }] }, /^categories\.1\.name: /],
      [
        { ...validProfile(), categories: [{ name: 'A' }, { name: 'B' }, { name: 'A' }] },
        /^categories\.2\.name: repeats categories\.0\.name/,
      ],
      [{ ...validProfile(), categories: [{ name: 'A', slug: 'Có Dấu' }] }, /^categories\.0\.slug: /],
      [
        { ...validProfile(), targets: [{ kind: 'static-site', name: 'T', config: { folder: 'relative/folder' } }] },
        /^targets\.0\.config\.folder: /,
      ],
      [{ ...validProfile(), targets: [{ kind: 'ftp', name: 'T', config: {} }] }, /^targets\.0\.kind: /],
      // A secret has no place in a profile.
      [
        {
          ...validProfile(),
          targets: [{ kind: 'http-json', name: 'T', config: { endpoint: 'https://a.vn/api' }, secret: 'x' }],
        },
        /^targets\.0: unknown field: secret/,
      ],
      [
        { ...validProfile(), logo: 'data:image/svg+xml;base64,PHN2Zz4=' },
        /^logo: a data: URL of a PNG, JPEG or WebP image/,
      ],
      [
        { ...validProfile(), logo: 'data:image/png;base64,/9j/AAAA' },
        /^logo: the data is not an image of the type the URL names/,
      ],
      [{ ...validProfile(), sidebarLinks: [{ label: 'X', url: 'javascript:alert(1)' }] }, /^sidebarLinks\.0\.url: /],
      [{ ...validProfile(), poll: { question: 'Q', options: ['only one'] } }, /^poll\.options: /],
      [{ ...validProfile(), updates: { url: 'ftp://x.vn/' } }, /^updates\.url: /],
      [{ ...validProfile(), updates: { url: 'http://capnhat.x.vn/' } }, /^updates\.url: /],
      [{ ...validProfile(), extra: true }, /^\(payload\): unknown field: extra/],
    ];
    for (const [profile, field] of cases) {
      const error = refusal(profile);
      expect(error.code).toBe('VALIDATION');
      expect(error.issues?.map((issue) => issue.messageEn).join(' | '), JSON.stringify(profile).slice(0, 200)).toMatch(
        field,
      );
      expect(error.messageEn).toContain('profile.json');
      expect(error.message).toContain('Hồ sơ tổ chức');
    }
    expect(refusal('{ not json').messageEn).toMatch(/profile\.json is not valid JSON/);
    // A logo over the size limit.
    const big = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(400_000)}`;
    expect(refusal({ ...validProfile(), logo: big }).issues?.[0]?.path).toBe('logo');
    expect(organisationProfileSchema.safeParse(validProfile({ logo: await pngLogo() })).success).toBe(true);
  });

  it('refuses a bad profile at first run with the field in the startup error, and changes nothing', async () => {
    const dir = tempDataDir();
    const file = writeJson(tempDataDir('toasoan-profile-'), 'organisation-profile.json', {
      ...validProfile(),
      categories: [{ name: 'Tin tức' }, { name: '' }],
    });
    const core = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: file });
    try {
      expect(core.startupError?.code).toBe('VALIDATION');
      expect(core.startupError?.messageEn).toContain(file);
      expect(core.startupError?.messageEn).toContain('categories.1.name');
      const answer = await core.invoke('settings.get', {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    } finally {
      core.close();
    }
    // Nothing was applied: with the file fixed, the next start applies it.
    fs.writeFileSync(file, JSON.stringify(validProfile()));
    const applied = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: file });
    expect(applied.startupError).toBeNull();
    applied.close();
    const fixed = openCore(dir);
    expect(fixed.startupError).toBeNull();
    expect((await ok(fixed, 'categories.list', {})).map((c) => c.name)).toEqual(['Tin tức - Sự kiện', 'Thông báo']);
    expect(await ok(fixed, 'portal.get', {})).toMatchObject({ name: 'CỔNG THÔNG TIN ĐIỆN TỬ XÃ PHONG THẠNH A' });
  });

  it('never reads the profile once the store holds anything', async () => {
    const dir = tempDataDir();
    const first = openCore(dir);
    await ok(first, 'categories.create', { name: 'Đã có' });
    first.close();
    const bad = writeJson(tempDataDir('toasoan-profile-'), 'organisation-profile.json', '{ broken');
    const core = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: bad });
    try {
      expect(core.startupError).toBeNull();
    } finally {
      core.close();
    }
    const good = writeJson(tempDataDir('toasoan-profile-'), 'organisation-profile.json', validProfile());
    const again = createCore({ dataDir: dir, version: '0.0.0-test', shell: 'browser', profileFile: good });
    try {
      const admin = await again.invoke('auth.signIn', { username: 'quantri', password: 'mat-khau-quan-tri' });
      const token = admin.ok ? (admin.value as { sessionToken: string }).sessionToken : null;
      const list = await again.invoke('categories.list', {}, { sessionToken: token });
      expect(list).toMatchObject({ ok: true, value: [{ name: 'Đã có' }] });
    } finally {
      again.close();
    }
  });

  it('export names the missing portal name instead of writing a profile that would be refused', async () => {
    const core = openCore(tempDataDir());
    const error = await fails(core, 'profile.export', {});
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]?.path).toBe('portal.name');
  });
});

describe('npm run dist -- --profile FILE (the check before electron-builder runs)', () => {
  const dist = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'dist.mjs'), ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });

  it('refuses a bad profile, naming the field, before building anything', () => {
    const file = writeJson(tempDataDir('toasoan-profile-'), 'bad.json', {
      ...validProfile(),
      targets: [{ kind: 'static-site', name: 'T', config: { folder: 'not/absolute' } }],
    });
    const run = dist('--profile', file, '--check-profile-only');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('targets.0.config.folder');
    expect(run.stderr).toContain(file);
  }, 60_000);

  it('accepts a good profile and stages it as the organisation-profile.json resource', () => {
    const file = writeJson(tempDataDir('toasoan-profile-'), 'good.json', validProfile());
    const run = dist('--profile', file, '--check-profile-only');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CỔNG THÔNG TIN ĐIỆN TỬ XÃ PHONG THẠNH A');
  }, 60_000);

  it('refuses a missing profile file', () => {
    const run = dist('--profile', path.join(tempDataDir(), 'nowhere.json'), '--check-profile-only');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('nowhere.json');
  }, 60_000);
});
