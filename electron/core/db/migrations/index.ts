import type { Migration } from './migration';
import m001 from './001-categories-articles-revisions';
import m002 from './002-full-text-index';
import m003 from './003-settings-portal-profile';
import m004 from './004-library-indexes-with-trash';
import m005 from './005-users-sessions-comments-audit';
import m006 from './006-publishing';
import m007 from './007-category-status-index';
import m008 from './008-approval-chains-signatures';
import m009 from './009-uncertain-jobs-site-images';
import m010 from './010-article-attachments';
import m011 from './011-site-manifest';
import m012 from './012-search-index-pending';
import m013 from './013-article-version-events';
import m014 from './014-site-manifest-months-index';
import m015 from './015-site-entry-image';

export type { Migration } from './migration';

/** Every migration in order; add a new file and its line here, never edit a landed one. */
export const MIGRATIONS: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
