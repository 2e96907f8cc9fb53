import { exportProfile, getProfileExtras, setProfileExtras } from '../profile/organisation-profile';
import type { CoreServices, Handlers } from './types';

export function profileHandlers(services: CoreServices): Handlers<'profile.'> {
  const { db } = services;
  return {
    'profile.get': () => getProfileExtras(db),
    'profile.export': (_input, actor) => {
      const profile = exportProfile(db, services.now());
      services.audit({
        actor,
        action: 'profile.export',
        details: {
          portal: profile.portal.name,
          categories: profile.categories.length,
          targets: profile.targets.length,
        },
      });
      return profile;
    },
    'profile.update': (changes, actor) =>
      db
        .transaction(() => {
          const before = getProfileExtras(db);
          const after = setProfileExtras(
            db,
            Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
          );
          const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
            (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
          );
          if (changed.length > 0) services.audit({ actor, action: 'profile.update', details: { changed } });
          return after;
        })
        .immediate(),
  };
}
