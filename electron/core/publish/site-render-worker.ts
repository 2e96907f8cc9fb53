/**
 * A render worker of static-site rebuilds (site-render-pool.ts): writes the article pages it is handed, with the media
 * they show, and answers each page's hash and media. Bundled on its own (scripts/build.mjs); reads the store on a
 * read-only connection, open only for the rebuild it serves, and never writes to it.
 */
import { parentPort } from 'node:worker_threads';
import type { Article } from '../../../shared/contract/articles';
import type { Db } from '../db/database';
import { openSqlite, useSqliteBinding } from '../db/sqlite';
import { SiteFiles } from './site-files';
import { SiteRecord, withMediaCheck } from './site-model';
import { ArticlePages } from './site-pages';
import type {
  FromRenderWorker,
  RenderFailure,
  RenderJob,
  RenderSetup,
  RenderedPage,
  ToRenderWorker,
} from './site-render-pool';

/** Pages of a batch in flight at once: a page's write overlaps the next one's rendering. */
const IN_FLIGHT = 4;

interface Rebuild {
  db: Db;
  record: SiteRecord;
  pages: ArticlePages;
}

function failureOf(error: unknown): RenderFailure {
  const e = error as { message?: unknown; code?: unknown; errno?: unknown; syscall?: unknown; path?: unknown } | null;
  return {
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
    ...(typeof e?.errno === 'number' ? { errno: e.errno } : {}),
    ...(typeof e?.syscall === 'string' ? { syscall: e.syscall } : {}),
    ...(typeof e?.path === 'string' ? { path: e.path } : {}),
  };
}

function open(setup: RenderSetup): Rebuild {
  useSqliteBinding(setup.sqliteBinding);
  const db = openSqlite(setup.dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const look = withMediaCheck(setup.look, setup.dataDir);
  return {
    db,
    record: new SiteRecord(db, setup.targetId),
    pages: new ArticlePages(look, setup.dataDir, new SiteFiles(setup.root, undefined, false)),
  };
}

async function write({ record, pages }: Rebuild, jobs: readonly RenderJob[]): Promise<RenderedPage[]> {
  const out: RenderedPage[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const { item, related } = jobs[next++] as RenderJob;
      const article = JSON.parse(record.snapshotOf(item.articleId)) as Article;
      out.push({
        item: { articleId: item.articleId, month: item.month },
        ...(await pages.write(item, article, related)),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, jobs.length) }, lane));
  return out;
}

/** The rebuild served now, or why it could not be opened (answered to its first batch). */
let current: Rebuild | { failure: RenderFailure } | null = null;

const port = parentPort;
port?.on('message', (message: ToRenderWorker) => {
  const answer = (reply: FromRenderWorker): void => port.postMessage(reply);
  switch (message.kind) {
    case 'open':
      try {
        current = open(message.setup);
      } catch (error) {
        current = { failure: failureOf(error) };
      }
      return;
    case 'close':
      // Closed at the end of each rebuild: the store may be replaced (a restore) before the next one.
      if (current && 'db' in current) current.db.close();
      current = null;
      return;
    case 'pages':
      if (!current) return answer({ failure: { message: 'render worker: pages before open' } });
      if ('failure' in current) return answer({ failure: current.failure, unavailable: true });
      write(current, message.jobs).then(
        (pages) => answer({ pages }),
        (error: unknown) => answer({ failure: failureOf(error) }),
      );
  }
});
