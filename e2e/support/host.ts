import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
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

/** Generous: a loaded machine starts the host slowly; a healthy start takes well under a second. */
const START_TIMEOUT_MS = 30_000;

/** Resolves once 127.0.0.1:port accepts a TCP connection (or the process has gone, which the caller reports). */
async function waitForPort(port: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (alive()) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    if (Date.now() > deadline) throw new Error(`host on port ${port} accepted no connection`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`host exited (${code}):\n${this.output}`))),
    );
    exited.catch(() => undefined); // observed by the race below; later exits are the test's business
    const printed = (async () => {
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(this.output);
        if (match) return Number(match[1]);
        if (child.exitCode !== null || child.signalCode !== null) return 0; // the exit is reported by `exited`
        if (Date.now() > deadline) throw new Error(`host did not start:\n${this.output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    this.port = await Promise.race([printed, exited]);
    // The address is printed once the server listens; still, a page is opened only when a connection is accepted.
    await Promise.race([waitForPort(this.port, () => child.exitCode === null && child.signalCode === null), exited]);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    // Output of a stopped process must not be read as the next one's.
    child.stdout?.removeAllListeners('data');
    child.stderr?.removeAllListeners('data');
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
