import type { TargetConfig } from '../../../../shared/contract/publishing';
import { checkSite, findOnSite, publishToSite, rebuildSite, unpublishFromSite, type SiteHooks } from '../static-site';
import type { PublishTarget, TargetFactory } from '../target';

/**
 * The static portal site in a folder (see ../static-site.ts). It has no server to schedule on: the queue hands it a
 * scheduled article when its time comes. `hooks` is for tests only (counting the files one publication writes).
 */
export const staticSiteTarget = ((config: TargetConfig<'static-site'>, hooks: SiteHooks = {}): PublishTarget => ({
  kind: 'static-site',
  serverSchedule: false,
  // Every publication rewrites the shared listings, feeds and site_entries: one at a time.
  concurrency: 1,
  publish: (work, context) => publishToSite(config, work, context, hooks),
  unpublish: (work, context) => unpublishFromSite(config, work, context, hooks),
  find: (work, context) => findOnSite(config, work, context),
  // Its record is written before the lists around the page: a crash between leaves them to be written again.
  redoFound: true,
  rebuild: (targetId, context) => rebuildSite(config, targetId, context, hooks),
  check: (context) => checkSite(config, context),
})) satisfies TargetFactory<'static-site'>;
