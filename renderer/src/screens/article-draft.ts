import type { Article, ArticleFields } from '../../../shared/contract/articles';
import { fromVietnamLocalInput, toVietnamLocalInput } from '../../../shared/text/dateline';
import { slugify } from '../../../shared/text/slug';

/** The form's view of an article's fields (the body is kept apart: it changes on every keystroke). */
export interface Draft {
  title: string;
  slug: string;
  categoryId: string;
  lead: string;
  author: string;
  department: string;
  publishedAt: string;
  featuredImage: string | null;
  featuredCaption: string;
}

export const EMPTY_DRAFT: Draft = {
  title: '',
  slug: '',
  categoryId: '',
  lead: '',
  author: '',
  department: '',
  publishedAt: '',
  featuredImage: null,
  featuredCaption: '',
};

export function draftOf(article: Article): Draft {
  return {
    title: article.title,
    slug: article.slug,
    categoryId: article.categoryId ? String(article.categoryId) : '',
    lead: article.lead,
    author: article.author,
    department: article.department,
    publishedAt: article.publishedAt ? toVietnamLocalInput(article.publishedAt) : '',
    featuredImage: article.featuredImage,
    featuredCaption: article.featuredCaption,
  };
}

export function fieldsOf(draft: Draft): Partial<ArticleFields> & { title: string } {
  return {
    title: draft.title,
    slug: draft.slug.trim() || slugify(draft.title) || 'bai-viet',
    categoryId: draft.categoryId ? Number(draft.categoryId) : null,
    lead: draft.lead,
    author: draft.author,
    department: draft.department,
    publishedAt: draft.publishedAt ? fromVietnamLocalInput(draft.publishedAt) : null,
    featuredImage: draft.featuredImage,
    featuredCaption: draft.featuredCaption,
  };
}

export function changedFields(before: Draft, after: Draft): Partial<ArticleFields> {
  const next = fieldsOf(after);
  const old = fieldsOf(before);
  const changes: Partial<ArticleFields> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== old[key]) Object.assign(changes, { [key]: next[key] });
  }
  return changes;
}

/**
 * After a save, the fields the user did not touch while it ran take the stored value (trimmed, NFC, a suffixed
 * slug); the ones typed into meanwhile keep the user's text. The same object when no field changes: an autosave of
 * the body then renders no form and does not start the check of the article again.
 */
export function mergeSaved(current: Draft, sent: Draft, saved: Draft): Draft {
  let merged: Draft | null = null;
  for (const key of Object.keys(current) as (keyof Draft)[]) {
    if (current[key] === sent[key] && current[key] !== saved[key])
      merged = { ...(merged ?? current), [key]: saved[key] };
  }
  return merged ?? current;
}
