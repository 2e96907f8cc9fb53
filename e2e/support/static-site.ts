import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Host } from './host';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** Any web server will do: this one serves a folder as nginx would, on 127.0.0.1 (directories by their index.html). */
export function serveFolder(root: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return void res.writeHead(404).end('Not found');
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => server.close() }),
    ),
  );
}

export interface Job {
  state: string;
  targetName: string;
  articleTitle: string | null;
  url: string | null;
}

/** Waits until the publishing queue has nothing left to do, then answers every job. */
export async function settledQueue(host: Host): Promise<Job[]> {
  await expect
    .poll(
      async () =>
        (await host.api<{ jobs: Job[] }>('publish.jobs', { states: ['pending', 'running', 'retrying'] })).jobs.length,
      { timeout: 30_000 },
    )
    .toBe(0);
  return (await host.api<{ jobs: Job[] }>('publish.jobs', {})).jobs;
}
