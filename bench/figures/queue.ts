/**
 * The publishing queue: 1,000 publish jobs to an http-json target on a local portal, run by the core's own queue
 * (claim, snapshot, the HTML rendered for the portal, POST, remote record, outcome, audit — each in SQLite with
 * synchronous=FULL), against 1,000 bare sequential fetch POSTs of the very bodies the queue sent.
 */
import { spawn } from 'node:child_process';
import type { Db } from '../../electron/core/db/database';
import { enqueueForTransition } from '../../electron/core/publish/enqueue';
import { getArticle } from '../../electron/core/store/articles';
import { insertTarget, updateTargetRow } from '../../electron/core/store/publishing';
import { figure, fmt, log, profiled, settleDisk, stats, type Figure } from '../lib/measure';
import type { BenchContext } from '../lib/context';

interface Received {
  key: string;
  body: string;
}

/**
 * The smallest portal API, in a process of its own as a real portal is (in the bench's process it would take its
 * turns on the queue's event loop): POST /api/articles stores nothing and answers 201 { id, url }; it keeps each
 * request's key and body, which the bench fetches over IPC to replay them.
 */
const PORTAL = `
import http from 'node:http';
let received = [];
let next = 0;
const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'POST' && request.url === '/api/articles') {
      received.push({ key: String(request.headers['idempotency-key'] ?? ''), body: Buffer.concat(chunks).toString('utf8') });
      next += 1;
      const answer = JSON.stringify({ id: next, url: 'http://cong.example.vn/bai/' + next });
      response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
      response.end(answer);
    } else {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
    }
  });
});
process.on('message', (message) => {
  if (message === 'take') {
    process.send({ received });
    received = [];
  }
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
`;

async function startPortal(): Promise<{ endpoint: string; take(): Promise<Received[]>; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PORTAL], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answer = <T>(key: 'port' | 'received') =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        resolve(message[key] as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the bench portal exited (${code})`)));
    });
  const port = await answer<number>('port');
  return {
    endpoint: `http://127.0.0.1:${port}/api`,
    take: () => {
      const taken = answer<Received[]>('received');
      child.send('take');
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

export async function queueFigures(ctx: BenchContext, db: Db): Promise<Figure[]> {
  const queue = ctx.core.queue;
  if (!queue) throw new Error('the core has no queue');
  const jobs = 1_000;
  const runs = ctx.quick ? 2 : 4;
  const published = db.prepare("SELECT id FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY id").pluck().all() as number[];
  const step = Math.max(1, Math.floor(published.length / jobs));
  const ids = Array.from({ length: jobs }, (_, i) => published[(i * step) % published.length] as number);
  const portal = await startPortal();
  const queueMs: number[] = [];
  const bareMs: number[] = [];
  let bytes = 0;
  try {
    // Run 0 is the warm-up (a tenth of the jobs); each run has a target of its own, so every job is new work.
    for (let run = 0; run <= runs; run++) {
      const count = run === 0 ? jobs / 10 : jobs;
      const now = new Date().toISOString();
      const targetId = insertTarget(db, { kind: 'http-json', name: `bench portal ${run}`, config: { endpoint: portal.endpoint }, enabled: true, secret: null }, now);
      db.transaction(() => {
        for (const id of ids.slice(0, count)) enqueueForTransition(db, 'publish', getArticle(db, id), null, now);
      }).immediate();
      await portal.take();
      settleDisk();
      const t0 = performance.now();
      const ran = await (run === runs ? profiled('queue', () => queue.runDue()) : queue.runDue());
      const queued = performance.now() - t0;
      updateTargetRow(db, targetId, { enabled: false }, now);
      const done = (db.prepare("SELECT count(*) FROM publish_jobs WHERE target_id = ? AND state = 'succeeded'").pluck().get(targetId) as number);
      const sent = await portal.take();
      if (done !== count || sent.length !== count) throw new Error(`queue run ${run}: ${done} of ${count} jobs succeeded, ${sent.length} requests (${ran} ran)`);

      // The same bodies, with the same headers, one after the other.
      const t1 = performance.now();
      for (const request of sent) {
        const response = await fetch(`${portal.endpoint}/articles`, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': request.key },
          body: request.body,
        });
        await response.text();
      }
      const bare = performance.now() - t1;
      if (run === 0) {
        log(`  warm-up: ${count} jobs, queue ${fmt(queued)} ms, bare ${fmt(bare)} ms`);
        continue;
      }
      bytes = sent.reduce((n, r) => n + Buffer.byteLength(r.body), 0);
      queueMs.push(queued);
      bareMs.push(bare);
      log(`  run ${run}: ${count} jobs (${(bytes / 1024 ** 2).toFixed(1)} MiB of JSON), queue ${fmt(queued)} ms (${fmt(queued / count)} ms/job), bare POSTs ${fmt(bare)} ms (${fmt(bare / count)} ms/request)`);
    }
  } finally {
    await portal.close();
  }
  const q = stats(queueMs);
  const b = stats(bareMs);
  return [
    figure({
      figure: '1,000 publish jobs to a local HTTP target',
      value: q.p50 / 1000,
      unit: 's',
      baseline: { value: b.p50 / 1000, of: '1,000 bare sequential POSTs' },
      goal: { text: '≤ 1.2× bare', maxRatio: 1.2 },
      note: `core.queue.runDue() draining ${jobs} jobs queued by enqueueForTransition('publish'); p50 of ${q.runs} runs after a warm-up of ${jobs / 10}; ${(bytes / 1024 ** 2).toFixed(1)} MiB of JSON per run; p95 ${fmt(q.p95 / 1000)} s vs ${fmt(b.p95 / 1000)} s.`,
    }),
  ];
}
