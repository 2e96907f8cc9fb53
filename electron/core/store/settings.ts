import type { PortalProfile, Settings } from '../../../shared/contract/app';
import type { Db } from '../db/database';
import { statement } from '../db/statements';

const DEFAULT_SETTINGS: Settings = { language: 'vi' };

export function readSetting(db: Db, key: string): string | undefined {
  return (statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeSetting(db: Db, key: string, value: string): void {
  statement(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export function getSettings(db: Db): Settings {
  const language = readSetting(db, 'language');
  return { ...DEFAULT_SETTINGS, ...(language === 'vi' || language === 'en' ? { language } : {}) };
}

export function updateSettings(db: Db, changes: Partial<Settings>): Settings {
  db.transaction(() => {
    if (changes.language) writeSetting(db, 'language', changes.language);
  }).immediate();
  return getSettings(db);
}

export function getPortalProfile(db: Db): PortalProfile | null {
  const row = statement(db, 'SELECT name, address, phone, fax, responsible FROM portal_profile WHERE id = 1').get() as
    PortalProfile | undefined;
  return row ?? null;
}

export function setPortalProfile(db: Db, profile: PortalProfile, now = new Date().toISOString()): PortalProfile {
  statement(
    db,
    `INSERT INTO portal_profile (id, name, address, phone, fax, responsible, updated_at) VALUES (1, @name, @address, @phone, @fax, @responsible, @now)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address, phone = excluded.phone, fax = excluded.fax,
       responsible = excluded.responsible, updated_at = excluded.updated_at`,
  ).run({ ...profile, now });
  return profile;
}
