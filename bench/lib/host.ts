/**
 * The browser-mode host as a user starts it (node dist/host/serve.mjs --data DIR), timed from the spawn, with its
 * peak resident memory read from /proc (VmHWM: the high-water mark of the whole process's RSS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** dist/host/serve.mjs beside this bundle (dist/bench/bench.mjs). */
const SERVE = fileURLToPath(new URL('../host/serve.mjs', import.meta.url));

export class BenchHost {
  readonly token = crypto.randomBytes(16).toString('hex');
  port = 0;
  /** performance.now() when the process was spawned, and when it printed its address. */
  spawnedAt = 0;
  listeningAt = 0;
  private child: ChildProcess | null = null;

  /** staticDir: another renderer build to serve (serve.mjs --static), e.g. one with a fix being tried. */
  constructor(
    readonly dataDir: string,
    private readonly staticDir: string | null = null,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/#token=${this.token}`;
  }

  async start(): Promise<void> {
    let output = '';
    this.spawnedAt = performance.now();
    const args = [
      SERVE,
      '--data',
      this.dataDir,
      '--port',
      '0',
      '--token',
      this.token,
      ...(this.staticDir ? ['--static', this.staticDir] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start in 60 s:\n${output}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const address = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (address && this.port === 0) {
          this.listeningAt = performance.now();
          this.port = Number(address[1]);
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code}):\n${output}`));
      });
    });
  }

  /** The process's peak RSS so far in MiB (Linux), or null where /proc is not there. */
  peakRssMiB(): number | null {
    const pid = this.child?.pid;
    if (!pid) return null;
    const status = fs.readFileSync(`/proc/${pid}/status`, { encoding: 'utf8', flag: 'r' }).toString();
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
