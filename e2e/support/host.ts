import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The real browser-mode host (dist/host/serve.mjs) on a temp data folder, as `npm run serve` runs it. */
export interface Account {
  username: string;
  password: string;
  displayName: string;
}

/** The administrator every test host gets on first start (the UI's first-run screen has its own test). */
export const ADMIN: Account = { username: 'quantri', password: 'mat-khau-quan-tri', displayName: 'Trần Quản Trị' };
/** The staff the workflow specs create: a writer (phóng viên) and an editor (biên tập viên). */
export const WRITER: Account = { username: 'lamnguyen', password: 'phong-vien-123', displayName: 'Lam Nguyễn' };
export const EDITOR: Account = { username: 'camtu', password: 'bien-tap-vien-1', displayName: 'Nguyễn Cẩm Tú' };

export class Host {
  readonly dataDir: string;
  /** The session host.api() calls with (the first administrator's). */
  session: string | null = null;
  readonly token = crypto.randomBytes(16).toString('hex');
  port = 0;
  private child: ChildProcess | null = null;
  private output = '';

  constructor(dataDir?: string) {
    this.dataDir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'toasoan-e2e-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/#token=${this.token}`;
  }

  /** Starts the host; on an empty folder also creates the first administrator, unless told not to. */
  async start(options: { firstAdmin?: boolean } = {}): Promise<void> {
    await this.spawn();
    if (options.firstAdmin === false) return;
    const status = await this.post('auth.status', {});
    if (!status.ok) return; // a store that cannot be opened: the test looks at that
    const signed = (status.value as { needsFirstAdmin: boolean }).needsFirstAdmin
      ? await this.post('auth.setupFirstAdmin', ADMIN)
      : await this.post('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    this.session = signed.ok ? ((signed.value as { sessionToken?: string }).sessionToken ?? null) : null;
  }

  private async spawn(): Promise<void> {
    const args = ['dist/host/serve.mjs', '--data', this.dataDir, '--port', String(this.port), '--token', this.token];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${this.output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(this.output);
        if (match) {
          clearTimeout(timer);
          this.port = Number(match[1]);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited (${code}):\n${this.output}`));
      });
    });
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    this.child = null;
  }

  /** Same folder, same port, new process. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async post(
    channel: string,
    input: unknown,
    session = this.session,
  ): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
    const response = await fetch(`http://127.0.0.1:${this.port}/api/${channel}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${this.token}`,
        ...(session ? { 'X-Toasoan-Session': session } : {}),
      },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  }

  /** Calls a channel as the first administrator; throws on an error answer. */
  async api<T = unknown>(channel: string, input: unknown = {}): Promise<T> {
    const result = await this.post(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  remove(): void {
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
