import { z } from 'zod';
import { parseUntrustedJson, parseUntrustedJsonBytes, UnsafeJsonError } from '../text/safe-json';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../text/slug';
import { portalProfileSchema } from './app';
import { channel } from './channel';
import { ContractError } from './errors';
import { TARGET_KINDS, targetConfigSchemas, type TargetKind } from './publishing';
import { qualitySettingsSchema } from './quality';
import { validationError } from './validation';

/**
 * The organisation profile: what an office's installer knows about its portal before anyone signs in. An
 * administrator exports it from Settings (`profile.export`); `npm run dist -- --profile FILE` checks it against this
 * schema and bakes it into the installer as `organisation-profile.json`; on the first run the app applies it to the
 * empty store. It never holds a secret: a target's token or password is entered on the machine, after installing.
 */

export const PROFILE_FORMAT = 'toasoan-organisation-profile';
export const PROFILE_FORMAT_VERSION = 1;
/** The file name inside the installer's resources (electron-builder extraResources). */
export const PROFILE_RESOURCE_NAME = 'organisation-profile.json';

/** The logo's decoded size limit. */
export const MAX_LOGO_BYTES = 256 * 1024;
const LOGO_TYPES = { png: 'iVBORw0KGgo', jpeg: '/9j/', webp: 'UklGR' } as const;
const LOGO_PREFIX = /^data:image\/(png|jpeg|webp);base64,/;
const MAX_LOGO_CHARS = 'data:image/jpeg;base64,'.length + Math.ceil(MAX_LOGO_BYTES / 3) * 4;

/** A PNG, JPEG or WebP image as a base64 data URL, at most MAX_LOGO_BYTES once decoded (no SVG: it can carry script). */
export const logoSchema = z
  .string()
  .max(MAX_LOGO_CHARS, { message: `at most ${MAX_LOGO_BYTES / 1024} KB of image` })
  .regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/, {
    message: 'a data: URL of a PNG, JPEG or WebP image in base64',
  })
  .refine(
    (url) => {
      const type = LOGO_PREFIX.exec(url)?.[1] as keyof typeof LOGO_TYPES | undefined;
      return type !== undefined && url.slice(url.indexOf(',') + 1).startsWith(LOGO_TYPES[type]);
    },
    { message: 'the data is not an image of the type the URL names' },
  );

const label = z.string().trim().min(1).max(200);
const webAddress = z.url({ protocol: /^https?$/ }).max(500);

export const sidebarLinkSchema = z.strictObject({ label, url: webAddress });
export const pollSchema = z.strictObject({
  question: z.string().trim().min(1).max(300),
  options: z.array(label).min(2).max(10),
});
/**
 * electron-updater's generic provider: the folder on the organisation's own server holding latest.yml and the
 * installers. HTTPS only: latest.yml carries the installers' SHA-512, so whoever can change it can change the app.
 */
export const updatesSchema = z.strictObject({ url: z.url({ protocol: /^https$/ }).max(500) });

const profileCategory = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN).optional(),
});

/** One target of each kind, its settings checked by the same schema as `targets.create` (shared/contract/publishing.ts). */
function profileTargetOf<K extends TargetKind>(kind: K) {
  return z.strictObject({
    kind: z.literal(kind),
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().optional(),
    config: targetConfigSchemas[kind],
  });
}
type ProfileTargetSchema = { [K in TargetKind]: ReturnType<typeof profileTargetOf<K>> }[TargetKind];
const profileTarget = z.discriminatedUnion(
  'kind',
  TARGET_KINDS.map((kind) => profileTargetOf(kind)) as unknown as [ProfileTargetSchema, ...ProfileTargetSchema[]],
);

/**
 * The organisation's contacts beyond the portal card: the e-mail printed in every footer, and the card in English for
 * the portal's contacts page (Nghị định 42/2022/NĐ-CP asks for the contacts; the English lines are left out when empty).
 */
export const contactSchema = z.strictObject({
  email: z.union([z.email().max(200), z.literal('')]),
  nameEn: z.string().trim().max(300),
  addressEn: z.string().trim().max(300),
  responsibleEn: z.string().trim().max(300),
});
export type ProfileContact = z.infer<typeof contactSchema>;

/** What the profile carries besides the portal card, the categories and the targets. */
export const profileExtrasSchema = z.strictObject({
  logo: logoSchema.nullable(),
  sidebarLinks: z.array(sidebarLinkSchema).max(30),
  poll: pollSchema.nullable(),
  updates: updatesSchema.nullable(),
  // Optional in what is stored or sent: extras written before the contacts existed still read.
  contact: contactSchema.nullable().default(null),
});
export type ProfileExtras = z.infer<typeof profileExtrasSchema>;
export const EMPTY_PROFILE_EXTRAS: ProfileExtras = {
  logo: null,
  sidebarLinks: [],
  poll: null,
  updates: null,
  contact: null,
};

export const organisationProfileSchema = z
  .strictObject({
    format: z.literal(PROFILE_FORMAT),
    version: z.literal(PROFILE_FORMAT_VERSION),
    exportedAt: z.iso.datetime({ offset: true }).optional(),
    portal: portalProfileSchema,
    logo: logoSchema.nullable().optional(),
    categories: z.array(profileCategory).max(500),
    sidebarLinks: z.array(sidebarLinkSchema).max(30).optional(),
    poll: pollSchema.nullable().optional(),
    targets: z.array(profileTarget).max(50),
    updates: updatesSchema.nullable().optional(),
    /** The pre-publication check's settings (docs/quality.md): tone style, severities, word list. */
    quality: qualitySettingsSchema.optional(),
    contact: contactSchema.nullable().optional(),
  })
  .superRefine((profile, context) => {
    // The store keeps category names and slugs unique, and target names apart: say which entry repeats an earlier one.
    const seen = new Map<string, number>();
    profile.categories.forEach((category, index) => {
      for (const [field, value] of [
        ['name', category.name],
        ['slug', category.slug],
      ] as const) {
        if (value === undefined) continue;
        const key = `${field}:${value}`;
        const first = seen.get(key);
        if (first !== undefined)
          context.addIssue({
            code: 'custom',
            path: ['categories', index, field],
            message: `repeats categories.${first}.${field}`,
          });
        else seen.set(key, index);
      }
    });
    const names = new Map<string, number>();
    profile.targets.forEach((target, index) => {
      const first = names.get(target.name);
      if (first !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['targets', index, 'name'],
          message: `repeats targets.${first}.name`,
        });
      else names.set(target.name, index);
    });
  });
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;

export const profileChannels = {
  'profile.get': channel({
    summary:
      'The parts of the organisation profile that the portal card does not hold: logo, sidebar links, poll, update server (admin only).',
    input: z.strictObject({}),
    output: profileExtrasSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'profile.export': channel({
    summary:
      'The organisation profile as a file would hold it (admin only): the portal card, logo, categories in order, sidebar links, poll, update server and the publishing targets with their settings but never their secrets. `npm run dist -- --profile FILE` bakes such a file into an installer.',
    input: z.strictObject({}),
    output: organisationProfileSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'profile.update': channel({
    summary:
      'Sets the parts of the organisation profile that the portal card does not hold: logo, sidebar links, poll, update server (admin only). Returns them all.',
    input: profileExtrasSchema.partial(),
    output: profileExtrasSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
} as const;

/**
 * A profile that does not match the schema, as a VALIDATION error whose message names the file and every wrong field
 * by its path in the file (`categories.2.name`, `targets.0.config.folder`). Used by the dist script and at first run.
 */
export function profileValidationError(error: z.ZodError, source: string): ContractError {
  const general = validationError(error);
  const issues = (general.issues ?? []).map((issue, index) => {
    const zodIssue = error.issues[index];
    // The profile's own rules (a repeated name, a logo that is not an image) say more than the generic wording.
    const own =
      zodIssue && (zodIssue.code === 'custom' || (zodIssue.code === 'invalid_format' && zodIssue.format === 'regex'));
    return own && zodIssue.message
      ? { ...issue, message: `${issue.path}: ${zodIssue.message}`, messageEn: `${issue.path}: ${zodIssue.message}` }
      : issue;
  });
  return new ContractError(
    'VALIDATION',
    `Hồ sơ tổ chức ${source} không hợp lệ — ${issues.map((i) => i.message).join('; ')}`,
    `The organisation profile ${source} is not valid — ${issues.map((i) => i.messageEn).join('; ')}`,
    issues,
  );
}

/**
 * Parses a profile file (its bytes, or text already read): strict UTF-8 (a BOM is allowed, as Notepad writes one), the
 * hardened JSON parser (shared/text/safe-json.ts: no prototype keys, duplicate keys or nesting past its limit; strings
 * in NFC), then the schema; throws VALIDATION naming the file and the wrong field.
 */
export function parseOrganisationProfile(file: string | Uint8Array, source: string): OrganisationProfile {
  let json: unknown;
  try {
    json =
      typeof file === 'string'
        ? parseUntrustedJson(file.replace(/^\uFEFF/, ''), { nfc: true })
        : parseUntrustedJsonBytes(file, { allowBom: true, nfc: true });
  } catch (error) {
    if (!(error instanceof UnsafeJsonError)) throw error;
    const where = error.path || '(file)';
    throw new ContractError(
      'VALIDATION',
      `Hồ sơ tổ chức ${source} không phải JSON hợp lệ — ${where}: ${error.messageVi}`,
      `The organisation profile ${source} is not valid JSON — ${where}: ${error.message}`,
      [{ path: where, message: `${where}: ${error.messageVi}`, messageEn: `${where}: ${error.message}` }],
    );
  }
  const parsed = organisationProfileSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw profileValidationError(parsed.error, source);
  return parsed.data;
}
