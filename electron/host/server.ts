import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Core } from '../core/core';
import { mediaContentType, mediaFilePath } from '../core/media/media-store';
import { ContractError, type ErrorCode, type Result } from '../../shared/contract/errors';
import { parsePayloadBytes } from '../../shared/contract/untrusted';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { allowedHosts, allowedOrigins, tokensMatch } from './security';

/** Largest request body accepted; the contract's own field limits are far below it. */
export const MAX_BODY_BYTES = 40 * 1024 * 1024;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNKNOWN_CHANNEL: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  AUTH_REQUIRED: 401,
  AUTH_FAILED: 401,
  AUTH_LOCKED: 429,
  INVALID_TRANSITION: 409,
  QUALITY_BLOCKED: 422,
  DB_NEWER_VERSION: 503,
  DB_CORRUPT: 503,
  DB_FOREIGN: 503,
  DB_LOCKED: 503,
  DB_READONLY: 503,
  MEDIA_UNSUPPORTED: 415,
  MEDIA_CORRUPT: 422,
  MEDIA_TOO_LARGE: 413,
  BACKUP_INVALID: 422,
  SIGNATURE_REJECTED: 422,
  SIGNING_FAILED: 422,
  CORE_RESTARTED: 503,
  INTERNAL: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface HostOptions {
  core: Core;
  token: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, error: ContractError, status = HTTP_STATUS[error.code]): void {
  sendJson(res, status, { ok: false, error: error.toShape() });
}

const forbiddenOrigin = () =>
  new ContractError(
    'FORBIDDEN',
    'Yêu cầu từ một trang web khác bị từ chối.',
    'A request from another site was refused.',
  );
const unauthorized = () =>
  new ContractError(
    'UNAUTHORIZED',
    'Thiếu hoặc sai mã truy cập của phiên chạy này; hãy mở đúng địa chỉ mà Tòa Soạn đã in ra.',
    'The access token of this run is missing or wrong; open the address Tòa Soạn printed.',
  );

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(): ContractError {
  const mb = MAX_BODY_BYTES / 1024 / 1024;
  return new ContractError(
    'PAYLOAD_TOO_LARGE',
    `Dữ liệu gửi lên vượt quá ${mb} MB.`,
    `The request body exceeds ${mb} MB.`,
  );
}

async function handleApi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  channel: string,
  options: HostOptions,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendError(res, new ContractError('VALIDATION', 'Chỉ nhận phương thức POST.', 'Only POST is accepted.'), 405);
  }
  const auth = req.headers.authorization ?? '';
  const presented = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!tokensMatch(presented, options.token)) return sendError(res, unauthorized());
  // A JSON content type cannot be sent by a plain HTML form, so a foreign page cannot post here.
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    return sendError(
      res,
      new ContractError(
        'VALIDATION',
        'Nội dung phải là JSON (application/json).',
        'The body must be JSON (application/json).',
      ),
    );
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    res.setHeader('Connection', 'close');
    return sendError(res, error);
  }
  let payload: unknown;
  try {
    // Strict UTF-8, no BOM, a JSON value (an empty body is not one), checked by the one hardened parser.
    payload = parsePayloadBytes(body);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return sendError(res, error);
  }
  let name: string;
  try {
    name = decodeURIComponent(channel);
  } catch {
    name = channel;
  }
  // The session travels in its own header, never in a payload (a payload names no user).
  const session = req.headers['x-toasoan-session'];
  const result = await options.core.invoke(name, payload, {
    sessionToken: typeof session === 'string' && session ? session : null,
  });
  sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, staticDir: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const root = path.resolve(staticDir);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  let stat = fs.statSync(file, { throwIfNoEntry: false });
  // The renderer routes on the client: an unknown path without an extension is the app itself.
  if (!stat?.isFile() && !path.extname(file)) {
    file = path.join(root, 'index.html');
    stat = fs.statSync(file, { throwIfNoEntry: false });
  }
  if (!stat?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}

/** GET /media/<sha>.<ext> and /media/<sha>.thumb.webp from the data folder's media store; 404 for any other name. */
function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, name: string, dataDir: string | null): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const file = dataDir === null ? null : mediaFilePath(dataDir, name);
  const stat = file === null ? undefined : fs.statSync(file, { throwIfNoEntry: false });
  if (file === null || !stat?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': mediaContentType(name) ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'private, max-age=31536000, immutable',
    // The article preview is a sandboxed frame with an opaque origin: its images are cross-origin to it.
    'Cross-Origin-Resource-Policy': 'cross-origin',
  });
  if (req.method === 'HEAD') res.end();
  else
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}

/** The browser-mode transport: the contract as POST /api/<channel>, and the built renderer. */
export function createHostServer(options: HostOptions): http.Server {
  const server = http.createServer((req, res) => {
    securityHeaders(res);
    const port = (server.address() as { port: number } | null)?.port ?? 0;
    if (!allowedHosts(port).has(req.headers.host ?? '')) return sendError(res, forbiddenOrigin());
    const origin = req.headers.origin;
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // The article preview is a sandboxed frame: its image requests say `Origin: null`, and may read media only.
    const previewImage =
      origin === 'null' && pathname.startsWith('/media/') && (req.method === 'GET' || req.method === 'HEAD');
    if (origin !== undefined && !allowedOrigins(port).has(origin) && !previewImage)
      return sendError(res, forbiddenOrigin());
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname.slice(5), options).catch(() => {
        if (!res.headersSent)
          sendError(res, new ContractError('INTERNAL', 'Lỗi máy chủ cục bộ.', 'Local server error.'));
      });
      return;
    }
    if (pathname.startsWith('/media/')) {
      // No token: an <img> cannot send one, and the names are unguessable content hashes (Host/Origin were checked above).
      // The database file sits directly in the data folder, so its folder is the data folder.
      const dataDir = options.core.databasePath === null ? null : path.dirname(options.core.databasePath);
      try {
        serveMedia(req, res, pathname.slice('/media/'.length), dataDir);
      } catch {
        if (!res.headersSent) res.writeHead(404).end();
      }
      return;
    }
    try {
      serveStatic(req, res, pathname, options.staticDir);
    } catch {
      if (!res.headersSent) res.writeHead(400).end();
    }
  });
  return server;
}

/** Listens on 127.0.0.1 only; port 0 picks a free one. */
export function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}
