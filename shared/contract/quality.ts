import { z } from 'zod';
import { QUALITY_FIELDS } from '../quality/article-text';
import { RULE_IDS, SEVERITIES } from '../quality/rules';
import { channel } from './channel';
import { LIMITS } from './articles';
import { MEDIA_REF_PATTERN, parseBody } from '../render/body-nodes';

const id = z.number().int().positive();

export const TONE_STYLES = ['traditional', 'modern'] as const;

/** One finding of the pre-publication check (docs/quality.md lists the rules). */
export const qualityFindingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  field: z.enum(QUALITY_FIELDS),
  /** For the body: the child indices from the editor document's root to the node holding the text. */
  path: z.array(z.number().int().nonnegative()).optional(),
  /** Which text of that node: its inline text, or an image's alt text or caption. */
  part: z.enum(['text', 'alt', 'caption']).optional(),
  /** The offending text and its place (UTF-16 offsets in the NFC text of the field or node). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  /** The replacement for the text; '' means delete it. Absent when there is none to offer. */
  suggestion: z.string().optional(),
  message: z.string(),
  messageEn: z.string(),
});
export type QualityFindingShape = z.infer<typeof qualityFindingSchema>;

/** A word of the organisation's list: one syllable or a name, no spaces at the ends. */
const ownWord = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M}'’-]*$/u, { message: 'letters only, one word' });

export const qualitySettingsSchema = z.strictObject({
  /** Where tone marks go in oa, oe, uy: traditional 'hòa, thủy, Ủy' (default) or modern 'hoà, thuỷ, Uỷ'. */
  toneStyle: z.enum(TONE_STYLES),
  /** A rule's severity when the organisation changed it: block, warn, or off. */
  severities: z.partialRecord(z.enum(RULE_IDS), z.enum(['block', 'warn', 'off'])),
  /** The organisation's own words (Thêm vào từ điển): never a spelling finding. */
  words: z.array(ownWord).max(10_000),
});
export type QualitySettingsShape = z.infer<typeof qualitySettingsSchema>;

/** An article as the editor holds it, not saved yet. */
export const qualityDraftSchema = z.strictObject({
  title: z.string().max(LIMITS.title).default(''),
  lead: z.string().max(LIMITS.lead).default(''),
  author: z.string().max(LIMITS.person).default(''),
  department: z.string().max(LIMITS.person).default(''),
  categoryId: id.nullable().default(null),
  featuredImage: z.string().regex(MEDIA_REF_PATTERN).nullable().default(null),
  featuredCaption: z.string().max(LIMITS.caption).default(''),
  bodyJson: z
    .string()
    .max(LIMITS.bodyJson)
    .refine((json) => parseBody(json) !== null, { message: 'not an editor document' })
    .nullable()
    .default(null),
});

const toneStyle = z.enum(TONE_STYLES).optional();

export const qualityChannels = {
  'quality.check': channel({
    summary:
      "Runs the pre-publication check (docs/quality.md) on a saved article ({ articleId }) or on an unsaved one ({ draft }), with the organisation's settings; toneStyle overrides its tone style for this check. Findings come in reading order: fields first, then the body.",
    input: z.union([
      z.strictObject({ articleId: id, toneStyle }),
      z.strictObject({ draft: qualityDraftSchema, toneStyle }),
    ]),
    output: z.object({ findings: z.array(qualityFindingSchema) }),
    errors: ['AUTH_REQUIRED', 'NOT_FOUND'],
  }),
  'quality.settings': channel({
    summary: "The organisation's check settings: tone style, the severities it changed, its own word list.",
    input: z.strictObject({}),
    output: qualitySettingsSchema,
    errors: ['AUTH_REQUIRED'],
  }),
  'quality.updateSettings': channel({
    summary:
      "Changes the organisation's check settings (admin only): tone style, severities (a rule left out keeps its default), the whole word list. Exported with the organisation profile.",
    input: qualitySettingsSchema.partial(),
    output: qualitySettingsSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'quality.suggest': channel({
    summary:
      "Judges one word as the spelling check would in a text (the right-click menu): whether it is doubted, and what could replace it, best first (at most 5). Input in NFD is read as NFC; proper names, acronyms and the organisation's own words are never doubted.",
    input: z.strictObject({ word: ownWord }),
    output: z.object({ word: z.string(), misspelt: z.boolean(), suggestions: z.array(z.string()).max(5) }),
    errors: ['AUTH_REQUIRED'],
  }),
  'quality.addWord': channel({
    summary:
      "Adds a word to the organisation's list (Thêm vào từ điển) so the spelling check accepts it; any signed-in user, audited. Administrators remove words with quality.updateSettings.",
    input: z.strictObject({ word: ownWord }),
    output: qualitySettingsSchema,
    errors: ['AUTH_REQUIRED'],
  }),
} as const;
