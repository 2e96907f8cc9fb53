/**
 * The static site's signed manifest (issue 16 item 3), through the real core: an article approved in a two-step chain
 * whose last step is signed with a PKCS#12 key of a CA made here, published to a static-site target by the queue.
 * The manifest lists each article page with its hash, the approval and the signer's certificate; `npm run verify-site`
 * run as a child process passes the clean site and names every page that differs (changed, deleted, added), a
 * manifest edited or signed by another key, and refuses a manifest it cannot read.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../shared/contract/articles';
import type { TransitionAction } from '../../shared/contract/workflow';
import type { Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/database';
import type { SecretBox } from '../../electron/core/publish/secrets';
import {
  MANIFEST_SIGNATURE,
  SIGNED_MANIFEST,
  SITE_PUBLIC_KEY,
  signatureOf,
  type ManifestMonth,
  type SiteManifest,
} from '../../electron/core/publish/site-manifest';
import type { TargetContext } from '../../electron/core/publish/target';
import { staticSiteTarget } from '../../electron/core/publish/targets/static-site';
import { createArticle } from '../../electron/core/store/articles';
import { cleanupAll, createUserAndSignIn, ok, openCore, REPO_ROOT, tempDataDir, type SignedInUser } from '../helpers';
import { runQueueToRest, signedTwoStepChain } from '../support/signed-chain';

const BODY = (text: string) =>
  JSON.stringify({
    root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
  });

let core: Core;
let leader: SignedInUser;
let siteDir: string;
let targetId: number;
let category: number;
let signed: Article;
let plain: Article;

interface Run {
  code: number | null;
  out: string;
}

/** The verify command in a process of its own, as an administrator runs it. */
function verify(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'verify-site.mjs'), ...args],
      { cwd: REPO_ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: `${stdout}${stderr}` });
      },
    );
  });
}

async function transition(
  article: Article,
  action: TransitionAction,
  session?: string,
  extra: object = {},
): Promise<Article> {
  return ok(core, 'articles.transition', { id: article.id, baseVersion: article.version, action, ...extra }, session);
}

/** An article of the category approved through its chain — the leader's last step signed — and published. */
async function signedAndPublished(title: string, text: string): Promise<Article> {
  let article = await ok(core, 'articles.create', { title, categoryId: category, bodyJson: BODY(text) });
  article = await transition(article, 'submit');
  article = await transition(article, 'approve');
  article = await transition(article, 'approve', leader.session, { signWith: 'pkcs12' });
  return transition(article, 'publish');
}

const readJson = <T>(dir: string, rel: string): T =>
  JSON.parse(fs.readFileSync(path.join(dir, ...rel.split('/')), 'utf8')) as T;

/** The manifest with its months' pages and certificates gathered. */
function readManifest(dir = siteDir) {
  const manifest = readJson<SiteManifest>(dir, SIGNED_MANIFEST);
  const months = manifest.months.map((entry) => readJson<ManifestMonth>(dir, entry.file));
  return {
    ...manifest,
    pages: months.flatMap((month) => month.pages),
    certificates: Object.assign({}, ...months.map((month) => month.certificates)) as ManifestMonth['certificates'],
  };
}

/** Every file of the manifest (the list of months, each month's file, their signatures) with its text. */
function manifestFiles(dir: string): Map<string, string> {
  const rels = [SIGNED_MANIFEST, ...readManifest(dir).months.map((entry) => entry.file)].flatMap((rel) => [
    rel,
    signatureOf(rel),
  ]);
  return new Map(rels.map((rel) => [rel, fs.readFileSync(path.join(dir, ...rel.split('/')), 'utf8')]));
}

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A copy of the published site to tamper with, so each case starts from the clean site. */
function copyOfSite(): string {
  const dir = path.join(tempDataDir('toasoan-tampered-'), 'site');
  fs.cpSync(siteDir, dir, { recursive: true });
  return dir;
}

const pagePath = (article: Article): string => {
  const page = readManifest().pages.find((p) => p.articleId === article.id);
  if (!page) throw new Error(`article ${article.id} is not in the manifest`);
  return page.path;
};

beforeAll(async () => {
  core = openCore(tempDataDir());
  leader = await createUserAndSignIn(core, 'leader', 'lanhdao', 'Lê Minh Tâm');
  category = (await signedTwoStepChain(core, leader, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' })).categoryId;
  siteDir = path.join(tempDataDir('toasoan-site-'), 'site');
  targetId = (
    await ok(core, 'targets.create', {
      kind: 'static-site',
      name: 'Cổng xã',
      config: { folder: siteDir, baseUrl: 'https://xa.example.gov.vn/' },
    })
  ).id;

  signed = await signedAndPublished(
    'Hội nghị tổng kết công tác năm',
    'Sáng nay, Ủy ban nhân dân xã tổ chức hội nghị tổng kết năm.',
  );
  // Approved in the default single step, not signed.
  let b = await ok(core, 'articles.create', { title: 'Thông báo lịch tiếp công dân', bodyJson: BODY('Lịch tiếp.') });
  for (const action of ['submit', 'approve', 'publish'] as const) b = await transition(b, action);
  plain = b;
  await runQueueToRest(core);
}, 120_000);
afterAll(cleanupAll);

describe('the signed manifest the site writes', () => {
  it('lists each article page with its hash, its approval, the approver and the certificate', () => {
    const manifest = readManifest();
    expect(manifest.format).toBe('toasoan-site-manifest/2');
    expect(manifest.pages.map((p) => p.articleId).sort()).toEqual([signed.id, plain.id].sort());
    for (const page of manifest.pages) {
      expect(page.sha256).toBe(sha256(path.join(siteDir, ...page.path.split('/'))));
      expect(page.url).toBe(`https://xa.example.gov.vn/${page.path}`);
    }
    const page = manifest.pages.find((p) => p.articleId === signed.id);
    expect(page?.approval?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const steps = page?.approval?.steps ?? [];
    expect(steps.map((s) => [s.step, s.stepCount, s.approver])).toEqual([
      [1, 2, 'Trần Quản Trị'],
      [2, 2, 'Lê Minh Tâm'],
    ]);
    expect(steps[0]?.certificate).toBeNull();
    const fingerprint = steps[1]?.certificate as string;
    expect(manifest.certificates[fingerprint]?.subject).toContain('CN=Lê Minh Tâm');
    expect(manifest.certificates[fingerprint]?.pem).toContain('BEGIN CERTIFICATE');
    expect(steps[1]?.signature).toBeTruthy();
    const unsigned = manifest.pages.find((p) => p.articleId === plain.id);
    expect(unsigned?.approval?.steps).toMatchObject([{ step: 1, stepCount: 1, certificate: null, signature: null }]);
  });

  it('is signed with the site key, whose public key is written beside it', () => {
    const bytes = fs.readFileSync(path.join(siteDir, SIGNED_MANIFEST));
    const signature = Buffer.from(fs.readFileSync(path.join(siteDir, MANIFEST_SIGNATURE), 'utf8').trim(), 'base64');
    const key = crypto.createPublicKey(fs.readFileSync(path.join(siteDir, SITE_PUBLIC_KEY), 'utf8'));
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(crypto.verify(null, bytes, key, signature)).toBe(true);
    const fingerprint = crypto
      .createHash('sha256')
      .update(key.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    expect(readManifest().keyFingerprint).toBe(fingerprint);
  });

  it('shows the administrator the key to give whoever checks the site', async () => {
    const targets = await ok(core, 'targets.list', {});
    expect(targets.find((target) => target.id === targetId)?.siteKey).toBe(readManifest().keyFingerprint);
  });
});

describe('npm run verify-site', { timeout: 120_000 }, () => {
  it('passes the clean site (exit 0), through npm as documented', async () => {
    const run = await new Promise<Run>((resolve) => {
      execFile('npm', ['run', '--silent', 'verify-site', '--', siteDir], { cwd: REPO_ROOT }, (error, stdout) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout }),
      );
    });
    expect(run.out).toContain('OK: all 2 pages match the signed manifest.');
    expect(run.out).toContain('Khớp: cả 2 trang đúng như bản kê đã ký.');
    expect(run.code).toBe(0);
  });

  it('names a page with one byte changed (exit 1)', async () => {
    const dir = copyOfSite();
    const rel = pagePath(signed);
    const file = path.join(dir, ...rel.split('/'));
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('hội nghị');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'H'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${rel}\n  Nội dung trang khác với bản đã ký`);
    expect(run.out).toContain('The page differs from the signed one');
    expect(run.out).not.toContain(pagePath(plain));
  });

  it('names a deleted page and an added one, each with its reason', async () => {
    const dir = copyOfSite();
    const gone = pagePath(plain);
    fs.rmSync(path.join(dir, ...gone.split('/')));
    fs.writeFileSync(path.join(dir, 'tin-hoat-dong', 'tin-gia-mao.html'), '<!doctype html><title>Tin giả</title>');
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${gone}\n  Trang có trong bản kê nhưng không còn trong thư mục`);
    expect(run.out).toContain('The page is in the manifest but not in the folder');
    expect(run.out).toContain('tin-hoat-dong/tin-gia-mao.html\n  Trang có trong thư mục nhưng không có trong bản kê');
    expect(run.out).toContain('The page is in the folder but not in the manifest');
    // The site's own list pages are not articles and are not reported.
    expect(run.out).not.toContain('tin-hoat-dong/index.html');
    expect(run.out).toContain('DIFFERS: 2 things differ');
  });

  it('finds a manifest edited to match a changed page (exit 1)', async () => {
    const dir = copyOfSite();
    const rel = pagePath(signed);
    const file = path.join(dir, ...rel.split('/'));
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tổng kết', 'sơ kết'));
    const original = readManifest(dir).pages.find((p) => p.path === rel)?.sha256 as string;
    const month = readManifest(dir).months.find((entry) =>
      fs.readFileSync(path.join(dir, ...entry.file.split('/')), 'utf8').includes(original),
    )?.file as string;
    const monthPath = path.join(dir, ...month.split('/'));
    fs.writeFileSync(monthPath, fs.readFileSync(monthPath, 'utf8').replace(original, sha256(file)));
    const run = await verify(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${month}\n  Chữ ký của tệp bản kê tháng`);
    expect(run.out).toContain('was changed after Tòa Soạn signed it');
    expect(run.out).not.toContain('Nội dung trang khác');

    // The list of months edited: its own signature fails.
    const rootPath = path.join(dir, SIGNED_MANIFEST);
    fs.writeFileSync(rootPath, fs.readFileSync(rootPath, 'utf8').replace('"pages": 2', '"pages": 3'));
    const root = await verify(dir);
    expect(root.code).toBe(1);
    expect(root.out).toContain(`${SIGNED_MANIFEST}\n  Chữ ký của bản kê không khớp`);
    expect(root.out).toContain("The manifest's signature does not match");
  });

  it('a manifest re-signed with another key passes only when the key is not pinned', async () => {
    const dir = copyOfSite();
    const real = readManifest().keyFingerprint;
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const forged = {
      ...readJson<SiteManifest>(dir, SIGNED_MANIFEST),
      keyFingerprint: crypto
        .createHash('sha256')
        .update(publicKey.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    };
    const resign = (rel: string, bytes: Buffer): void => {
      fs.writeFileSync(path.join(dir, ...rel.split('/')), bytes);
      fs.writeFileSync(
        path.join(dir, ...signatureOf(rel).split('/')),
        crypto.sign(null, bytes, privateKey).toString('base64'),
      );
    };
    resign(SIGNED_MANIFEST, Buffer.from(JSON.stringify(forged)));
    for (const entry of forged.months) resign(entry.file, fs.readFileSync(path.join(dir, ...entry.file.split('/'))));
    fs.writeFileSync(path.join(dir, SITE_PUBLIC_KEY), publicKey.export({ type: 'spki', format: 'pem' }));
    // Unpinned, the command can only say the folder is consistent, and says the key was not compared.
    const unpinned = await verify(dir);
    expect(unpinned.code).toBe(0);
    expect(unpinned.out).toContain('Key not pinned');
    const keyFile = path.join(tempDataDir('toasoan-key-'), 'site-key.pem');
    fs.copyFileSync(path.join(siteDir, SITE_PUBLIC_KEY), keyFile);
    for (const pin of [
      ['--fingerprint', real.replace(/(.{4})/g, '$1:')],
      ['--key', keyFile],
    ]) {
      const run = await verify(dir, ...pin);
      expect(run.code).toBe(1);
      expect(run.out).toContain(`${SITE_PUBLIC_KEY}\n  Khóa của trang`);
      expect(run.out).toContain('someone else may have signed the manifest');
    }
    expect((await verify(siteDir, '--fingerprint', real)).code).toBe(0);
  });

  it('refuses a garbage or missing manifest and bad arguments (exit 2)', async () => {
    const garbage = copyOfSite();
    fs.writeFileSync(path.join(garbage, SIGNED_MANIFEST), 'không phải JSON {');
    const run = await verify(garbage);
    expect(run.code).toBe(2);
    expect(run.out).toContain('is not a readable Tòa Soạn site manifest');
    expect(run.out).toContain('không phải là bản kê của trang Tòa Soạn');

    const unsigned = copyOfSite();
    fs.rmSync(path.join(unsigned, MANIFEST_SIGNATURE));
    expect((await verify(unsigned)).code).toBe(2);

    const empty = tempDataDir('toasoan-empty-');
    const none = await verify(empty);
    expect(none.code).toBe(2);
    expect(none.out).toContain('the folder has no signed manifest');

    for (const args of [[], [siteDir, '--fingerprint', 'abc'], [siteDir, '--bogus'], [path.join(empty, 'khong-co')]]) {
      const bad = await verify(...args);
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('Usage: npm run verify-site -- DIR');
    }
  });
});

describe('kept exact by each publication', () => {
  it('after an update and an unpublication the site still verifies, and a rebuild gives the same manifest', async () => {
    // What an older state of the site held: the page and its month's file, validly signed at the time.
    const plainPage = pagePath(plain);
    const before = new Map(
      [plainPage, ...readManifest().months.flatMap((entry) => [entry.file, signatureOf(entry.file)])].map((rel) => [
        rel,
        fs.readFileSync(path.join(siteDir, ...rel.split('/'))),
      ]),
    );
    let b = await ok(core, 'articles.update', {
      id: plain.id,
      baseVersion: (await ok(core, 'articles.get', { id: plain.id })).version,
      changes: { bodyJson: BODY('Lịch tiếp công dân tháng này.') },
    });
    for (const action of ['submit', 'approve', 'publish'] as const) b = await transition(b, action);
    const c = await signedAndPublished('Bài sẽ gỡ', 'Nội dung.');
    await runQueueToRest(core);
    expect(readManifest().pages).toHaveLength(3);
    await transition(await ok(core, 'articles.get', { id: c.id }), 'unpublish');
    await runQueueToRest(core);
    const incremental = manifestFiles(siteDir);
    expect(
      readManifest()
        .pages.map((p) => p.articleId)
        .sort(),
    ).toEqual([signed.id, plain.id].sort());
    expect((await verify(siteDir)).code).toBe(0);

    // One month put back as it was (its page too), signed by the site itself: the list of months tells.
    const rolledBack = copyOfSite();
    for (const [rel, bytes] of before) fs.writeFileSync(path.join(rolledBack, ...rel.split('/')), bytes);
    const old = await verify(rolledBack);
    expect(old.code).toBe(1);
    expect(old.out).toContain('it may be an older one');
    expect(old.out).toContain('có thể là một bản cũ hơn');

    await ok(core, 'targets.rebuild', { id: targetId });
    await runQueueToRest(core);
    expect(manifestFiles(siteDir)).toEqual(incremental);
    expect((await verify(siteDir)).code).toBe(0);
  }, 120_000);
});

/** A keychain stand-in: bytes reversed under a scheme name (a key sealed by one is unreadable to another). */
function keychain(scheme: string): SecretBox {
  return {
    scheme,
    seal: (plain) => Buffer.from(plain, 'utf8').reverse(),
    open: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
  };
}

describe("the site's signing key", () => {
  it('is sealed by the keychain; one sealed elsewhere fails a publication; a rebuild makes a new key and hashes older pages', async () => {
    const dataDir = tempDataDir();
    const { db } = openDatabase(dataDir);
    try {
      const folder = path.join(tempDataDir('toasoan-site-'), 'site');
      const config = { folder, baseUrl: 'https://phuong.example.gov.vn/' };
      const at = new Date().toISOString();
      const id = Number(
        db
          .prepare(
            "INSERT INTO publish_targets (kind, name, config, created_at, updated_at) VALUES ('static-site', 'Trang tĩnh', ?, ?, ?)",
          )
          .run(JSON.stringify(config), at, at).lastInsertRowid,
      );
      const target = staticSiteTarget(config);
      const context = (secrets: SecretBox): TargetContext => ({
        db,
        dataDir,
        now: () => new Date(),
        signal: new AbortController().signal,
        progress: () => undefined,
        secret: null,
        secrets,
      });
      const publish = (title: string, secrets: SecretBox) => {
        const article = createArticle(db, { title, status: 'published', bodyJson: BODY(title) });
        return target.publish(
          { targetId: id, articleId: article.id, article, idempotencyKey: title, scheduledFor: null, previous: null },
          context(secrets),
        );
      };

      await publish('Bài thứ nhất', keychain('may-nay'));
      const row = db.prepare('SELECT sealed_key, scheme FROM site_keys WHERE target_id = ?').get(id) as {
        sealed_key: Buffer;
        scheme: string;
      };
      expect(row.scheme).toBe('may-nay');
      expect(row.sealed_key.toString('utf8')).not.toContain('PRIVATE KEY');
      const first = readManifest(folder).keyFingerprint;
      expect((await verify(folder, '--fingerprint', first)).code).toBe(0);

      // On a machine whose keychain cannot open it: the job fails at once, the site is left as it was.
      await expect(publish('Bài thứ hai', keychain('may-khac'))).rejects.toMatchObject({
        kind: 'permanent',
        code: 'SITE_KEY_UNAVAILABLE',
        message: expect.stringContaining('Dựng lại toàn bộ'),
        messageEn: expect.stringContaining('Rebuild everything'),
      });
      expect(readManifest(folder).pages.map((p) => p.title)).toEqual(['Bài thứ nhất']);
      expect((await verify(folder, '--fingerprint', first)).code).toBe(0);

      // A rebuild there makes a new key (the record now holds both articles); the old fingerprint no longer matches.
      await target.rebuild(id, context(keychain('may-khac')));
      const renewed = readManifest(folder).keyFingerprint;
      expect(renewed).not.toBe(first);
      expect((await verify(folder, '--fingerprint', renewed)).code).toBe(0);
      expect((await verify(folder, '--fingerprint', first)).code).toBe(1);

      // A page written before the site kept hashes (a folder from an earlier version): named until a rebuild.
      const older = readManifest(folder).pages[0] as ManifestMonth['pages'][number];
      db.prepare('UPDATE site_entries SET page_sha256 = NULL WHERE target_id = ? AND article_id = ?').run(
        id,
        older.articleId,
      );
      await publish('Bài thứ ba', keychain('may-khac'));
      const unhashed = await verify(folder);
      expect(unhashed.code).toBe(1);
      expect(unhashed.out).toContain(`${older.path}\n  Bản kê chưa có mã băm của trang này`);
      expect(unhashed.out).toContain("run 'Rebuild everything'");
      await target.rebuild(id, context(keychain('may-khac')));
      expect((await verify(folder, '--fingerprint', renewed)).code).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000);
});
