import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpJsonArticle } from '../../electron/core/publish/targets/http-json';

/**
 * A portal's JSON API (the http-json target's other end) on a real 127.0.0.1 port, with an in-memory store and a
 * scriptable plan of failures. It runs in the test process, so an app under test may run in a child process.
 *
 *   GET    {endpoint}/health           200 { ok: true }
 *   GET    {endpoint}                  200 { name }
 *   POST   {endpoint}/articles         201 { id, url, modified }   400 when the body has no article
 *   PUT    {endpoint}/articles/{id}    200 { id, url, modified }   404 when it does not hold it
 *   DELETE {endpoint}/articles/{id}    200 { id, deleted: true }   404 when it does not hold it
 *   GET    {endpoint}/articles/{id}    200 the stored item         404
 *   GET    {endpoint}/articles?articleId={id}&origin={workstation}
 *                                      200 { items: [{ id, url, modified, articleId, origin }] }  (what it holds of it)
 *
 * A POST whose slug another workstation's item already has is refused with 409 (a portal's one address per slug).
 * Idempotency-Key: a successful answer is kept under its key; a repeat of the same method and path with that key
 * gets the kept answer and has no second effect, one with another method or path gets 422.
 *
 * Every request first takes a behaviour: the rule's (behave), else the next one planned (plan), else 'ok'.
 */

export type PortalBehaviour =
  /** Serve the request. */
  | 'ok'
  | 'status500'
  | 'status503'
  | 'status401'
  | 'status403'
  /** Do nothing and never answer; the socket stays open until goOffline() or close(). */
  | 'hang'
  /** Destroy the socket at once, before any effect. */
  | 'reset'
  /** Do the work (and keep its answer under the key), then destroy the socket: the client never hears of it. */
  | 'lostAnswer'
  /** Do the work, send the headers and half the answer, then destroy the socket: cut off mid-answer. */
  | 'cutOff'
  /** Do the work at once and answer after slowMs. */
  | 'slow'
  /** 200 with an HTML page and no effect, as a network's login page in the way would. */
  | 'html'
  /** 302 to a login page (which answers 200 HTML), no effect: a proxy asking to sign in. */
  | 'loginRedirect'
  /** Do the work, then answer 200 with an empty body. */
  | 'emptyOk'
  /** Do the work, then answer its status with the JSON without its id. */
  | 'noId'
  /** Do the work, then answer with the id of another item the portal holds (or one it never made). */
  | 'wrongId'
  /** 'slow', waiting this many ms. */
  | { slow: number }
  /** Answer this status (with this JSON, default { message }) and do nothing. */
  | { status: number; json?: unknown };

export interface PortalRequest {
  /** 1, 2, 3… in the order the requests were read. */
  seq: number;
  at: number;
  method: string;
  /** The path with its query, as sent (with the endpoint's /api prefix). */
  path: string;
  headers: http.IncomingHttpHeaders;
  idempotencyKey: string | null;
  authorization: string | null;
  /** The body parsed as JSON, its text when it is not JSON, or null when there was none. */
  body: unknown;
  behaviour: PortalBehaviour;
  /** The kept answer of an earlier request with the same key was sent again. */
  replayed: boolean;
  /** The status answered; null until then, and for ever for 'hang', 'reset' and 'lostAnswer' ('cutOff': the one begun). */
  status: number | null;
}

export interface PortalEffect {
  kind: 'created' | 'updated' | 'deleted';
  remoteId: string;
  /** The article's id in the app (article.id of the body), or null for a delete. */
  articleId: number | null;
  key: string | null;
  /** The request that did it. */
  seq: number;
  at: number;
}

export interface PortalArticle {
  remoteId: string;
  article: HttpJsonArticle;
  /** The workstation that sent it (the body's origin), or null. */
  origin: string | null;
  url: string;
  /** 1 when created, +1 for each update. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface FlakyPortalOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** How long 'slow' waits (default 2000 ms). */
  slowMs?: number;
  /** The port to listen on (default: one the system picks). */
  port?: number;
}

export interface FlakyPortal {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The API's base address, for the target's config: `${url}/api`. */
  readonly endpoint: string;
  readonly port: number;
  /** Queues behaviours: each request takes the next one; when none is left, 'ok'. */
  plan(...behaviours: PortalBehaviour[]): void;
  /** A rule asked first for every request; undefined falls through to the plan. null removes it. */
  behave(rule: ((request: PortalRequest) => PortalBehaviour | undefined) | null): void;
  /** How many planned behaviours are still waiting. */
  readonly planned: number;
  /** Every request read, in order. */
  readonly requests: readonly PortalRequest[];
  /** Every change to the store, in order. */
  readonly effects: readonly PortalEffect[];
  /** What it holds now, by remote id. */
  readonly articles: ReadonlyMap<string, PortalArticle>;
  /** Resolves once at least `count` requests have been read (rejects after timeoutMs, default 10 s). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and cuts every open connection: new connections are refused. Keeps the store. */
  goOffline(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

const API_PREFIX = '/api';
/** How long goOffline() lets clients see their connections closed. */
const STOP_SETTLE_MS = 20;

const HTML_PAGE =
  '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập mạng</title></head>' +
  '<body><h1>Vui lòng đăng nhập để sử dụng Internet</h1><form method="post"><input name="user"><input name="pass" type="password"></form></body></html>';

interface KeptAnswer {
  method: string;
  path: string;
  status: number;
  json: unknown;
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return resolve(null);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
    req.on('error', reject);
  });
}

/** The login page a redirect leads to (sent as HTML, not JSON). */
const LOGIN_PAGE = Symbol('login page');

function sendJson(res: http.ServerResponse, status: number, json: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  if (json === LOGIN_PAGE) {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(HTML_PAGE);
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(json));
}

function originOf(body: unknown): string | null {
  const origin = (body as { origin?: unknown } | null)?.origin;
  return typeof origin === 'string' ? origin : null;
}

/** The article of a POST or PUT body, when it has the least the portal needs. */
function articleOf(body: unknown): HttpJsonArticle | null {
  const article = (body as { article?: unknown } | null)?.article as Partial<HttpJsonArticle> | undefined;
  if (
    typeof article !== 'object' ||
    article === null ||
    typeof article.id !== 'number' ||
    typeof article.title !== 'string'
  )
    return null;
  return article as HttpJsonArticle;
}

export async function startFlakyPortal(options: FlakyPortalOptions = {}): Promise<FlakyPortal> {
  const slowMs = options.slowMs ?? 2000;
  const queue: PortalBehaviour[] = [];
  let rule: ((request: PortalRequest) => PortalBehaviour | undefined) | null = null;
  const requests: PortalRequest[] = [];
  const effects: PortalEffect[] = [];
  const articles = new Map<string, PortalArticle>();
  const kept = new Map<string, KeptAnswer>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  let nextId = 1;
  let port = options.port ?? 0;
  let url = '';

  /** Serves an 'ok' request: auth, then the route; returns the answer without sending it. */
  function serve(request: PortalRequest): { status: number; json: unknown } {
    if (options.token !== undefined && request.authorization !== `Bearer ${options.token}`) {
      return { status: 401, json: { message: 'Unauthorized' } };
    }
    const key = request.idempotencyKey;
    const previous = key === null ? undefined : kept.get(key);
    if (previous) {
      if (previous.method !== request.method || previous.path !== request.path) {
        return {
          status: 422,
          json: { message: `Idempotency-Key ${key} was used for ${previous.method} ${previous.path}` },
        };
      }
      request.replayed = true;
      return { status: previous.status, json: previous.json };
    }
    const answer = route(request);
    if (key !== null && answer.status >= 200 && answer.status <= 299) {
      kept.set(key, { method: request.method, path: request.path, ...answer });
    }
    return answer;
  }

  function effect(
    request: PortalRequest,
    kind: PortalEffect['kind'],
    remoteId: string,
    articleId: number | null,
  ): void {
    effects.push({ kind, remoteId, articleId, key: request.idempotencyKey, seq: request.seq, at: Date.now() });
  }

  function route(request: PortalRequest): { status: number; json: unknown } {
    const pathname = new URL(request.path, url).pathname.replace(/\/+$/, '');
    if (pathname === '/login') return { status: 200, json: LOGIN_PAGE };
    if (pathname !== API_PREFIX && !pathname.startsWith(`${API_PREFIX}/`))
      return { status: 404, json: { message: 'No such route' } };
    const rest = pathname.slice(API_PREFIX.length);
    const { method } = request;
    if (method === 'GET' && rest === '') return { status: 200, json: { name: 'Cổng thông tin thử nghiệm' } };
    if (method === 'GET' && rest === '/health') return { status: 200, json: { ok: true } };
    if (method === 'GET' && rest === '/articles') {
      const query = new URL(request.path, url).searchParams;
      const items = [...articles.values()]
        .filter((item) => String(item.article.id) === query.get('articleId'))
        .filter((item) => !query.has('origin') || item.origin === query.get('origin'))
        .map((item) => ({
          id: Number(item.remoteId),
          url: item.url,
          modified: item.updatedAt,
          articleId: item.article.id,
          origin: item.origin,
        }));
      return { status: 200, json: { items } };
    }
    if (method === 'POST' && rest === '/articles') {
      const article = articleOf(request.body);
      if (!article) return { status: 400, json: { message: 'The body has no article (id and title)' } };
      const origin = originOf(request.body);
      const taken = [...articles.values()].find((item) => item.article.slug === article.slug && item.origin !== origin);
      if (taken)
        return { status: 409, json: { message: `Đường dẫn "${article.slug}" đã có bài khác (#${taken.remoteId})` } };
      const remoteId = String(nextId++);
      const now = new Date().toISOString();
      const item: PortalArticle = {
        remoteId,
        article,
        origin,
        url: `${url}/bai/${remoteId}-${article.slug}`,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      articles.set(remoteId, item);
      effect(request, 'created', remoteId, article.id);
      return { status: 201, json: { id: Number(remoteId), url: item.url, modified: now } };
    }
    const match = /^\/articles\/([^/]+)$/.exec(rest);
    const item = match ? articles.get(decodeURIComponent(match[1] as string)) : undefined;
    if (!match || !['GET', 'PUT', 'DELETE'].includes(method))
      return { status: 404, json: { message: 'No such route' } };
    if (!item) return { status: 404, json: { message: 'No such article' } };
    if (method === 'GET') return { status: 200, json: item };
    if (method === 'DELETE') {
      articles.delete(item.remoteId);
      effect(request, 'deleted', item.remoteId, null);
      return { status: 200, json: { id: Number(item.remoteId), deleted: true } };
    }
    const article = articleOf(request.body);
    if (!article) return { status: 400, json: { message: 'The body has no article (id and title)' } };
    item.article = article;
    item.version += 1;
    item.updatedAt = new Date().toISOString();
    effect(request, 'updated', item.remoteId, article.id);
    return { status: 200, json: { id: Number(item.remoteId), url: item.url, modified: item.updatedAt } };
  }

  function answer(request: PortalRequest, res: http.ServerResponse, status: number, json: unknown): void {
    request.status = status;
    sendJson(res, status, json);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const request: PortalRequest = {
      seq: requests.length + 1,
      at: Date.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      idempotencyKey: header(req, 'idempotency-key'),
      authorization: header(req, 'authorization'),
      body,
      behaviour: 'ok',
      replayed: false,
      status: null,
    };
    request.behaviour = rule?.(request) ?? queue.shift() ?? 'ok';
    requests.push(request);
    for (const wake of waiters) wake();

    const behaviour = request.behaviour;
    if (typeof behaviour === 'object' && 'status' in behaviour) {
      return answer(request, res, behaviour.status, behaviour.json ?? { message: `Status ${behaviour.status}` });
    }
    switch (typeof behaviour === 'object' ? 'slow' : behaviour) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'html':
        request.status = 200;
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(HTML_PAGE);
        return;
      case 'loginRedirect':
        request.status = 302;
        res.writeHead(302, { Location: `${url}/login?next=${encodeURIComponent(request.path)}` });
        res.end();
        return;
      case 'emptyOk':
        serve(request);
        request.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end();
        return;
      case 'noId': {
        const served = serve(request);
        const { id: _id, ...rest } = (served.json ?? {}) as Record<string, unknown>;
        return answer(request, res, served.status, rest);
      }
      case 'wrongId': {
        const served = serve(request);
        const own = String((served.json as { id?: unknown } | null)?.id);
        const other = [...articles.keys()].find((id) => id !== own) ?? '999999';
        return answer(request, res, served.status, { ...(served.json as object), id: Number(other) });
      }
      case 'status500':
        return answer(request, res, 500, { message: 'Internal Server Error' });
      case 'status503':
        return answer(request, res, 503, { message: 'Service Unavailable' });
      case 'status401':
        return answer(request, res, 401, { message: 'Unauthorized' });
      case 'status403':
        return answer(request, res, 403, { message: 'Forbidden' });
      case 'lostAnswer':
        serve(request);
        req.socket.destroy();
        return;
      case 'cutOff': {
        const served = serve(request);
        const text = JSON.stringify(served.json);
        request.status = served.status;
        res.writeHead(served.status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(text)),
        });
        res.write(text.slice(0, text.length >> 1), () => req.socket.destroy());
        return;
      }
      case 'slow': {
        const served = serve(request);
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            answer(request, res, served.status, served.json);
          },
          typeof behaviour === 'object' ? behaviour.slow : slowMs,
        );
        timers.add(timer);
        return;
      }
      default: {
        const served = serve(request);
        return answer(request, res, served.status, served.json);
      }
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });

  function listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  }

  async function stop(): Promise<void> {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    // A client in this process notices its kept-alive connections closed only when its loop reads their end: a
    // request sent on one before that fails as a reset (undici: UND_ERR_SOCKET), not as a refused connection.
    await new Promise((resolve) => setTimeout(resolve, STOP_SETTLE_MS));
  }

  await listen();

  return {
    url,
    endpoint: `${url}${API_PREFIX}`,
    port,
    plan: (...behaviours) => {
      queue.push(...behaviours);
    },
    behave: (next) => {
      rule = next;
    },
    get planned() {
      return queue.length;
    },
    requests,
    effects,
    articles,
    waitForRequests: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the portal read ${requests.length} requests, not ${count}, within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    goOffline: stop,
    comeBack: listen,
    close: stop,
  };
}
