import fs from 'node:fs/promises';
import type { Article } from '../../../../shared/contract/articles';
import { ATTACHMENT_FILE_PATTERN } from '../../../../shared/contract/attachments';
import type { TargetConfig } from '../../../../shared/contract/publishing';
import { attachmentsOf, renderAttachmentList } from '../../../../shared/render/attachments';
import { bodyMediaRefs, legacyHtmlToParagraphs, renderBodyHtml } from '../../../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody, type BodyDocument } from '../../../../shared/render/body-nodes';
import { shortDateTime } from '../../../../shared/text/dateline';
import { escapeHtml, escapeText } from '../../../../shared/text/escape-html';
import { parseUntrustedJsonBytes } from '../../../../shared/text/safe-json';
import { statement } from '../../db/statements';
import { mediaContentType, mediaFilePath } from '../../media/media-store';
import {
  PublishFailure,
  type CollaborationTarget,
  type PublishWork,
  type PullResult,
  type RemoteArticle,
  type RemoteComment,
  type RemoteRecord,
  type RemoteStatus,
  type ReturnWork,
  type SyncCursor,
  type TargetContext,
  type TargetFactory,
} from '../target';
import {
  decodeEntities,
  htmlToText,
  WordPressClient,
  type PostFields,
  type WpComment,
  type WpPost,
  type WpUser,
} from '../wordpress/client';

/**
 * A WordPress site (wp/v2 REST API, an Application Password). Publishing makes or updates one post per article,
 * with its images uploaded once each (target_media); WordPress schedules a future publication itself.
 * With `collaborate`, workstations meet on the site: a submission is a post waiting for review that carries the
 * editor document, a return is a draft again with a comment, and a pull brings back what changed.
 */

const RETURN_MARK = '[Trả lại]';
/** The editor document as it travels in a submitted post; kses (WordPress's HTML filter for non-editors) keeps comments. */
const DOC_NOTE = /\n?<!-- toasoan:doc:([A-Za-z0-9+/=]*) -->\s*$/;
/** A return's reason and job key in its comment: the text exactly (WordPress renders comments typographically) and a repeat recognised. */
const RETURN_NOTE = /<!-- toasoan:return:([A-Za-z0-9+/=]+) -->/;
const BYLINE = /(?:^|\n)<p class="byline">([^<]*)<\/p>\s*$/;

/** Every status a pull asks for; trash included, so a post taken down by trashing it is seen. */
const PULLED_STATUSES = [
  'pending',
  'draft',
  'publish',
  'future',
  'private',
  'trash',
] as const satisfies readonly RemoteStatus[];
const REMOTE_STATUSES = new Set<string>(PULLED_STATUSES);
/** Where a lost answer may have left a post this work made. */
const OWN_STATUSES = {
  publish: ['publish', 'future', 'draft', 'pending', 'private'],
  submit: ['pending', 'draft'],
} as const;

type Mode = 'publish' | 'submit';

interface ImageText {
  alt: string;
  caption: string;
}
const NO_TEXT: ImageText = { alt: '', caption: '' };

interface SiteImage {
  id: number;
  url: string;
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
const unbase64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');
/** WordPress's UTC times have no zone: this one is said to be UTC. */
const utc = (gmt: string): string => `${gmt}Z`;
const wpGmt = (date: Date): string => date.toISOString().slice(0, 19);
const sameInstant = (a: string, b: string): boolean => a === b || Date.parse(a) === Date.parse(b);

function postIdOf(record: RemoteRecord | null): number | null {
  const id = record?.remoteId;
  return id && /^\d+$/.test(id) ? Number(id) : null;
}

/** The alt text and caption of each image of the body, by media ref. */
function imageTexts(body: BodyDocument): Map<string, ImageText> {
  const found = new Map<string, ImageText>();
  const stack: unknown[] = [body.root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const { type, src, alt, caption, children } = node as Record<string, unknown>;
    if (type === 'image' && typeof src === 'string' && !found.has(src)) {
      found.set(src, {
        alt: typeof alt === 'string' ? alt : '',
        caption: typeof caption === 'string' ? caption.trim() : '',
      });
    }
    // Children pushed last first, so the first figure of an image in the text is the one found.
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
  }
  return found;
}

/** The images a post shows, the featured one first, each with the alt text and caption its media item gets. */
function wantedImages(article: Article, body: BodyDocument | null): Map<string, ImageText> {
  const wanted = new Map<string, ImageText>();
  const featured = article.featuredImage;
  if (featured !== null && MEDIA_REF_PATTERN.test(featured)) {
    wanted.set(featured, {
      alt: article.featuredCaption.trim() || article.title,
      caption: article.featuredCaption.trim(),
    });
  }
  const texts = body === null ? new Map<string, ImageText>() : imageTexts(body);
  for (const ref of bodyMediaRefs(body)) if (!wanted.has(ref)) wanted.set(ref, texts.get(ref) ?? NO_TEXT);
  return wanted;
}

/** An attached document as a media reference of the site's media library: 'media:<sha>.<pdf|doc|…>'. */
const DOCUMENT_REF_PATTERN = new RegExp(`^media:${ATTACHMENT_FILE_PATTERN.source.slice(1)}`);

/**
 * The attached documents a publication uploads, each captioned with its display name. A submission for review leaves
 * them out: a contributor's account may not upload, and the reviewing workstation does not take documents from a post.
 */
function wantedDocuments(article: Article, mode: Mode): Map<string, ImageText> {
  const wanted = new Map<string, ImageText>();
  if (mode === 'publish')
    for (const document of attachmentsOf(article))
      wanted.set(`media:${document.fileName}`, { alt: '', caption: document.displayName });
  return wanted;
}

/** WordPress has no byline field: the author and department go as the body's last paragraph, which a pull reads back. */
function bylineHtml(article: Article): string {
  const author = article.author.trim();
  if (author === '') return '';
  const department = article.department.trim();
  return `<p class="byline">${escapeHtml(author)}${department ? ` (${escapeHtml(department)})` : ''}</p>`;
}

/**
 * The post's content: the shared renderer's HTML with the site's image addresses, the attached documents linked to
 * their copies in the media library, the byline (last: a pull reads it back from there), and for a submission the
 * editor document.
 */
function contentOf(article: Article, body: BodyDocument | null, images: Map<string, SiteImage>, mode: Mode): string {
  const html =
    body === null
      ? legacyHtmlToParagraphs(article.bodyHtml)
      : renderBodyHtml(body, { mediaUrl: (ref) => images.get(ref)?.url ?? null });
  const documents = attachmentsOf(article).flatMap((document) => {
    const uploaded = images.get(`media:${document.fileName}`);
    return uploaded ? [{ ...document, href: uploaded.url }] : [];
  });
  const parts = [html, renderAttachmentList(documents), bylineHtml(article)];
  // Only a submission carries the document (for the editor's workstation); a published post never does.
  if (mode === 'submit' && body !== null && article.bodyJson !== null)
    parts.push(`<!-- toasoan:doc:${base64(article.bodyJson)} -->`);
  return parts.filter((part) => part !== '').join('\n');
}

function parseByline(text: string): { author: string; department: string } {
  const match = /^(.*) \(([^()]*)\)$/.exec(text);
  return match
    ? { author: (match[1] as string).trim(), department: (match[2] as string).trim() }
    : { author: text.trim(), department: '' };
}

/** A post's content taken apart: the body HTML, the embedded editor document, the byline. */
function unpackContent(content: string): Pick<RemoteArticle, 'html' | 'bodyJson' | 'byline'> {
  let html = content;
  let bodyJson: string | null = null;
  const doc = DOC_NOTE.exec(html);
  if (doc) {
    const decoded = unbase64(doc[1] as string);
    bodyJson = parseBody(decoded) === null ? null : decoded;
    html = html.slice(0, doc.index);
  }
  let byline: RemoteArticle['byline'] = null;
  const by = BYLINE.exec(html);
  if (by) {
    byline = parseByline(decodeEntities(by[1] as string));
    html = html.slice(0, by.index);
  }
  return { html: html.trim(), bodyJson, byline };
}

function returnNote(idempotencyKey: string, reason: string): string {
  return `<!-- toasoan:return:${base64(JSON.stringify({ key: idempotencyKey, reason }))} -->`;
}

function readReturnNote(content: string): { key: string; reason: string } | null {
  const match = RETURN_NOTE.exec(content);
  if (!match) return null;
  try {
    // Written by a remote editor's WordPress: through the hardened parser (strict UTF-8, no prototype keys).
    const note = parseUntrustedJsonBytes(Buffer.from(match[1] as string, 'base64')) as {
      key?: unknown;
      reason?: unknown;
    };
    return typeof note.key === 'string' && typeof note.reason === 'string'
      ? { key: note.key, reason: note.reason }
      : null;
  } catch {
    return null;
  }
}

function commentOf(comment: WpComment): RemoteComment {
  const note = readReturnNote(comment.content.raw ?? comment.content.rendered);
  const shown = htmlToText(comment.content.rendered);
  const marked = shown.startsWith(RETURN_MARK);
  return {
    remoteId: String(comment.id),
    remoteArticleId: String(comment.post),
    authorName: decodeEntities(comment.author_name),
    text: note ? note.reason : marked ? shown.slice(RETURN_MARK.length).trim() : shown,
    createdAt: utc(comment.date_gmt),
    isReturn: note !== null || marked,
  };
}

/**
 * The cursor after a pull: the newest time seen, but never later than a second before the server's clock. A post
 * changed later in the same second as the newest one seen still comes next time (WordPress keeps whole seconds and
 * filters strictly after), and a scheduled post, whose modified time is its future publication time, does not push
 * the cursor past everything changed until then.
 */
function nextCursor(previous: string | null, seen: string[], serverTime: Date): string | null {
  if (seen.length === 0) return previous;
  const at = Math.min(Math.max(...seen.map((time) => Date.parse(time))), serverTime.getTime() - 1000);
  return previous !== null && at <= Date.parse(previous) ? previous : `${wpGmt(new Date(at))}Z`;
}

export const wordpressTarget: TargetFactory<'wordpress'> = (config: TargetConfig<'wordpress'>) => {
  const host = new URL(config.siteUrl).host;
  const onSite = { vi: `trang WordPress ${host}`, en: `the WordPress site ${host}` };
  const clientOf = (context: TargetContext): WordPressClient =>
    new WordPressClient(config, context.secret, context.signal);

  const trashed = (): PublishFailure =>
    new PublishFailure(
      'permanent',
      'TARGET_TRASHED',
      `Bài đang nằm trong thùng rác của ${onSite.vi}; hãy khôi phục bài ở đó (hoặc xóa hẳn để đăng lại từ đầu) rồi thử lại.`,
      `The post is in the trash of ${onSite.en}; restore it there (or delete it for good to publish it anew), then retry.`,
    );

  const conflict = (post: WpPost): PublishFailure => {
    const at = shortDateTime(new Date(utc(post.modified_gmt)));
    return new PublishFailure(
      'permanent',
      'TARGET_CONFLICT',
      `Bài trên ${onSite.vi} đã được sửa lúc ${at} (giờ Việt Nam), sau lần gửi trước từ đây; không ghi đè lên bản đó.`,
      `The post on ${onSite.en} was changed at ${at} (Vietnam time), after it was last sent from here; it was not overwritten.`,
    );
  };

  const gone = (): PublishFailure =>
    new PublishFailure(
      'permanent',
      'TARGET_GONE',
      `Bài không còn trên ${onSite.vi} (đã bị xóa hẳn, hoặc chưa từng được gửi lên); không trả lại được.`,
      `The post is not on ${onSite.en} (deleted for good, or never sent there); it cannot be returned.`,
    );

  /** The recorded post, or null when it is gone from the site (to be made anew); a trashed one fails plainly. */
  async function heldPost(client: WordPressClient, previous: RemoteRecord | null): Promise<WpPost | null> {
    const id = postIdOf(previous);
    if (id === null) return null;
    const post = await client.getPost(id);
    if (post?.status === 'trash') throw trashed();
    return post;
  }

  /** Fails when the post changed on the server since this workstation last wrote or read it. */
  function assertUnchanged(post: WpPost, previous: RemoteRecord | null, ownWrite: () => boolean): void {
    if (previous?.remoteModified && !sameInstant(utc(post.modified_gmt), previous.remoteModified) && !ownWrite())
      throw conflict(post);
  }

  /**
   * A post an earlier run of this work made though its answer was lost: the account's, of this title, with this
   * slug (or a numbered one, or none yet: a contributor's pending post has none), that no other article holds.
   */
  async function lostPost(
    client: WordPressClient,
    me: WpUser,
    work: PublishWork,
    mode: Mode,
    context: TargetContext,
  ): Promise<WpPost | null> {
    const { title, slug } = work.article;
    // A word starting with '-' excludes it from WordPress's search.
    const candidates = (await client.findPosts(title.replace(/(^|\s)-+/g, '$1'), me.id, OWN_STATUSES[mode])).filter(
      (post) =>
        decodeEntities(post.title.raw ?? '') === title &&
        (post.slug === slug ||
          post.slug === '' ||
          (slug !== '' && post.slug.startsWith(`${slug}-`) && /^\d+$/.test(post.slug.slice(slug.length + 1)))),
    );
    if (candidates.length === 0) return null;
    const held = new Set(
      (
        statement(
          context.db,
          'SELECT remote_id FROM publish_remote WHERE target_id = ? AND article_id <> ? AND remote_id IN (SELECT value FROM json_each(?))',
        ).all(work.targetId, work.articleId, JSON.stringify(candidates.map((post) => String(post.id)))) as {
          remote_id: string;
        }[]
      ).map((row) => row.remote_id),
    );
    return candidates.find((post) => !held.has(String(post.id))) ?? null;
  }

  function knownImage(context: TargetContext, targetId: number, ref: string): SiteImage | null {
    const row = statement(
      context.db,
      'SELECT remote_id, url FROM target_media WHERE target_id = ? AND media_ref = ?',
    ).get(targetId, ref) as { remote_id: string; url: string } | undefined;
    return row ? { id: Number(row.remote_id), url: row.url } : null;
  }

  /**
   * The site's copy of an image or an attached document, uploaded the first time; null when this office's store does
   * not have the file.
   */
  async function siteImage(
    client: WordPressClient,
    ref: string,
    text: ImageText,
    targetId: number,
    context: TargetContext,
  ): Promise<SiteImage | null> {
    const known = knownImage(context, targetId, ref);
    if (known) return known;
    const match = MEDIA_REF_PATTERN.exec(ref) ?? DOCUMENT_REF_PATTERN.exec(ref);
    if (!match) return null;
    const fileName = `${match[1]}.${match[2]}`;
    // Named by its sha, an image an earlier upload put there (its answer lost) is found, not uploaded again.
    let media = await client.findMedia(match[1] as string);
    if (!media) {
      const file = mediaFilePath(context.dataDir, fileName);
      const bytes = file ? await fs.readFile(file).catch(() => null) : null;
      if (!bytes) return null;
      media = await client.uploadMedia({
        bytes,
        fileName,
        contentType: mediaContentType(fileName) ?? 'application/octet-stream',
        altText: text.alt,
        caption: text.caption,
      });
    }
    statement(
      context.db,
      'INSERT OR REPLACE INTO target_media (target_id, media_ref, remote_id, url) VALUES (?, ?, ?, ?)',
    ).run(targetId, ref, String(media.id), media.source_url);
    return { id: media.id, url: media.source_url };
  }

  /**
   * Whether the server's copy is what this work writes — its own update, whose answer was lost — judged without
   * sending anything: every image is known already, and title and content are the same (entities as kses writes them).
   */
  function isOwnWrite(post: WpPost, work: PublishWork, mode: Mode, context: TargetContext): boolean {
    const body = parseBody(work.article.bodyJson);
    const images = new Map<string, SiteImage>();
    for (const ref of [...wantedImages(work.article, body).keys(), ...wantedDocuments(work.article, mode).keys()]) {
      const known = knownImage(context, work.targetId, ref);
      if (!known) return false;
      images.set(ref, known);
    }
    const canonical = (html: string): string => html.replace(/&#0+(\d+);/g, '&#$1;');
    return (
      decodeEntities(post.title.raw ?? '') === work.article.title &&
      canonical(post.content.raw ?? '') === canonical(contentOf(work.article, body, images, mode))
    );
  }

  /** The post's fields: the shared renderer's HTML with the site's image addresses, the byline, the category. */
  async function postFields(
    client: WordPressClient,
    work: PublishWork,
    mode: Mode,
    context: TargetContext,
  ): Promise<PostFields> {
    const { article } = work;
    const body = parseBody(article.bodyJson);
    const images = new Map<string, SiteImage>();
    for (const [ref, text] of [...wantedImages(article, body), ...wantedDocuments(article, mode)]) {
      const image = await siteImage(client, ref, text, work.targetId, context);
      if (image) images.set(ref, image);
    }
    const fields: PostFields = {
      title: escapeText(article.title),
      content: contentOf(article, body, images, mode),
      excerpt: escapeText(article.lead),
      slug: article.slug,
      status: 'pending',
      featured_media: (article.featuredImage === null ? undefined : images.get(article.featuredImage))?.id ?? 0,
    };
    // Without one, WordPress's default category (on a new post), as a post made there would have.
    const categories = article.categoryName ? await client.categoriesByName([article.categoryName]) : [];
    if (categories.length > 0) fields.categories = categories;
    if (mode === 'publish') {
      // A post keeps its date: publishing "now" a post once scheduled for later would otherwise stay scheduled.
      const date = work.scheduledFor ?? article.publishedAt;
      fields.status = work.scheduledFor ? 'future' : 'publish';
      if (date) fields.date_gmt = wpGmt(new Date(date));
    }
    return fields;
  }

  async function savePost(work: PublishWork, mode: Mode, context: TargetContext): Promise<RemoteRecord> {
    const client = clientOf(context);
    const me = await client.me();
    const held = await heldPost(client, work.previous);
    // Checked before anything is sent, so a conflict changes nothing. A post deleted on the server is made anew.
    if (held) assertUnchanged(held, work.previous, () => isOwnWrite(held, work, mode, context));
    const existing = held ?? (await lostPost(client, me, work, mode, context));
    if (mode === 'submit' && existing && ['publish', 'future', 'private'].includes(existing.status)) {
      throw new PublishFailure(
        'permanent',
        'TARGET_ALREADY_PUBLISHED',
        `Bài này đã được đăng trên ${onSite.vi}; gửi duyệt lại sẽ gỡ bài khỏi trang nên đã không gửi — hãy nhờ biên tập viên sửa bài đã đăng.`,
        `This post is already published on ${onSite.en}; submitting it again would take it off the site, so it was not sent — ask an editor to update the published post.`,
      );
    }
    const fields = await postFields(client, work, mode, context);
    const post = existing ? await client.updatePost(existing.id, fields) : await client.createPost(fields);
    return {
      remoteId: String(post.id),
      url: mode === 'publish' ? post.link : null,
      remoteModified: utc(post.modified_gmt),
    };
  }

  async function returnToWriter(work: ReturnWork, context: TargetContext): Promise<RemoteRecord> {
    const client = clientOf(context);
    await client.me();
    const post = await heldPost(client, work.previous);
    if (post === null) throw gone();
    const recent = await client.listComments({ posts: [post.id], after: null, page: 1 });
    // A repeat after a lost answer finds its comment (and must not take its own change for someone else's).
    if (
      !recent.items.some(
        (comment) => readReturnNote(comment.content.raw ?? comment.content.rendered)?.key === work.idempotencyKey,
      )
    ) {
      assertUnchanged(post, work.previous, () => false);
      const reason = work.reason.trim();
      // The comment before the status: WordPress takes no comment on a draft.
      await client.createComment(
        post.id,
        `${escapeHtml(reason ? `${RETURN_MARK} ${reason}` : RETURN_MARK)}\n${returnNote(work.idempotencyKey, reason)}`,
      );
    }
    const draft = post.status === 'draft' ? post : await client.updatePost(post.id, { status: 'draft' });
    return { remoteId: String(draft.id), url: null, remoteModified: utc(draft.modified_gmt) };
  }

  function articleOf(post: WpPost, authors: Map<number, string>, categories: Map<number, string>): RemoteArticle {
    const firstCategory = post.categories[0];
    return {
      remoteId: String(post.id),
      status: post.status as RemoteStatus,
      title: post.title.raw !== undefined ? decodeEntities(post.title.raw) : htmlToText(post.title.rendered),
      lead: post.excerpt.raw !== undefined ? decodeEntities(post.excerpt.raw) : htmlToText(post.excerpt.rendered),
      ...unpackContent(post.content.raw ?? post.content.rendered),
      slug: post.slug || post.generated_slug || '',
      authorName: authors.get(post.author) ?? `#${post.author}`,
      categoryName: firstCategory === undefined ? null : (categories.get(firstCategory) ?? null),
      url: post.status === 'publish' ? post.link : null,
      remoteModified: utc(post.modified_gmt),
      scheduledFor: post.status === 'future' && post.date_gmt ? utc(post.date_gmt) : null,
    };
  }

  async function pull(cursor: SyncCursor, context: TargetContext): Promise<PullResult> {
    const client = clientOf(context);
    const me = await client.me();
    let serverTime: Date | null = null;
    const posts = new Map<number, WpPost>();
    const readPosts = async (options: {
      statuses: readonly string[];
      context: 'edit' | 'view';
      author?: number;
    }): Promise<void> => {
      for (let page = 1, total = 1; page <= total; page += 1) {
        const listed = await client.listPosts({ ...options, modifiedAfter: cursor.postsAfter, page });
        serverTime ??= listed.serverTime;
        total = listed.totalPages;
        for (const post of listed.items)
          if (!posts.has(post.id) && REMOTE_STATUSES.has(post.status)) posts.set(post.id, post);
      }
    };
    await readPosts({ statuses: PULLED_STATUSES, context: 'edit' });
    // context=edit leaves out what the account may not edit: a contributor's own posts once published.
    if (!me.capabilities.edit_others_posts)
      await readPosts({ statuses: ['publish', 'future', 'private'], context: 'view', author: me.id });

    const comments = new Map<number, WpComment>();
    for (let page = 1, total = 1; page <= total; page += 1) {
      const listed = await client.listComments({ after: cursor.commentsAfter, page });
      serverTime ??= listed.serverTime;
      total = listed.totalPages;
      for (const comment of listed.items) if (!comments.has(comment.id)) comments.set(comment.id, comment);
    }

    const all = [...posts.values()].sort((a, b) =>
      a.modified_gmt < b.modified_gmt ? -1 : a.modified_gmt > b.modified_gmt ? 1 : a.id - b.id,
    );
    const authors =
      all.length === 0
        ? new Map<number, string>()
        : await client.userNames([...new Set(all.map((post) => post.author))]);
    const categories =
      all.length === 0
        ? new Map<number, string>()
        : await client.categoryNames(all.flatMap((post) => post.categories.slice(0, 1)));
    const pulledComments = [...comments.values()]
      .sort((a, b) => (a.date_gmt < b.date_gmt ? -1 : a.date_gmt > b.date_gmt ? 1 : a.id - b.id))
      .map(commentOf);
    const clock = serverTime ?? context.now();
    return {
      articles: all.map((post) => articleOf(post, authors, categories)),
      comments: pulledComments,
      cursor: {
        postsAfter: nextCursor(
          cursor.postsAfter,
          all.map((post) => utc(post.modified_gmt)),
          clock,
        ),
        commentsAfter: nextCursor(
          cursor.commentsAfter,
          pulledComments.map((comment) => comment.createdAt),
          clock,
        ),
      },
    };
  }

  const collaboration: CollaborationTarget = {
    submit: (work, context) => savePost(work, 'submit', context),
    returnToWriter,
    pull,
  };

  return {
    kind: 'wordpress',
    serverSchedule: true,
    // Categories are found or created by name, and images uploaded once each: two posts at once could both create one.
    concurrency: 1,

    publish: (work, context) => savePost(work, 'publish', context),

    /**
     * What the site holds of the article, asked after an answer was lost: the recorded post (unless gone or trashed),
     * else the post an earlier run made (found as a publication finds it). The recorded change time stays, so a post
     * changed on the server since is still reported as a conflict.
     */
    async find(work, context): Promise<RemoteRecord | null> {
      const client = clientOf(context);
      const me = await client.me();
      const recorded = postIdOf(work.previous);
      const held = recorded === null ? null : await client.getPost(recorded);
      const post =
        held && held.status !== 'trash'
          ? held
          : work.article
            ? await lostPost(
                client,
                me,
                { ...work, article: work.article, scheduledFor: null, previous: null },
                'publish',
                context,
              )
            : null;
      if (!post) return null;
      return {
        remoteId: String(post.id),
        url: post.link,
        remoteModified: post.id === recorded ? (work.previous?.remoteModified ?? null) : utc(post.modified_gmt),
      };
    },

    async unpublish(work, context): Promise<void> {
      const id = postIdOf(work.previous);
      if (id === null) return;
      const client = clientOf(context);
      await client.me();
      const post = await client.getPost(id);
      const status = config.unpublishAs ?? 'draft';
      // Gone, or trashed (an update would take it out of the trash): already off the site.
      if (post === null || post.status === 'trash' || post.status === status) return;
      await client.updatePost(id, { status });
    },

    // WordPress keeps its own copy of every post it was sent, so there is nothing to rewrite from here.
    async rebuild(_targetId, context): Promise<void> {
      context.progress(1, 1);
    },

    async check(context): Promise<void> {
      const client = clientOf(context);
      const me = await client.me();
      if (!config.collaborate && !me.capabilities.publish_posts) throw client.mayNotPublish();
    },

    ...(config.collaborate ? { collaboration } : {}),
  };
};
