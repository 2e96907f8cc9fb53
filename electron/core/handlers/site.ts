import { buildStaticSite } from '../publish/static-site';
import type { CoreServices, Handlers } from './types';

export function siteHandlers(services: CoreServices, dataDir: string): Handlers<'site.'> {
  return {
    'site.build': async ({ folder, baseUrl }, actor) => {
      const started = performance.now();
      const built = await buildStaticSite(services.db, dataDir, folder, undefined, baseUrl === undefined ? {} : { baseUrl });
      services.audit({ actor, action: 'site.build', details: { folder, articles: built.articles, pages: built.pages, files: built.files } });
      return { folder, ...built, ms: Math.round(performance.now() - started) };
    },
  };
}
