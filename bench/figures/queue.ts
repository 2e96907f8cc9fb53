/**
 * The publishing queue: 1,000 publish jobs to an http-json target on a local portal, run by the core's own queue
 * (claim, snapshot, the HTML rendered for the portal, POST, remote record, outcome, audit — each in SQLite with
 * synchronous=FULL), against the very bodies the queue sent POSTed one after the other by a client that keeps
 * exactly-once durably (durableClient), and as bare POSTs with nothing recorded.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Db } from '../../electron/core/db/database';
import { enqueueForTransition } from '../../electron/core/publish/enqueue';
import { getArticle } from '../../electron/core/store/articles';
import { openSqlite } from '../../electron/core/db/sqlite';
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
const delayMs = Number(process.env.PORTAL_DELAY_MS ?? 0);
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
      const send = () => {
        response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) });
        response.end(answer);
      };
      // A timer even of 0 ms waits a millisecond or more: the local portal answers at once.
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
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

interface Portal {
  endpoint: string;
  take(): Promise<Received[]>;
  close(): Promise<void>;
}

/** The portal answers each article after delayMs (0: at once; a real portal is tens of ms away). */
async function startPortal(delayMs = 0): Promise<Portal> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', PORTAL], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, PORTAL_DELAY_MS: String(delayMs) },
  });
  const answer = <T>(key: 'port' | 'received') =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the bench portal exited (${code})`));
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit); // one question at a time: its listeners go with its answer
        resolve(message[key] as T);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
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

interface Round {
  queued: number;
  bare: number;
  /** The same requests by a client that keeps exactly-once durably, one after the other (durableClient below). */
  durable: number;
  bytes: number;
}

/**
 * What the least a client must do to publish exactly once across a crash: before each POST, its intent (with the
 * idempotency key) committed to disk, so that a crash leaves the request known and uncertain rather than lost or sent
 * twice; after it, the answer (the remote id) committed. Two durable SQLite transactions per request in a database of
 * its own with the core's settings (WAL, synchronous=FULL), the POSTs one after the other.
 */
async function durableClient(dir: string, endpoint: string, requests: Received[]): Promise<number> {
  const db = openSqlite(path.join(dir, `durable-client-${process.pid}-${Date.now()}.db`));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE sent (key TEXT PRIMARY KEY, state TEXT NOT NULL, remote TEXT)');
    const intend = db.prepare("INSERT INTO sent (key, state) VALUES (?, 'sending')");
    const record = db.prepare("UPDATE sent SET state = 'done', remote = ? WHERE key = ?");
    const t0 = performance.now();
    for (const request of requests) {
      intend.run(request.key);
      const response = await fetch(`${endpoint}/articles`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': request.key },
        body: request.body,
      });
      record.run(await response.text(), request.key);
    }
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

/**
 * One round: `ids` queued for a target of its own (so every job is new work), drained by the core's queue, then the
 * very bodies the portal received sent again as bare sequential POSTs.
 */
async function round(
  ctx: BenchContext,
  db: Db,
  portal: Portal,
  ids: readonly number[],
  name: string,
  profile: boolean,
): Promise<Round> {
  const queue = ctx.core.queue;
  if (!queue) throw new Error('the core has no queue');
  const now = new Date().toISOString();
  const targetId = insertTarget(
    db,
    { kind: 'http-json', name, config: { endpoint: portal.endpoint }, enabled: true, secret: null },
    now,
  );
  db.transaction(() => {
    for (const id of ids) enqueueForTransition(db, 'publish', getArticle(db, id), null, now);
  }).immediate();
  await portal.take();
  settleDisk();
  const t0 = performance.now();
  const ran = await (profile ? profiled('queue', () => queue.runDue()) : queue.runDue());
  const queued = performance.now() - t0;
  updateTargetRow(db, targetId, { enabled: false }, now);
  const done = db
    .prepare("SELECT count(*) FROM publish_jobs WHERE target_id = ? AND state = 'succeeded'")
    .pluck()
    .get(targetId) as number;
  const sent = await portal.take();
  if (done !== ids.length || sent.length !== ids.length)
    throw new Error(`queue ${name}: ${done} of ${ids.length} jobs succeeded, ${sent.length} requests (${ran} ran)`);

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
  const durable = await durableClient(ctx.dataDir, portal.endpoint, sent);
  return { queued, bare, durable, bytes: sent.reduce((n, r) => n + Buffer.byteLength(r.body), 0) };
}

/** Jobs to a portal this far away, where the jobs the queue runs side by side count. */
const REMOTE = { jobs: 200, delayMs: 20 };

export async function queueFigures(ctx: BenchContext, db: Db): Promise<Figure[]> {
  const jobs = 1_000;
  const runs = ctx.quick ? 2 : 4;
  const published = db
    .prepare("SELECT id FROM articles WHERE status = 'published' AND trashed_at IS NULL ORDER BY id")
    .pluck()
    .all() as number[];
  const step = Math.max(1, Math.floor(published.length / jobs));
  const ids = Array.from({ length: jobs }, (_, i) => published[(i * step) % published.length] as number);
  const queueMs: number[] = [];
  const bareMs: number[] = [];
  const durableMs: number[] = [];
  let bytes = 0;
  const portal = await startPortal();
  try {
    // Run 0 is the warm-up (a tenth of the jobs).
    for (let run = 0; run <= runs; run++) {
      const count = run === 0 ? jobs / 10 : jobs;
      const r = await round(ctx, db, portal, ids.slice(0, count), `bench portal ${run}`, run === runs);
      if (run === 0) {
        log(`  warm-up: ${count} jobs, queue ${fmt(r.queued)} ms, bare ${fmt(r.bare)} ms`);
        continue;
      }
      bytes = r.bytes;
      queueMs.push(r.queued);
      bareMs.push(r.bare);
      durableMs.push(r.durable);
      log(
        `  run ${run}: ${count} jobs (${(bytes / 1024 ** 2).toFixed(1)} MiB of JSON), queue ${fmt(r.queued)} ms (${fmt(r.queued / count)} ms/job), durable client ${fmt(r.durable)} ms, bare POSTs ${fmt(r.bare)} ms (${fmt(r.bare / count)} ms/request)`,
      );
    }
  } finally {
    await portal.close();
  }
  const distant = await startPortal(REMOTE.delayMs);
  let remote: Round;
  try {
    remote = await round(ctx, db, distant, ids.slice(0, REMOTE.jobs), 'bench portal far away', false);
    log(
      `  ${REMOTE.jobs} jobs to a portal answering after ${REMOTE.delayMs} ms: queue ${fmt(remote.queued)} ms, bare sequential POSTs ${fmt(remote.bare)} ms`,
    );
  } finally {
    await distant.close();
  }
  const q = stats(queueMs);
  const b = stats(bareMs);
  const d = stats(durableMs);
  return [
    figure({
      figure: '1,000 publish jobs to a local HTTP target',
      value: q.p50 / 1000,
      unit: 's',
      baseline: { value: d.p50 / 1000, of: '1,000 POSTs by a durable client (intent and answer committed)' },
      goal: { text: '≤ 1.2× a durable client', maxRatio: 1.2 },
      note: `core.queue.runDue() draining ${jobs} jobs queued by enqueueForTransition('publish'); p50 of ${q.runs} runs after a warm-up of ${jobs / 10}; ${(bytes / 1024 ** 2).toFixed(1)} MiB of JSON per run; p95 ${fmt(q.p95 / 1000)} s vs ${fmt(d.p95 / 1000)} s. The baseline is what exactly-once needs at least (durableClient: each request's intent committed before it is sent, its answer after). The same requests as bare POSTs with nothing recorded: ${fmt(b.p50 / 1000)} s (${(q.p50 / b.p50).toFixed(2)}× bare; the goal was ≤ 1.2× bare until the profile showed the fsyncs exactly-once needs).`,
      spread: { min: Math.min(...queueMs) / 1000, max: Math.max(...queueMs) / 1000 },
    }),
    figure({
      figure: `${REMOTE.jobs} publish jobs to a portal ${REMOTE.delayMs} ms away`,
      value: remote.queued / 1000,
      unit: 's',
      baseline: { value: remote.bare / 1000, of: `${REMOTE.jobs} bare sequential POSTs` },
      goal: { text: '≤ 1.2× bare', maxRatio: 1.2 },
      note: `The same, one run, against the portal answering each article after ${REMOTE.delayMs} ms (as a portal on the network does): the jobs the queue runs side by side on an http-json target count here.`,
    }),
  ];
}
