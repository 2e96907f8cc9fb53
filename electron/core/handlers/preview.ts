import type { Article } from '../../../shared/contract/articles';
import { DEFAULT_MEDIA_BASE } from '../../../shared/contract/preview';
import { legacyHtmlToParagraphs, renderBodyHtml, type RenderOptions } from '../../../shared/render/article-html';
import { MEDIA_REF_PATTERN, parseBody } from '../../../shared/render/body-nodes';
import {
  mediaOriginOf,
  PORTAL_TOOLS,
  renderPortalPage,
  type RelatedArticleLink,
} from '../../../shared/render/portal-page';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { getArticle } from '../store/articles';
import { listAttachments } from '../store/attachments';
import { portalLook } from '../publish/site-model';
import type { Handlers } from './types';

/** How many earlier articles of the category the page lists under 'Tin đã đưa'. */
export const RELATED_LIMIT = 10;

/** Media references as URLs under a base: web → <base><sha>.<ext>, thumb → <base><sha>.thumb.webp. */
export function mediaResolver(mediaBase: string): RenderOptions['mediaUrl'] {
  return (ref, variant) => {
    const m = MEDIA_REF_PATTERN.exec(ref);
    if (!m) return null;
    const [, sha, ext] = m;
    return variant === 'thumb' ? `${mediaBase}${sha}.thumb.webp` : `${mediaBase}${sha}.${ext}`;
  };
}

/**
 * The body's HTML: from the body JSON when there is one; else (no JSON, or one that no longer parses) the stored
 * HTML's text as escaped plain paragraphs — never the stored markup itself.
 */
function bodyHtmlOf(article: Article, mediaUrl: RenderOptions['mediaUrl']): string {
  const body = parseBody(article.bodyJson);
  if (body === null) return legacyHtmlToParagraphs(article.bodyHtml);
  return renderBodyHtml(body, { mediaUrl });
}

/**
 * Earlier published, non-trashed articles of the same category, newest first: those published before this one,
 * or all of the category when this one has no publish time.
 */
function relatedArticles(db: Db, article: Article): { title: string; publishedAt: string | null }[] {
  if (article.categoryId === null) return [];
  const base = `SELECT title, published_at AS publishedAt FROM articles
    WHERE category_id = ? AND id <> ? AND trashed_at IS NULL AND status = 'published'`;
  if (article.publishedAt) {
    return statement(
      db,
      `${base} AND published_at IS NOT NULL AND published_at < ? ORDER BY published_at DESC, id DESC LIMIT ?`,
    ).all(article.categoryId, article.id, new Date(article.publishedAt).toISOString(), RELATED_LIMIT) as {
      title: string;
      publishedAt: string | null;
    }[];
  }
  return statement(db, `${base} ORDER BY published_at IS NULL, published_at DESC, id DESC LIMIT ?`).all(
    article.categoryId,
    article.id,
    RELATED_LIMIT,
  ) as {
    title: string;
    publishedAt: string | null;
  }[];
}

export function previewHandlers(db: Db): Handlers<'preview.'> {
  return {
    'preview.articleHtml': ({ id }) => {
      const article = getArticle(db, id);
      return { html: bodyHtmlOf(article, mediaResolver(DEFAULT_MEDIA_BASE)) };
    },
    'preview.page': ({ id, mediaBase }) => {
      const article = getArticle(db, id);
      const base = mediaBase ?? DEFAULT_MEDIA_BASE;
      const mediaUrl = mediaResolver(base);
      // The preview never navigates: every earlier article links to '#'.
      const related: RelatedArticleLink[] = relatedArticles(db, article).map((item) => ({ ...item, href: '#' }));
      // The published page's frame with the same data (site-model's look), its links going nowhere.
      const look = portalLook(db);
      const html = renderPortalPage({
        portal: look.portal,
        extras: look.extras,
        home: '#',
        menu: look.categories.map((entry) => ({ label: entry.name, href: '#' })),
        search: '#',
        tools: PORTAL_TOOLS.map((tool) => ({ label: tool.label, href: '#' })),
        article,
        bodyHtml: bodyHtmlOf(article, mediaUrl),
        related,
        mediaUrl,
        mediaOrigins: [mediaOriginOf(base)],
        lang: 'vi',
        // The article's documents as they are now, linked where the preview's images come from.
        attachments: listAttachments(db, id).map((attachment) => ({
          ...attachment,
          href: `${base}${attachment.fileName}`,
        })),
      });
      return { html };
    },
  };
}
