import { createBackup, discardStaging, stageRestore, swapInRestore } from '../backup/backup';
import { statement } from '../db/statements';
import type { CoreServices, Handlers } from './types';

export interface BackupDeps {
  dataDir: string;
  appVersion: string;
  /**
   * Runs `swap` with the store closed (the publishing queue stopped, every other call answered "a restore is running"),
   * then opens the store again, whatever `swap` did; answers the services of the reopened store.
   */
  withStoreClosed(swap: () => Promise<void>): Promise<CoreServices | null>;
}

export function backupHandlers(services: CoreServices, deps: BackupDeps): Handlers<'backup.'> {
  return {
    'backup.create': async ({ folder }, actor) => {
      const facts = await createBackup({
        db: services.db,
        dataDir: deps.dataDir,
        folder,
        appVersion: deps.appVersion,
        now: services.now(),
      });
      services.audit({
        actor,
        action: 'backup.create',
        details: { file: facts.file, bytes: facts.bytes, articles: facts.articles, mediaFiles: facts.mediaFiles },
      });
      return facts;
    },
    'backup.restore': async ({ file }, actor) => {
      // Everything is checked first, into a staging folder; nothing of the data folder is touched until it passes.
      const staged = await stageRestore(deps.dataDir, file);
      let swapped = false;
      const reopened = await deps
        .withStoreClosed(async () => {
          await swapInRestore(deps.dataDir, staged.staging);
          swapped = true;
        })
        .finally(() => (swapped ? undefined : discardStaging(staged.staging)));
      if (reopened) {
        reopened.db
          .transaction(() => {
            // The restored database has its own accounts: every session in it (from when the backup was taken) ends.
            statement(reopened.db, 'DELETE FROM sessions').run();
            // By name only: the user's id in the replaced database may be another user's in this one.
            reopened.audit({
              actor: null,
              username: actor?.username ?? null,
              action: 'backup.restore',
              details: {
                file: staged.facts.file,
                createdAt: staged.facts.createdAt,
                appVersion: staged.facts.appVersion,
                articles: staged.facts.articles,
                mediaFiles: staged.facts.mediaFiles,
              },
            });
          })
          .immediate();
      }
      return { ...staged.facts, signedOut: true };
    },
  };
}
