import fs from 'node:fs';
import type { Article } from '../../../shared/contract/articles';
import { attachmentsOf } from '../../../shared/render/attachments';
import { mediaFilePath } from '../media/media-store';
import type { SiteFiles } from './site-files';
import { pageHash } from './site-manifest';
import { pageRel, type SiteItem } from './site-model';
import { attachmentRel, imageRel, renderArticlePage, type SiteLook } from './site-render';

/** What writing one article's page produced: its page's SHA-256 and the media files it shows (site_images). */
export interface WrittenPage {
  hash: string;
  shown: string[];
}

/**
 * Writes article pages with the images and documents they show: each media file copied once by its path in the site,
 * however many pages show it, and always before the first page that links to it. Used by the site in the core's
 * thread and, in a rebuild, by each render worker (site-render-worker.ts) on its share of the pages.
 */
export class ArticlePages {
  private readonly sources = new Map<string, { source: string; size: number } | null>();
  private readonly copies = new Map<string, Promise<void>>();

  constructor(
    private readonly look: SiteLook,
    private readonly dataDir: string,
    private readonly files: SiteFiles,
  ) {}

  /**
   * The data folder's file behind a site path ('images/<name>', 'files/<name>': the media store's name), or null when
   * it has none (the page leaves the image or the document out).
   */
  private mediaSource(rel: string): { source: string; size: number } | null {
    if (!this.sources.has(rel)) {
      const source = mediaFilePath(this.dataDir, rel.slice(rel.indexOf('/') + 1));
      const stat = source ? fs.statSync(source, { throwIfNoEntry: false }) : undefined;
      this.sources.set(rel, source && stat?.isFile() ? { source, size: stat.size } : null);
    }
    return this.sources.get(rel) ?? null;
  }

  /** The paths of the images and documents copied or found in place so far. */
  copied(): string[] {
    return [...this.copies.keys()];
  }

  /** A media file removed from the site: a later page that shows it copies it again. */
  forget(rel: string): void {
    this.copies.delete(rel);
  }

  async write(item: SiteItem, article: Article, related: readonly SiteItem[]): Promise<WrittenPage> {
    const shown: string[] = [];
    const documents = attachmentsOf(article).filter((document) => this.mediaSource(attachmentRel(document.fileName)));
    const links = documents.map((document) => ({ ...document, href: `../${attachmentRel(document.fileName)}` }));
    const html = renderArticlePage(
      this.look,
      article,
      related,
      (ref) => {
        const rel = imageRel(ref);
        if (!rel || !this.mediaSource(rel)) return false;
        shown.push(rel);
        return true;
      },
      links,
    );
    shown.push(...documents.map((document) => attachmentRel(document.fileName)));
    for (const rel of shown) {
      let copy = this.copies.get(rel);
      if (!copy) {
        const { source, size } = this.mediaSource(rel) as { source: string; size: number };
        copy = this.files.copy(rel, source, size);
        this.copies.set(rel, copy);
      }
      await copy;
    }
    // Encoded once, for the file and for its hash in the manifest.
    const page = Buffer.from(html, 'utf8');
    await this.files.write(pageRel(item), page);
    return { hash: pageHash(page), shown };
  }
}
