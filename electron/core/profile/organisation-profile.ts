/**
 * The organisation profile in the store: exported from the current portal card, categories, targets and extras;
 * applied, once, into an empty store at first run (the installer's organisation-profile.json, or serve.ts --profile).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ContractError } from '../../../shared/contract/errors';
import {
  EMPTY_PROFILE_EXTRAS,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  organisationProfileSchema,
  parseOrganisationProfile,
  profileExtrasSchema,
  profileValidationError,
  type OrganisationProfile,
  type ProfileExtras,
} from '../../../shared/contract/profile';
import type { Db } from '../db/database';
import { readQualitySettings, writeQualitySettings } from '../quality/settings';
import { statement } from '../db/statements';
import { countArticles } from '../store/articles';
import { createCategory, listCategories } from '../store/categories';
import { insertTarget, targetRows } from '../store/publishing';
import { getPortalProfile, readSetting, setPortalProfile, writeSetting } from '../store/settings';

const EXTRAS_KEY = 'profile.extras';
/** Set when a profile was applied at first run: { source, sha256, appliedAt } (and the demo is not offered). */
export const PROFILE_APPLIED_KEY = 'setup.profile';

export function getProfileExtras(db: Db): ProfileExtras {
  const raw = readSetting(db, EXTRAS_KEY);
  if (!raw) return EMPTY_PROFILE_EXTRAS;
  try {
    const parsed = profileExtrasSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY_PROFILE_EXTRAS;
  } catch {
    return EMPTY_PROFILE_EXTRAS;
  }
}

export function setProfileExtras(db: Db, changes: Partial<ProfileExtras>): ProfileExtras {
  const next = { ...getProfileExtras(db), ...changes };
  writeSetting(db, EXTRAS_KEY, JSON.stringify(next));
  return next;
}

/** The current profile; VALIDATION naming the field when the store holds something a profile cannot (no portal name yet). */
export function exportProfile(db: Db, now: Date): OrganisationProfile {
  const extras = getProfileExtras(db);
  const candidate = {
    format: PROFILE_FORMAT,
    version: PROFILE_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    portal: getPortalProfile(db) ?? { name: '', address: '', phone: '', fax: '', responsible: '' },
    logo: extras.logo,
    categories: listCategories(db).map((category) => ({ name: category.name, slug: category.slug })),
    sidebarLinks: extras.sidebarLinks,
    poll: extras.poll,
    targets: targetRows(db).map((row) => ({
      kind: row.kind,
      name: row.name,
      enabled: row.enabled === 1,
      config: JSON.parse(row.config) as unknown,
    })),
    updates: extras.updates,
    quality: readQualitySettings(db),
    contact: extras.contact,
  };
  const parsed = organisationProfileSchema.safeParse(candidate, { reportInput: true });
  if (!parsed.success) throw profileValidationError(parsed.error, '(export)');
  return parsed.data;
}

/** Nothing an organisation would have set up yet: no portal card, category, target, article, demo or earlier profile. */
export function storeIsEmpty(db: Db): boolean {
  const count = (table: string) => (statement(db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return (
    readSetting(db, PROFILE_APPLIED_KEY) === undefined &&
    readSetting(db, 'setup.demo') === undefined &&
    getPortalProfile(db) === null &&
    countArticles(db) === 0 &&
    count('categories') === 0 &&
    count('publish_targets') === 0
  );
}

export interface AppliedProfile {
  source: string;
  portal: string;
  categories: number;
  targets: number;
}

/** Writes a (valid) profile into an empty store, in one transaction. Targets come without secrets: enter them after. */
export function applyProfile(
  db: Db,
  profile: OrganisationProfile,
  source: string,
  sha256: string,
  now: string,
): AppliedProfile {
  return db
    .transaction(() => {
      if (!storeIsEmpty(db)) {
        throw new ContractError(
          'CONFLICT',
          'Hồ sơ tổ chức chỉ được nạp vào một thư mục dữ liệu trống.',
          'An organisation profile is only applied to an empty data folder.',
        );
      }
      setPortalProfile(db, profile.portal, now);
      profile.categories.forEach((category, position) =>
        createCategory(db, { name: category.name, slug: category.slug, position }, now),
      );
      for (const target of profile.targets) {
        insertTarget(
          db,
          {
            kind: target.kind,
            name: target.name,
            config: target.config,
            enabled: target.enabled ?? true,
            secret: null,
          },
          now,
        );
      }
      setProfileExtras(db, {
        logo: profile.logo ?? null,
        sidebarLinks: profile.sidebarLinks ?? [],
        poll: profile.poll ?? null,
        updates: profile.updates ?? null,
        contact: profile.contact ?? null,
      });
      if (profile.quality) writeQualitySettings(db, profile.quality);
      writeSetting(db, PROFILE_APPLIED_KEY, JSON.stringify({ source, sha256, appliedAt: now }));
      return {
        source,
        portal: profile.portal.name,
        categories: profile.categories.length,
        targets: profile.targets.length,
      };
    })
    .immediate();
}

/**
 * First run: when `file` exists and the store is empty, reads, checks and applies it. A profile that does not parse
 * or match the schema throws VALIDATION naming the file and the wrong field (the shell shows it as the startup error);
 * a store that is not empty never reads the file at all.
 */
export function applyFirstRunProfile(db: Db, file: string | null | undefined, now: string): AppliedProfile | null {
  if (!file || !storeIsEmpty(db) || !fs.existsSync(file)) return null;
  // Bytes, not text: a byte that is not UTF-8 is refused, never read as U+FFFD.
  const bytes = fs.readFileSync(file);
  const profile = parseOrganisationProfile(bytes, file);
  return applyProfile(db, profile, file, crypto.createHash('sha256').update(bytes).digest('hex'), now);
}
