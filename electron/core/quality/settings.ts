/**
 * The organisation's settings for the pre-publication check, kept as one JSON value in the settings table (key
 * 'quality'): tone style, the severities it changed, its own word list. Exported with the organisation profile.
 */
import { qualitySettingsSchema, type QualitySettingsShape } from '../../../shared/contract/quality';
import { DEFAULT_QUALITY_SETTINGS } from '../../../shared/quality/check';
import type { Db } from '../db/database';
import { readSetting, writeSetting } from '../store/settings';

const KEY = 'quality';

export function readQualitySettings(db: Db): QualitySettingsShape {
  const stored = readSetting(db, KEY);
  if (stored === undefined) return { ...DEFAULT_QUALITY_SETTINGS, words: [] };
  try {
    const parsed = qualitySettingsSchema.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data;
  } catch {
    // An unreadable value (written by hand) falls back to the defaults rather than stopping every transition.
  }
  return { ...DEFAULT_QUALITY_SETTINGS, words: [] };
}

/** Merges the changes in; the word list is kept sorted, each word once (case and tone style ignored). */
export function writeQualitySettings(db: Db, changes: Partial<QualitySettingsShape>): QualitySettingsShape {
  const next = { ...readQualitySettings(db), ...changes };
  const seen = new Set<string>();
  next.words = next.words
    .map((word) => word.normalize('NFC'))
    .filter((word) => {
      const key = word.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.localeCompare(b, 'vi'));
  writeSetting(db, KEY, JSON.stringify(next));
  return next;
}
