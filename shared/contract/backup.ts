import { z } from 'zod';
import { channel } from './channel';

/**
 * Backup and restore of the data folder: one archive (a POSIX tar, docs/packaging.md) holding a consistent copy of the
 * SQLite file (SQLite's online backup), every media file and a manifest with each file's SHA-256. A restore checks all
 * of it before it replaces anything, then replaces the database and the media folder by renames.
 */

/** An absolute path on this machine (POSIX or a Windows drive), as typed into the Settings card. */
const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value), {
      message: `the full path of the ${what}`,
    });

const backupFacts = {
  /** The archive's full path. */
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  /** When the backup was taken (from its manifest). */
  createdAt: z.string(),
  /** The app version that took it. */
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  articles: z.number().int().nonnegative(),
  mediaFiles: z.number().int().nonnegative(),
};

export const backupChannels = {
  'backup.create': channel({
    summary:
      'Writes a backup of the data folder into a folder (admin only): `toasoan-backup-<date>-<time>.tar` with a consistent copy of the database (taken while the app runs), every media file, and a manifest of their SHA-256. Refused for a folder inside the data folder.',
    input: z.strictObject({ folder: absolutePath('folder') }),
    output: z.object(backupFacts),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'BACKUP_INVALID'],
  }),
  'backup.restore': channel({
    summary:
      'Replaces the data folder’s database and media with a backup’s (admin only), after checking the whole archive first: its format, that the database is Tòa Soạn’s (application id), its integrity, a schema not newer than this app’s, and every file against its SHA-256. A refused archive changes nothing. The restored database has its own users: everyone signs in again (`signedOut`).',
    input: z.strictObject({ file: absolutePath('backup file') }),
    output: z.object({ ...backupFacts, signedOut: z.boolean() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'BACKUP_INVALID'],
  }),
} as const;
