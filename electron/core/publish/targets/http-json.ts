import type { Article } from '../../../../shared/contract/articles';
import type { TargetConfig } from '../../../../shared/contract/publishing';
import { legacyHtmlToParagraphs, renderBodyHtml } from '../../../../shared/render/article-html';
import { parseBody } from '../../../../shared/render/body-nodes';
import { PublishFailure, type PublishWork, type RemoteRecord, type TargetContext, type TargetFactory } from '../target';

/**
 * A portal's own JSON API (shared/contract/publishing.ts):
 *   POST   {endpoint}/articles        → 2xx { id, url?, modified? }
 *   PUT    {endpoint}/articles/{id}   → 2xx { id, url?, modified? }   (404: deleted on the server → POST again)
 *   DELETE {endpoint}/articles/{id}   → 2xx, or 404 when it is gone already
 *   GET    {endpoint}/health (or {endpoint} where there is none) → 2xx
 * Every request carries the work's Idempotency-Key, so a repeat after a lost answer has no second effect.
 */

const DEFAULT_TIMEOUT_MS = 15_000;
/** How much of a server's own explanation (its `message`) goes into a failure message. */
const SERVER_MESSAGE_MAX = 200;

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** What the server holds of the article, as the JSON body carries it. */
export interface HttpJsonArticle {
  id: number;
  slug: string;
  title: string;
  lead: string;
  html: string;
  author: string;
  department: string;
  category: string | null;
  publishedAt: string | null;
  scheduledFor: string | null;
}

function articleBody(article: Article, scheduledFor: string | null): HttpJsonArticle {
  const body = parseBody(article.bodyJson);
  // Media refs live in this office's store, which the portal cannot reach: with no URL for them the renderer leaves
  // their figures out, so the portal never receives an image it cannot show.
  const html = body === null ? legacyHtmlToParagraphs(article.bodyHtml) : renderBodyHtml(body, { mediaUrl: () => null });
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    lead: article.lead,
    html,
    author: article.author,
    department: article.department,
    category: article.categoryName,
    publishedAt: article.publishedAt,
    scheduledFor,
  };
}

/** The error code of a failed fetch: undici puts the socket's error (or Node's AggregateError, which carries the first code) in `cause`. */
function causeCode(error: unknown): string | null {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : null;
}

const OFFLINE_CODES: Record<string, [string, string]> = {
  ECONNREFUSED: ['máy chủ từ chối kết nối (có thể đang tắt)', 'the server refused the connection (it may be down)'],
  ENOTFOUND: ['không tìm thấy tên máy chủ (mạng mất, hoặc địa chỉ sai)', 'the server name could not be found (no network, or a wrong address)'],
  EAI_AGAIN: ['không tra được tên máy chủ (mạng mất)', 'the server name could not be looked up (no network)'],
  EHOSTUNREACH: ['không có đường tới máy chủ', 'there is no route to the server'],
  ENETUNREACH: ['mạng không tới được máy chủ', 'the network cannot reach the server'],
  ENETDOWN: ['mạng đang mất', 'the network is down'],
  // undici gave up opening the connection (10 s): nothing answers at that address now.
  UND_ERR_CONNECT_TIMEOUT: ['máy chủ không nhận kết nối', 'the server does not take the connection'],
};
// UND_ERR_SOCKET: the server closed the socket before or during its answer (undici's "other side closed").
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

function shorten(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > SERVER_MESSAGE_MAX ? `${clean.slice(0, SERVER_MESSAGE_MAX - 1)}…` : clean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const httpJsonTarget: TargetFactory<'http-json'> = (config: TargetConfig<'http-json'>) => {
  const base = config.endpoint.replace(/\/+$/, '');
  const host = new URL(config.endpoint).host;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  /** A failure caught while sending or reading, as the queue understands it. */
  function transportFailure(error: unknown, context: TargetContext): PublishFailure {
    if (context.signal.aborted) {
      return new PublishFailure(
        'transient',
        'STOPPED',
        `Đã dừng gửi tới máy chủ ${host} vì ứng dụng đang đóng; việc này sẽ tiếp tục ở lần mở sau.`,
        `Stopped sending to the server ${host} because the app is closing; it will resume at the next start.`,
      );
    }
    // AbortSignal.timeout rejects with a DOMException named TimeoutError, thrown as it is (no cause), also mid-body.
    if (error instanceof Error && error.name === 'TimeoutError') {
      const seconds = Math.round(timeoutMs / 100) / 10;
      return new PublishFailure(
        'transient',
        'TARGET_TIMEOUT',
        `Máy chủ ${host} không trả lời trong ${seconds} giây; sẽ thử lại sau.`,
        `The server ${host} did not answer within ${seconds} seconds; will try again later.`,
      );
    }
    const code = causeCode(error);
    const offline = code === null ? undefined : OFFLINE_CODES[code];
    if (offline) {
      return new PublishFailure(
        'offline',
        'TARGET_OFFLINE',
        `Không kết nối được máy chủ ${host}: ${offline[0]}. Bài sẽ được gửi khi kết nối trở lại.`,
        `Could not connect to the server ${host}: ${offline[1]}. It will be sent when the connection is back.`,
      );
    }
    if (code !== null && RESET_CODES.has(code)) {
      return new PublishFailure(
        'transient',
        'TARGET_RESET',
        `Kết nối tới máy chủ ${host} bị ngắt trước khi trả lời xong; sẽ thử lại sau.`,
        `The connection to the server ${host} was cut off before the answer was complete; will try again later.`,
      );
    }
    // fetch's own message is only "fetch failed": the cause says what happened.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const detail = cause instanceof Error ? shorten(cause.message) : String(cause);
    return new PublishFailure(
      'transient',
      'TARGET_NETWORK',
      `Không gửi được tới máy chủ ${host}: ${detail}; sẽ thử lại sau.`,
      `Could not send to the server ${host}: ${detail}; will try again later.`,
    );
  }

  /** A non-2xx answer, as the queue understands it. */
  function statusFailure(answer: Answer): PublishFailure {
    const { status } = answer;
    if (status >= 500 || status === 429 || status === 408) {
      return new PublishFailure(
        'transient',
        'TARGET_SERVER_ERROR',
        `Máy chủ ${host} đang gặp sự cố hoặc quá tải (mã ${status}); sẽ thử lại sau.`,
        `The server ${host} has a problem or is overloaded (status ${status}); will try again later.`,
      );
    }
    if (status === 401) {
      return new PublishFailure(
        'permanent',
        'TARGET_AUTH',
        `Máy chủ ${host} không chấp nhận thông tin đăng nhập (mã 401); hãy kiểm tra mã truy cập của đích trong Cài đặt.`,
        `The server ${host} refused the credentials (status 401); check the target's token in Settings.`,
      );
    }
    if (status === 403) {
      return new PublishFailure(
        'permanent',
        'TARGET_FORBIDDEN',
        `Máy chủ ${host} không cho phép việc này (mã 403): tài khoản dùng để đăng bài không có quyền.`,
        `The server ${host} forbids this (status 403): the account used to publish lacks the permission.`,
      );
    }
    const parsed = answer.contentType.includes('json') ? parseJson(answer.text) : undefined;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' && message.trim() !== '' ? `: ${shorten(message)}` : '';
    return new PublishFailure(
      'permanent',
      'TARGET_REJECTED',
      `Máy chủ ${host} từ chối yêu cầu (mã ${status})${detail}.`,
      `The server ${host} refused the request (status ${status})${detail}.`,
    );
  }

  function notJson(): PublishFailure {
    return new PublishFailure(
      'transient',
      'TARGET_NOT_JSON',
      `Máy chủ ${host} trả về một trang web thay vì dữ liệu — thường là trang đăng nhập của mạng hoặc một trang báo lỗi; sẽ thử lại sau.`,
      `The server ${host} answered with a web page instead of data — often a login page of the network or an error page; will try again later.`,
    );
  }

  async function send(method: string, path: string, key: string | null, body: unknown, context: TargetContext): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key !== null) headers['Idempotency-Key'] = key;
    if (context.secret) headers.Authorization = `Bearer ${context.secret}`;
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]),
      });
      // Read inside the try: a connection cut or a timeout mid-body rejects here, not at fetch.
      const text = await response.text();
      return { status: response.status, contentType: response.headers.get('content-type')?.toLowerCase() ?? '', text };
    } catch (error) {
      throw transportFailure(error, context);
    }
  }

  function recordOf(answer: Answer, previousUrl: string | null): RemoteRecord {
    if (answer.status < 200 || answer.status > 299) throw statusFailure(answer);
    const parsed = answer.contentType.includes('html') ? undefined : parseJson(answer.text);
    if (typeof parsed !== 'object' || parsed === null) throw notJson();
    const { id, url, modified } = parsed as { id?: unknown; url?: unknown; modified?: unknown };
    if (!((typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new PublishFailure(
        'transient',
        'TARGET_BAD_ANSWER',
        `Máy chủ ${host} đã trả lời nhưng không cho biết mã của bài; sẽ thử lại sau.`,
        `The server ${host} answered without the article's id; will try again later.`,
      );
    }
    return {
      remoteId: String(id),
      url: typeof url === 'string' && url !== '' ? url : previousUrl,
      remoteModified: typeof modified === 'string' && modified !== '' ? modified : null,
    };
  }

  const articlePath = (remoteId: string): string => `/articles/${encodeURIComponent(remoteId)}`;

  return {
    kind: 'http-json',
    // A portal that holds articles back until their scheduledFor says so in its settings; otherwise the queue waits.
    serverSchedule: config.serverSchedule ?? false,

    async publish(work: PublishWork, context: TargetContext): Promise<RemoteRecord> {
      const payload = { idempotencyKey: work.idempotencyKey, article: articleBody(work.article, work.scheduledFor) };
      const remoteId = work.previous?.remoteId ?? null;
      if (remoteId !== null) {
        const answer = await send('PUT', articlePath(remoteId), work.idempotencyKey, payload, context);
        if (answer.status !== 404) return recordOf(answer, work.previous?.url ?? null);
        // Deleted on the server: publish it anew. The key is derived, not reused, since a server may have stored
        // the 404 under the original one; it stays the same for this work, so a repeat still creates only once.
        const key = `${work.idempotencyKey}:recreate`;
        return recordOf(await send('POST', '/articles', key, { ...payload, idempotencyKey: key }, context), null);
      }
      return recordOf(await send('POST', '/articles', work.idempotencyKey, payload, context), null);
    },

    async unpublish(work, context): Promise<void> {
      const remoteId = work.previous?.remoteId ?? null;
      if (remoteId === null) return;
      const answer = await send('DELETE', articlePath(remoteId), work.idempotencyKey, undefined, context);
      if (answer.status === 404 || (answer.status >= 200 && answer.status <= 299)) return;
      throw statusFailure(answer);
    },

    // The portal keeps its own copy of every article it was sent, so there is nothing to rewrite from here.
    async rebuild(_targetId, context): Promise<void> {
      context.progress(1, 1);
    },

    async check(context): Promise<void> {
      let answer = await send('GET', '/health', null, undefined, context);
      if (answer.status === 404) answer = await send('GET', '', null, undefined, context);
      if (answer.status < 200 || answer.status > 299) throw statusFailure(answer);
      // A JSON API does not answer with a page: that is the network's login page (or a proxy's) in the way.
      if (answer.contentType.includes('html')) throw notJson();
    },
  };
};
