import fs from 'node:fs';
import type { PortalProfile } from '../../../shared/contract/app';
import type { Article } from '../../../shared/contract/articles';
import type { Category } from '../../../shared/contract/categories';
import type { ProfileExtras } from '../../../shared/contract/profile';
import { MEDIA_REF_PATTERN } from '../../../shared/render/body-nodes';
import { vietnamDateParts } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { statement } from '../db/statements';
import { mediaFilePath } from '../media/media-store';
import { getProfileExtras } from '../profile/organisation-profile';
import { getPortalProfile } from '../store/settings';

/**
 * The static site's record (site_entries): one row per article on a target's site, with what its lists need and the
 * article exactly as it was published. Every list query is a bounded index range, so a publication's cost does not
 * grow with the site. `skip` leaves one article out, so the lists can be rewritten without it before its row goes.
 */

export const UNCATEGORIZED_FOLDER = 'tin-tuc';
const UNCATEGORIZED_SECTION = 'Tin tức';
const RESERVED_FOLDERS = new Set([UNCATEGORIZED_FOLDER, 'images', 'assets']);
/** A folder's own pages; an article slug equal to one of them gets '-bai'. */
const RESERVED_FILES = /^(?:index|rss|thang-\d{4}-\d{2}(?:-trang-\d+)?)$/;
const PAGE_REL = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/([a-z0-9]+(?:-[a-z0-9]+)*)\.html$/;

/** What a list shows of an article. */
export interface SiteItem {
  articleId: number;
  folder: string;
  /** The heading of the article's folder: its category's name as published. */
  section: string;
  /** The page's name in the folder, without .html. */
  file: string;
  /** 'YYYY-MM' of sortKey in Vietnam time. */
  month: string;
  /** The ISO publication time: the lists' order (newest first, then the higher id). */
  sortKey: string;
  title: string;
  lead: string;
  publishedAt: string | null;
  /** When the site's page last changed (the sitemap's lastmod). */
  updatedAt: string;
  /** The article's featured image as published (a media reference), for the lists' thumbnails. */
  image?: string | null;
}

export interface SiteEntry extends SiteItem {
  /** The Article JSON as published. */
  snapshot: string;
}

export function pageRel(item: Pick<SiteItem, 'folder' | 'file'>): string {
  return `${item.folder}/${item.file}.html`;
}

/** The folder and file of a page path ('folder/file.html'), or null when it cannot be an article page. */
export function parsePageRel(rel: string): { folder: string; file: string } | null {
  const m = PAGE_REL.exec(rel);
  if (!m || RESERVED_FILES.test(m[2] as string)) return null;
  return { folder: m[1] as string, file: m[2] as string };
}

function safeName(slug: string, fallback: string): string {
  const s = slug
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 150)
    .replace(/-+$/, '');
  return s || fallback;
}

/** Each category's folder, from its slug; reserved or clashing names get a suffix, in the categories' order. */
export function categoryFolders(categories: readonly Pick<Category, 'id' | 'slug'>[]): Map<number, string> {
  const folders = new Map<number, string>();
  const used = new Set(RESERVED_FOLDERS);
  for (const c of categories) {
    let folder = safeName(c.slug, `chuyen-muc-${c.id}`);
    if (used.has(folder)) {
      let n = 2;
      while (used.has(`${folder}-${n}`)) n++;
      folder = `${folder}-${n}`;
    }
    used.add(folder);
    folders.set(c.id, folder);
  }
  return folders;
}

/** The file name an article's slug asks for, before any collision suffix. */
export function fileBase(slug: string, articleId: number): string {
  const base = safeName(slug, `bai-${articleId}`);
  return RESERVED_FILES.test(base) ? `${base}-bai` : base;
}

function isoTime(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function monthOf(iso: string): string {
  const p = vietnamDateParts(iso);
  return `${p.year}-${p.month}`;
}

/** The entry of an article published now at folder/file. */
export function entryOf(articleId: number, article: Article, folder: string, file: string, now: Date): SiteEntry {
  const publishedAt = isoTime(article.publishedAt);
  const sortKey = publishedAt ?? now.toISOString();
  const name = typeof article.categoryName === 'string' ? article.categoryName.trim() : '';
  return {
    articleId,
    folder,
    section: folder === UNCATEGORIZED_FOLDER ? UNCATEGORIZED_SECTION : name || folder,
    file,
    month: monthOf(sortKey),
    sortKey,
    title: typeof article.title === 'string' && article.title.trim() !== '' ? article.title.trim() : file,
    lead: typeof article.lead === 'string' ? article.lead.trim() : '',
    publishedAt,
    updatedAt: now.toISOString(),
    image: typeof article.featuredImage === 'string' ? article.featuredImage : null,
    snapshot: JSON.stringify(article),
  };
}

const ITEM = `article_id AS articleId, folder, section, file, month, sort_key AS sortKey, title, lead,
  published_at AS publishedAt, updated_at AS updatedAt, image`;
const NEWEST = 'ORDER BY sort_key DESC, article_id DESC';

/** A category of the site's menu: its folder and its current name. */
export interface MenuEntry {
  folder: string;
  name: string;
  /** Nothing of it is on the site yet: its folder holds only the page saying so. */
  empty: boolean;
}

/** What every page of a portal shares: the portal card, the profile's extras, the categories' menu. */
export interface PortalLook {
  portal: PortalProfile | null;
  portalName: string;
  /** The organisation profile's logo, sidebar links, poll and contacts. */
  extras: ProfileExtras;
  /** Every category with its site folder, in the categories' order. */
  categories: { folder: string; name: string }[];
}

/** What every page of one site shares. */
export interface SiteLook extends Omit<PortalLook, 'categories'> {
  /** The site's public address, ending in '/'. */
  baseUrl: string;
  /** Every category, in the categories' order (a menu link never leads to a missing page). */
  menu: MenuEntry[];
  /** Whether the site can show a media reference (its file is in the media store, so the article page copied it). */
  hasImage(ref: string): boolean;
}

/** The portal's look as the store has it now: the preview's and the published pages' frame. */
export function portalLook(db: Db): PortalLook {
  const portal = getPortalProfile(db);
  const name = portal && typeof portal.name === 'string' ? portal.name.trim() : '';
  const categories = statement(db, 'SELECT id, slug, name FROM categories ORDER BY position, name').all() as {
    id: number;
    slug: string;
    name: string;
  }[];
  const folders = categoryFolders(categories);
  return {
    portal,
    portalName: name || 'Cổng thông tin điện tử',
    extras: getProfileExtras(db),
    categories: categories.map((category) => ({ folder: folders.get(category.id) as string, name: category.name })),
  };
}

/** What a site's look holds apart from its media check: plain data, handed to the build's render workers as it is. */
export type SiteLookData = Omit<SiteLook, 'hasImage'>;

/** The look of a target's site as plain data, read once per publication (withMediaCheck completes it). */
export function siteLookData(db: Db, targetId: number, baseUrl: string): SiteLookData {
  const { categories, ...look } = portalLook(db);
  const holds = statement(db, 'SELECT 1 FROM site_entries WHERE target_id = ? AND folder = ? LIMIT 1');
  return {
    ...look,
    baseUrl,
    menu: categories.map((entry) => ({ ...entry, empty: holds.get(targetId, entry.folder) === undefined })),
  };
}

/** The look with its media check: a reference shows when its file is in the data folder's media store. */
export function withMediaCheck(data: SiteLookData, dataDir: string): SiteLook {
  const images = new Map<string, boolean>();
  return {
    ...data,
    hasImage(ref) {
      let known = images.get(ref);
      if (known === undefined) {
        const m = MEDIA_REF_PATTERN.exec(ref);
        const file = m ? mediaFilePath(dataDir, `${m[1]}.${m[2]}`) : null;
        known = file !== null && fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
        images.set(ref, known);
      }
      return known;
    },
  };
}

export class SiteRecord {
  constructor(
    private readonly db: Db,
    readonly targetId: number,
  ) {}

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return statement(this.db, sql).all(this.targetId, ...params) as T[];
  }

  /** Distinct values by repeated one-row index seeks: cost grows with the values, not with the rows. */
  private distinct(sql: string, start: string, skip: number, ...params: unknown[]): string[] {
    const out: string[] = [];
    let last = start;
    for (;;) {
      const row = statement(this.db, sql).get(this.targetId, ...params, last, skip) as { v: string } | undefined;
      if (!row) return out;
      out.push(row.v);
      last = row.v;
    }
  }

  entry(articleId: number): (SiteEntry & { slug: unknown }) | null {
    const row = statement(
      this.db,
      `SELECT ${ITEM}, snapshot, json_extract(snapshot, '$.slug') AS slug FROM site_entries WHERE target_id = ? AND article_id = ?`,
    ).get(this.targetId, articleId) as (SiteEntry & { slug: unknown }) | undefined;
    return row ?? null;
  }

  /** The categories' folders, in the categories' order (read directly: listCategories counts every article). */
  categoryFolders(): Map<number, string> {
    return categoryFolders(
      statement(this.db, 'SELECT id, slug FROM categories ORDER BY position, name').all() as {
        id: number;
        slug: string;
      }[],
    );
  }

  ownerOf(folder: string, file: string): number | null {
    const row = statement(
      this.db,
      'SELECT article_id AS id FROM site_entries WHERE target_id = ? AND folder = ? AND file = ?',
    ).get(this.targetId, folder, file) as { id: number } | undefined;
    return row?.id ?? null;
  }

  /** The first of base, base-2, base-3… in the folder that no other article holds. */
  allocateFile(folder: string, base: string, articleId: number): string {
    for (let n = 1; ; n++) {
      const file = n === 1 ? base : `${base}-${n}`;
      const owner = this.ownerOf(folder, file);
      if (owner === null || owner === articleId) return file;
    }
  }

  upsert(e: SiteEntry): void {
    statement(
      this.db,
      `INSERT INTO site_entries (target_id, article_id, folder, section, file, month, sort_key, title, lead, published_at, updated_at, image, snapshot)
       VALUES (@targetId, @articleId, @folder, @section, @file, @month, @sortKey, @title, @lead, @publishedAt, @updatedAt, @image, @snapshot)
       ON CONFLICT (target_id, article_id) DO UPDATE SET folder = excluded.folder, section = excluded.section, file = excluded.file,
         month = excluded.month, sort_key = excluded.sort_key, title = excluded.title, lead = excluded.lead,
         published_at = excluded.published_at, updated_at = excluded.updated_at, image = excluded.image, snapshot = excluded.snapshot`,
    ).run({ ...e, targetId: this.targetId });
  }

  remove(articleId: number): void {
    statement(this.db, 'DELETE FROM site_entries WHERE target_id = ? AND article_id = ?').run(this.targetId, articleId);
  }

  latestInFolder(folder: string, limit: number, skip = 0): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? AND folder = ? AND article_id <> ? ${NEWEST} LIMIT ?`,
      folder,
      skip,
      limit,
    );
  }

  latestOnSite(limit: number, skip = 0): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? AND article_id <> ? ${NEWEST} LIMIT ?`,
      skip,
      limit,
    );
  }

  /** One folder's articles of one month, newest first. */
  folderMonth(folder: string, month: string, skip = 0): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? AND folder = ? AND month = ? AND article_id <> ? ${NEWEST}`,
      folder,
      month,
      skip,
    );
  }

  /** The whole site's articles of one month, newest first. */
  siteMonth(month: string, skip = 0): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? AND month = ? AND article_id <> ? ${NEWEST}`,
      month,
      skip,
    );
  }

  folders(skip = 0): string[] {
    return this.distinct(
      'SELECT folder AS v FROM site_entries WHERE target_id = ? AND folder > ? AND article_id <> ? ORDER BY folder LIMIT 1',
      '',
      skip,
    );
  }

  /** The months a folder has articles in, newest first. */
  monthsOfFolder(folder: string, skip = 0): string[] {
    return this.distinct(
      'SELECT month AS v FROM site_entries WHERE target_id = ? AND folder = ? AND month < ? AND article_id <> ? ORDER BY month DESC LIMIT 1',
      '~',
      skip,
      folder,
    );
  }

  monthsOfSite(skip = 0): string[] {
    return this.distinct(
      'SELECT month AS v FROM site_entries WHERE target_id = ? AND month < ? AND article_id <> ? ORDER BY month DESC LIMIT 1',
      '~',
      skip,
    );
  }

  /** The next articles after sortKey in the folder, oldest first: the pages whose 'Tin đã đưa' can show it. */
  newerInFolder(folder: string, sortKey: string, limit: number, skip = 0): SiteEntry[] {
    return this.all(
      `SELECT ${ITEM}, snapshot FROM site_entries WHERE target_id = ? AND folder = ? AND sort_key > ? AND article_id <> ? ORDER BY sort_key, article_id LIMIT ?`,
      folder,
      sortKey,
      skip,
      limit,
    );
  }

  /** The articles published before sortKey in the folder, newest first (the page's 'Tin đã đưa'). */
  earlierInFolder(folder: string, sortKey: string, limit: number, exclude: number): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? AND folder = ? AND sort_key < ? AND article_id <> ? ${NEWEST} LIMIT ?`,
      folder,
      sortKey,
      exclude,
      limit,
    );
  }

  /** Every entry without its snapshot, by folder, newest first (a rebuild). */
  everything(): SiteItem[] {
    return this.all(
      `SELECT ${ITEM} FROM site_entries WHERE target_id = ? ORDER BY folder, sort_key DESC, article_id DESC`,
    );
  }

  snapshotOf(articleId: number): string {
    const row = statement(this.db, 'SELECT snapshot FROM site_entries WHERE target_id = ? AND article_id = ?').get(
      this.targetId,
      articleId,
    ) as { snapshot: string } | undefined;
    if (!row) throw new Error(`site entry ${this.targetId}/${articleId} vanished during the build`);
    return row.snapshot;
  }
}
