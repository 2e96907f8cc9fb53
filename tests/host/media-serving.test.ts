import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { DATABASE_FILE } from '../../electron/core/db/database';
import { MAX_BODY_BYTES } from '../../electron/host/server';
import { adminSession, callApi, cleanupAll, openCore, startHost, tempDataDir } from '../helpers';

const TOKEN = 'media-serving-token';

let port: number;
let dataDir: string;
/** The administrator's session, sent as X-Toasoan-Session. */
let session: string | null;

beforeEach(async () => {
  const root = tempDataDir('toasoan-media-host-');
  const staticDir = path.join(root, 'static');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Tòa Soạn</title>');
  dataDir = path.join(root, 'data');
  const core = openCore(dataDir);
  session = await adminSession(core);
  ({ port } = await startHost(core, TOKEN, staticDir));
});
afterEach(cleanupAll);

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET with the exact path given (no normalisation) and the body as bytes. */
function get(pathname: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: pathname,
        headers: { Host: `127.0.0.1:${port}`, ...headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function importOverHttp(bytes: Buffer, fileName: string): Promise<ChannelOutput<'media.import'>> {
  const { status, result } = await callApi(
    port,
    TOKEN,
    'media.import',
    { fileName, dataBase64: bytes.toString('base64') },
    session,
  );
  if (!result.ok) throw new Error(`media.import failed: ${result.error.code} ${result.error.messageEn}`);
  expect(status).toBe(200);
  return result.value as ChannelOutput<'media.import'>;
}

async function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 2000,
      height: 1200,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg()
    .withExif({ IFD0: { Make: 'CameraMakerX' } })
    .toBuffer();
}

describe('GET /media/<file> in browser mode', () => {
  it('serves the imported image and its thumbnail with their types, long private caching and nosniff, without a token', async () => {
    const image = await importOverHttp(await photo(), 'anh.jpg');
    expect(image.url).toMatch(/^media\/[0-9a-f]{64}\.jpg$/);
    const onDisk = fs.readFileSync(path.join(dataDir, image.url));

    const answer = await get(`/${image.url}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/jpeg');
    expect(answer.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(Number(answer.headers['content-length'])).toBe(onDisk.length);
    expect(answer.body.equals(onDisk)).toBe(true);
    expect(answer.body.length).toBe(image.bytes);

    const thumbUrl = image.url.replace(/\.jpg$/, '.thumb.webp');
    const thumb = await get(`/${thumbUrl}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.body.equals(fs.readFileSync(path.join(dataDir, thumbUrl)))).toBe(true);
    expect((await sharp(thumb.body).metadata()).width).toBe(400);

    const head = await get(`/${image.url}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('image/jpeg');
    expect(head.body.length).toBe(0);
  });

  it('serves each format with its own content type', async () => {
    const png = await importOverHttp(
      await sharp({ create: { width: 40, height: 30, channels: 4, background: '#0a0c' } })
        .png()
        .toBuffer(),
      'a.png',
    );
    const gif = await importOverHttp(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#a00' } })
        .gif()
        .toBuffer(),
      'a.gif',
    );
    const webp = await importOverHttp(
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#00a' } })
        .webp()
        .toBuffer(),
      'a.webp',
    );
    expect((await get(`/${png.url}`)).headers['content-type']).toBe('image/png');
    expect((await get(`/${gif.url}`)).headers['content-type']).toBe('image/gif');
    expect((await get(`/${webp.url}`)).headers['content-type']).toBe('image/webp');
  });

  it('answers 404 for the database, traversal, unknown hashes and any other name', async () => {
    const image = await importOverHttp(await photo(), 'anh.jpg');
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    const sha = image.url.slice('media/'.length, -'.jpg'.length);
    for (const pathname of [
      `/media/../${DATABASE_FILE}`,
      `/media/%2e%2e%2f${DATABASE_FILE}`,
      `/media/%2E%2E/${DATABASE_FILE}`,
      `/media/..%2f${DATABASE_FILE}`,
      `/media/..%5c${DATABASE_FILE}`,
      `/media/${DATABASE_FILE}`,
      `/media/${'0'.repeat(64)}.jpg`,
      `/media/${'0'.repeat(64)}.thumb.webp`,
      `/media/${sha}.png`,
      `/media/${sha}.JPG`,
      `/media/${sha.toUpperCase()}.jpg`,
      `/media/%2F${sha}.jpg`,
      `/media/sub/${sha}.jpg`,
      `/media/${sha}.jpg%00`,
      '/media/',
      '/media/%',
    ]) {
      const answer = await get(pathname);
      expect(answer.status, pathname).toBe(404);
      expect(answer.body.includes('SQLite format')).toBe(false);
    }
  });

  it('answers 405 for a method other than GET or HEAD', async () => {
    const image = await importOverHttp(await photo(), 'anh.jpg');
    const answer = await get(`/${image.url}`, {}, 'DELETE');
    expect(answer.status).toBe(405);
    expect(fs.existsSync(path.join(dataDir, image.url))).toBe(true);
  });

  it('still refuses a foreign Host or Origin with 403', async () => {
    const image = await importOverHttp(await photo(), 'anh.jpg');
    const foreignHost = await get(`/${image.url}`, { Host: `attacker.example:${port}` });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.body.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    const foreignOrigin = await get(`/${image.url}`, { Origin: 'http://attacker.example' });
    expect(foreignOrigin.status).toBe(403);
    const localhost = await get(`/${image.url}`, { Host: `localhost:${port}` });
    expect(localhost.status).toBe(200);
  });

  it('accepts an image whose base64 body is above the old 16 MB limit', async () => {
    expect(MAX_BODY_BYTES).toBe(40 * 1024 * 1024);
    // Noise does not compress: about 13 MB of PNG, over 17 MB once in base64.
    const big = await sharp({
      create: {
        width: 2200,
        height: 2000,
        channels: 3,
        background: '#000000',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png({ compressionLevel: 1 })
      .toBuffer();
    expect(Math.ceil(big.length / 3) * 4).toBeGreaterThan(16 * 1024 * 1024);
    const image = await importOverHttp(big, 'noise.png');
    expect([image.format, image.width, image.height]).toEqual(['png', 1600, 1455]);
    expect((await get(`/${image.url}`)).status).toBe(200);
  });

  it('answers the media errors with their HTTP status', async () => {
    const text = await callApi(
      port,
      TOKEN,
      'media.import',
      { fileName: 'note.jpg', dataBase64: Buffer.from('text').toString('base64') },
      session,
    );
    expect(text.status).toBe(415);
    expect(text.result.ok ? null : text.result.error.code).toBe('MEDIA_UNSUPPORTED');
    const badBase64 = await callApi(port, TOKEN, 'media.import', { fileName: 'x.jpg', dataBase64: '@@@@' }, session);
    expect(badBase64.status).toBe(400);
    expect(badBase64.result.ok ? null : badBase64.result.error.code).toBe('VALIDATION');
  });
});
