import type { Article } from '../../../../shared/contract/articles';
import type { TargetConfig } from '../../../../shared/contract/publishing';
import { legacyHtmlToParagraphs, renderBodyHtml } from '../../../../shared/render/article-html';
import { parseBody } from '../../../../shared/render/body-nodes';
import { statement } from '../../db/statements';
import { workstationId } from '../../store/publishing';
import { notJson, parseJson, sendRequest, serverTrouble, shorten, type HttpAnswer, type Peer } from '../http-failures';
import {
  PublishFailure,
  type FindWork,
  type PublishWork,
  type RemoteRecord,
  type TargetContext,
  type TargetFactory,
} from '../target';

/**
 * A portal's own JSON API (shared/contract/publishing.ts; docs/publishing.md has the whole protocol):
 *   POST   {endpoint}/articles        { idempotencyKey, origin, article } → 2xx JSON { id, url?, modified? }
 *   PUT    {endpoint}/articles/{id}   the same body → 2xx JSON { id, url?, modified? }  (404: gone → POST again)
 *   DELETE {endpoint}/articles/{id}   → 2xx JSON, or 204, or 404 when it is gone already
 *   GET    {endpoint}/articles?articleId={article.id}&origin={origin} → 2xx JSON { items: [{ id, url?, modified?, articleId?, origin? }] }
 *   GET    {endpoint}/health (or {endpoint} where there is none) → 2xx
 * `origin` names the workstation (a shared portal tells workstations' articles apart by it); every write carries an
 * Idempotency-Key made of the origin and the job's key, so a repeat after a lost answer has no second effect. The
 * lookup is how the queue learns what the portal holds after an answer was lost. A write is done only on a 2xx JSON
 * answer: a web page (a login page, a proxy's), a redirect, an empty or unreadable answer is a transient failure.
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
    if (status >= 300 && status <= 399) {
      return new PublishFailure(
        'transient',
        'TARGET_REDIRECTED',
        `Máy chủ ${host} chuyển yêu cầu sang trang khác (mã ${status}) — thường là trang đăng nhập của mạng; chưa coi là xong, sẽ thử lại sau.`,
        `The server ${host} redirected the request elsewhere (status ${status}) — often a network login page; not counted as done, will try again later.`,
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
    const parsed = answer.contentType.includes('json') ? parseJson(answer) : undefined;
    const message = (parsed as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' && message.trim() !== '' ? `: ${shorten(message)}` : '';
    if (status === 409) {
      return new PublishFailure(
        'permanent',
        'TARGET_CONFLICT',
        `Máy chủ ${host} đã có một bài khác ở cùng địa chỉ (mã 409${detail}) — có thể do máy trạm khác đăng; bài không được đăng thêm một bản. Hãy đổi đường dẫn của bài hoặc thống nhất với nơi đã đăng.`,
        `The server ${host} already has another article at the same address (status 409${detail}) — perhaps published from another workstation; no second copy was made. Change the article's address or agree with whoever published it.`,
      );
    }
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
    if (key !== null) headers['Idempotency-Key'] = `${workstationId(context.db)}:${key}`;
    if (context.secret) headers.Authorization = `Bearer ${context.secret}`;
    return sendRequest(
      `${base}${path}`,
      // A redirect is not followed: a write sent on as a GET to a login page must not look done.
      { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      { peer, signal: context.signal, timeoutMs },
    );
  }

  const badAnswer = (vi: string, en: string): PublishFailure =>
    new PublishFailure(
      'transient',
      'TARGET_BAD_ANSWER',
      `Máy chủ ${host} đã trả lời nhưng ${vi}; chưa coi là xong, sẽ hỏi lại máy chủ rồi thử lại.`,
      `The server ${host} answered but ${en}; not counted as done, will ask the server again and retry.`,
    );

  /** The JSON object of a 2xx answer; anything else is a failure (a page, an empty or cut answer: transient). */
  function jsonOf(answer: HttpAnswer): Record<string, unknown> {
    if (answer.status < 200 || answer.status > 299) throw statusFailure(answer);
    if (answer.bytes.length === 0) throw badAnswer('không gửi nội dung nào', 'with an empty body');
    const parsed = answer.contentType.includes('html') ? undefined : parseJson(answer);
    if (parsed === undefined) throw notJson(peer);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw badAnswer('không phải một đối tượng JSON', 'with something other than a JSON object');
    return parsed as Record<string, unknown>;
  }

  const isId = (id: unknown): id is string | number =>
    (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id));

  /** The remote id of another article of this workstation on this target, when `remoteId` is one. */
  function heldByAnother(context: TargetContext, targetId: number, articleId: number, remoteId: string): number | null {
    const row = statement(
      context.db,
      'SELECT article_id AS id FROM publish_remote WHERE target_id = ? AND remote_id = ? AND article_id <> ? LIMIT 1',
    ).get(targetId, remoteId, articleId) as { id: number } | undefined;
    return row?.id ?? null;
  }

  function recordOf(answer: HttpAnswer, work: PublishWork, context: TargetContext, previousUrl: string | null) {
    const { id, url, modified, articleId } = jsonOf(answer);
    if (!isId(id)) throw badAnswer('không cho biết mã của bài', "without the article's id");
    const other = heldByAnother(context, work.targetId, work.articleId, String(id));
    if ((articleId !== undefined && articleId !== work.articleId) || other !== null) {
      throw badAnswer(
        `cho mã ${String(id)} của một bài khác${other === null ? '' : ` (bài #${other})`}`,
        `with the id ${String(id)} of another article${other === null ? '' : ` (article #${other})`}`,
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
      const payload = {
        idempotencyKey: work.idempotencyKey,
        origin: workstationId(context.db),
        article: articleBody(work.article, work.scheduledFor),
      };
      const remoteId = work.previous?.remoteId ?? null;
      if (remoteId !== null) {
        const answer = await send('PUT', articlePath(remoteId), work.idempotencyKey, payload, context);
        if (answer.status !== 404) return recordOf(answer, work, context, work.previous?.url ?? null);
        // Deleted on the server: publish it anew. The key is derived, not reused, since a server may have stored
        // the 404 under the original one; it stays the same for this work, so a repeat still creates only once.
        const key = `${work.idempotencyKey}:recreate`;
        const created = await send('POST', '/articles', key, { ...payload, idempotencyKey: key }, context);
        return recordOf(created, work, context, null);
      }
      return recordOf(await send('POST', '/articles', work.idempotencyKey, payload, context), work, context, null);
    },

    async unpublish(work, context): Promise<void> {
      const remoteId = work.previous?.remoteId ?? null;
      if (remoteId === null) return;
      const answer = await send('DELETE', articlePath(remoteId), work.idempotencyKey, undefined, context);
      // Gone already, or said so plainly; a 2xx page (a login page in the way) is not a take-down.
      if (answer.status === 404 || answer.status === 204) return;
      jsonOf(answer);
    },

    async find(work: FindWork, context: TargetContext): Promise<RemoteRecord | null> {
      const origin = workstationId(context.db);
      const query = `?articleId=${encodeURIComponent(String(work.articleId))}&origin=${encodeURIComponent(origin)}`;
      const answer = await send('GET', `/articles${query}`, null, undefined, context);
      if ([404, 405, 501].includes(answer.status)) {
        throw new PublishFailure(
          'permanent',
          'TARGET_NO_LOOKUP',
          `Máy chủ ${host} không tra được bài (GET /articles?articleId=…, mã ${answer.status}), nên không biết yêu cầu trước đã tới chưa; lệnh chờ, không gửi lại để khỏi đăng hai lần. Hãy hỏi quản trị cổng.`,
          `The server ${host} cannot look articles up (GET /articles?articleId=…, status ${answer.status}), so whether the earlier request arrived is unknown; the job waits and sends nothing again, so nothing is published twice. Ask the portal's administrator.`,
        );
      }
      const { items } = jsonOf(answer);
      if (!Array.isArray(items)) throw badAnswer('không có danh sách bài (items)', 'without a list of items');
      // Only this workstation's copy of this article, whatever else the portal chose to list.
      const ours = items.filter(
        (item): item is Record<string, unknown> =>
          typeof item === 'object' &&
          item !== null &&
          isId((item as Record<string, unknown>).id) &&
          (item as Record<string, unknown>).articleId === work.articleId &&
          [undefined, origin].includes((item as Record<string, unknown>).origin as string | undefined),
      );
      const held = ours.find((item) => String(item.id) === work.previous?.remoteId) ?? ours[0];
      if (!held) return null;
      return {
        remoteId: String(held.id),
        url: typeof held.url === 'string' && held.url !== '' ? held.url : (work.previous?.url ?? null),
        remoteModified: typeof held.modified === 'string' && held.modified !== '' ? held.modified : null,
      };
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
