import { PORTAL_TIME_ZONE } from '../../../shared/text/dateline';
import { authRequired } from '../access';
import { loadDemo } from '../demo/load-demo';
import { countArticles } from '../store/articles';
import {
  getPortalProfile,
  getSettings,
  readSetting,
  setPortalProfile,
  updateSettings,
  writeSetting,
} from '../store/settings';
import type { CoreServices, Handler, Handlers } from './types';

export interface AppIdentity {
  name: string;
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  shell: 'electron' | 'browser';
}

type AppHandlers = Handlers<'app.'> & Handlers<'settings.'> & Handlers<'portal.'> & Handlers<'setup.'>;

export function appHandlers(services: CoreServices, identity: AppIdentity): AppHandlers {
  const { db } = services;
  const setupStatus: Handler<'setup.status'> = () => {
    const demo = readSetting(db, 'setup.demo');
    return {
      offerDemo: demo === undefined && countArticles(db) === 0 && getPortalProfile(db) === null,
      demoLoaded: demo === 'loaded',
    };
  };
  return {
    'app.info': () => ({ ...identity, timeZone: PORTAL_TIME_ZONE }),
    'settings.get': () => getSettings(db),
    'settings.update': (changes, actor) =>
      db
        .transaction(() => {
          const before = getSettings(db);
          const after = updateSettings(db, changes);
          if (before.language !== after.language)
            services.audit({
              actor,
              action: 'settings.update',
              details: { changes: { language: { from: before.language, to: after.language } } },
            });
          return after;
        })
        .immediate(),
    'portal.get': () => getPortalProfile(db),
    'portal.update': (profile, actor) =>
      db
        .transaction(() => {
          const before = getPortalProfile(db);
          const saved = setPortalProfile(db, profile, services.now().toISOString());
          const changed = Object.keys(saved).filter(
            (key) => before?.[key as keyof typeof saved] !== saved[key as keyof typeof saved],
          );
          services.audit({ actor, action: 'portal.update', details: { changed, name: saved.name } });
          return saved;
        })
        .immediate(),
    'setup.status': setupStatus,
    // The demo article belongs to the administrator who loads it.
    'setup.loadDemo': (_input, actor) => {
      if (!actor) throw authRequired(false);
      return db
        .transaction(() => {
          const loaded = loadDemo(db, actor.id, identity.dataDir, services.now().toISOString());
          services.audit({
            actor,
            action: 'setup.loadDemo',
            target: { type: 'article', id: loaded.articleId },
            details: loaded,
          });
          return loaded;
        })
        .immediate();
    },
    'setup.declineDemo': (input, actor) => {
      if (readSetting(db, 'setup.demo') === undefined) {
        db.transaction(() => {
          writeSetting(db, 'setup.demo', 'declined');
          services.audit({ actor, action: 'setup.declineDemo' });
        }).immediate();
      }
      return setupStatus(input, actor);
    },
  };
}
