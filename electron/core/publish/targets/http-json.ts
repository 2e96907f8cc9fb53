import type { Article } from '../../../../shared/contract/articles';
import type { TargetConfig } from '../../../../shared/contract/publishing';
import { legacyHtmlToParagraphs, renderBodyHtml } from '../../../../shared/render/article-html';
import { parseBody } from '../../../../shared/render/body-nodes';
import { notJson, parseJson, sendRequest, serverTrouble, shorten, type HttpAnswer, type Peer } from '../http-failures';
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
  const html =
    body === null ? legacyHtmlToParagraphs(article.bodyHtml) : renderBodyHtml(body, { mediaUrl: () => null });
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

export const httpJsonTarget: TargetFactory<'http-json'> = (config: TargetConfig<'http-json'>) => {
  const base = config.endpoint.replace(/\/+$/, '');
  const host = new URL(config.endpoint).host;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const peer: Peer = { vi: `máy chủ ${host}`, en: `the server ${host}` };

  /** A non-2xx answer, as the queue understands it. */
  function statusFailure(answer: HttpAnswer): PublishFailure {
    const { status } = answer;
    const trouble = serverTrouble(status, peer);
    if (trouble) return trouble;
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
    const parsed = answer.contentType.includes('json') ? parseJson(answer) : undefined;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' && message.trim() !== '' ? `: ${shorten(message)}` : '';
    return new PublishFailure(
      'permanent',
      'TARGET_REJECTED',
      `Máy chủ ${host} từ chối yêu cầu (mã ${status})${detail}.`,
      `The server ${host} refused the request (status ${status})${detail}.`,
    );
  }

  async function send(
    method: string,
    path: string,
    key: string | null,
    body: unknown,
    context: TargetContext,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key !== null) headers['Idempotency-Key'] = key;
    if (context.secret) headers.Authorization = `Bearer ${context.secret}`;
    return sendRequest(
      `${base}${path}`,
      { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      { peer, signal: context.signal, timeoutMs },
    );
  }

  function recordOf(answer: HttpAnswer, previousUrl: string | null): RemoteRecord {
    if (answer.status < 200 || answer.status > 299) throw statusFailure(answer);
    const parsed = answer.contentType.includes('html') ? undefined : parseJson(answer);
    if (typeof parsed !== 'object' || parsed === null) throw notJson(peer);
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
    // Each article is its own request and its own item on the portal: a few go out side by side.
    concurrency: 4,

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
      if (answer.contentType.includes('html')) throw notJson(peer);
    },
  };
};
