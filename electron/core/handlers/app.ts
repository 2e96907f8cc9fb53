import { PORTAL_TIME_ZONE } from '../../../shared/text/dateline';
import type { Db } from '../db/database';
import { loadDemo } from '../demo/load-demo';
import { countArticles } from '../store/articles';
import { getPortalProfile, getSettings, readSetting, setPortalProfile, updateSettings, writeSetting } from '../store/settings';
import type { Handler, Handlers } from './types';

export interface AppIdentity {
  name: string;
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  shell: 'electron' | 'browser';
}

type AppHandlers = Handlers<'app.'> & Handlers<'settings.'> & Handlers<'portal.'> & Handlers<'setup.'>;

export function appHandlers(db: Db, identity: AppIdentity): AppHandlers {
  const setupStatus: Handler<'setup.status'> = () => {
    const demo = readSetting(db, 'setup.demo');
    return { offerDemo: demo === undefined && countArticles(db) === 0 && getPortalProfile(db) === null, demoLoaded: demo === 'loaded' };
  };
  return {
    'app.info': () => ({ ...identity, timeZone: PORTAL_TIME_ZONE }),
    'settings.get': () => getSettings(db),
    'settings.update': (changes) => updateSettings(db, changes),
    'portal.get': () => getPortalProfile(db),
    'portal.update': (profile) => setPortalProfile(db, profile),
    'setup.status': setupStatus,
    'setup.loadDemo': () => loadDemo(db),
    'setup.declineDemo': (input) => {
      if (readSetting(db, 'setup.demo') === undefined) writeSetting(db, 'setup.demo', 'declined');
      return setupStatus(input);
    },
  };
}
