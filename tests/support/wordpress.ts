import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * A real WordPress 6.1 (Debian's packages) on 127.0.0.1 for the publishing-target tests, started by
 * scripts/wordpress/provision.mjs on a free port with a fresh database. One instance per test file:
 *
 *   const wordpress = await startWordPress();          // null (and a printed reason) where it cannot run
 *   afterAll(() => wordpress?.stop());
 *   describe.skipIf(!wordpress)('…', () => { … wpFetch(wordpress!, 'editor', '/posts') … });
 */

export type WordPressRole = 'contributor' | 'author' | 'editor' | 'administrator';

export const WORDPRESS_ROLES: readonly WordPressRole[] = ['contributor', 'author', 'editor', 'administrator'];

export interface WordPressUser {
  id: number;
  /** congtacvien, phongvien, bientap, quantri. */
  username: string;
  /** The login password (refused by the REST API, which takes only the application password). */
  password: string;
  /** An Application Password, for HTTP Basic auth on the REST API. */
  appPassword: string;
}

/** <state>/wordpress.json, as provision.mjs writes and prints it. */
export interface WordPressInstanceInfo {
  /** http://127.0.0.1:PORT */
  url: string;
  /** http://127.0.0.1:PORT/wp-json/wp/v2 */
  restBase: string;
  port: number;
  /** php -S and its worker processes. */
  pids: number[];
  database: string;
  configFile: string;
  /** Where this instance's media land (served as /wp-content/uploads/…). */
  uploadsDir: string;
  stateDir: string;
  logs: { server: string; debug: string };
  wordpressVersion: string;
  title: string;
  users: Record<WordPressRole, WordPressUser>;
  /** 'Tin tức - Sự kiện', 'Chính trị', 'Kinh tế' → term id. */
  categories: Record<string, number>;
  startedMariaDB: boolean;
  timings: { installedMs: number; startedMs: number };
}

export interface WordPressInstance extends WordPressInstanceInfo {
  /** Kills php -S and its workers, drops the database, removes the state folder. Safe to call twice. */
  stop(): Promise<void>;
}

// Not from ../helpers: that module brings the whole core along, which these tests do not need.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROVISION = path.join(REPO_ROOT, 'scripts', 'wordpress', 'provision.mjs');
const run = promisify(execFile);

/** Why a WordPress cannot run on this machine, or null when it can. */
export function wordPressUnavailableReason(): string | null {
  const install = 'run scripts/wordpress/install-packages.sh';
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (!fs.existsSync('/usr/share/wordpress/wp-config.php')) return `/usr/share/wordpress not installed — ${install}`;
  if (!fs.existsSync('/usr/sbin/mariadbd') && !fs.existsSync('/usr/sbin/mysqld'))
    return `mariadb-server not installed — ${install}`;
  if (!fs.existsSync('/usr/bin/php')) return `php-cli not installed — ${install}`;
  if (process.getuid?.() !== 0) return 'needs root (MariaDB root over its socket, /etc/wordpress)';
  return null;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh WordPress on a free port (about 3 s with the packages installed), or answers null and prints why
 * when this machine cannot run one. A failure to start where the packages are present throws.
 */
export async function startWordPress(): Promise<WordPressInstance | null> {
  const reason = wordPressUnavailableReason();
  if (reason) {
    console.warn(`[wordpress] skipped: ${reason}`);
    return null;
  }
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-wordpress-'));
  let lastError: unknown = null;
  // A free port can be taken between the probe and php -S: try another.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    try {
      const { stdout } = await run(
        process.execPath,
        [PROVISION, 'start', '--port', String(port), '--state', stateDir],
        {
          cwd: REPO_ROOT,
          timeout: 120_000,
          maxBuffer: 4 * 1024 * 1024,
        },
      );
      const info = JSON.parse(stdout) as WordPressInstanceInfo;
      return instanceOf(info);
    } catch (error) {
      lastError = error;
      const stderr = (error as { stderr?: string }).stderr ?? '';
      if (!/port \d+ on 127\.0\.0\.1 is taken/.test(stderr)) break;
    }
  }
  fs.rmSync(stateDir, { recursive: true, force: true });
  const stderr = (lastError as { stderr?: string } | null)?.stderr;
  throw new Error(`WordPress did not start: ${stderr || String(lastError)}`);
}

function instanceOf(info: WordPressInstanceInfo): WordPressInstance {
  let stopped = false;
  const args = [PROVISION, 'stop', '--state', info.stateDir, '--port', String(info.port)];
  // If the test process ends without afterAll (a crash, a timeout), still leave nothing running.
  const onExit = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(process.execPath, args, { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // best effort on the way out
    }
    fs.rmSync(info.stateDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    ...info,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await run(process.execPath, args, { cwd: REPO_ROOT, timeout: 60_000 });
      fs.rmSync(info.stateDir, { recursive: true, force: true });
    },
  };
}

/** HTTP Basic credentials for a role's application password. */
export function basicAuth(instance: WordPressInstanceInfo, role: WordPressRole): string {
  const user = instance.users[role];
  return `Basic ${Buffer.from(`${user.username}:${user.appPassword}`).toString('base64')}`;
}

/**
 * fetch against the instance's REST API as a role (null: anonymous). path is relative to restBase
 * ('/posts?status=pending'), or a full URL (a media source_url, another namespace).
 */
export function wpFetch(
  instance: WordPressInstanceInfo,
  role: WordPressRole | null,
  requestPath: string,
  init: RequestInit = {},
): Promise<Response> {
  const url = /^https?:\/\//.test(requestPath)
    ? requestPath
    : `${instance.restBase}${requestPath.startsWith('/') ? '' : '/'}${requestPath}`;
  const headers = new Headers(init.headers);
  if (role) headers.set('Authorization', basicAuth(instance, role));
  if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return fetch(url, { ...init, headers });
}

/**
 * WordPress keeps its times to the whole second: resolves once the wall clock is in a later second than when it
 * was called (polling the clock, so a busy machine only makes it later, never too early).
 */
export async function nextWallClockSecond(): Promise<void> {
  const start = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) <= start) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
  }
}
