import { z } from 'zod';
import { articleSchema } from './articles';
import { BLOCK_KINDS, FORMAT_MARKS } from '../workflow/format-diff';
import { channel } from './channel';

/** What a person asks of an article's status; shared/workflow/status-machine.ts says which are legal from where. */
export const TRANSITION_ACTIONS = [
  'submit',
  'return',
  'approve',
  'schedule',
  'publish',
  'update',
  'unpublish',
  'reopen',
  'withdraw',
] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

const id = z.number().int().positive();

/**
 * What made a version of an article: created, an autosave, a save by hand, a restored earlier version, an article
 * received from a collaborating site, or a status change (a transition action: submitted, approved at a step…).
 */
const formatChangeSchema = z.object({
  text: z.string(),
  block: z.object({ from: z.enum(BLOCK_KINDS), to: z.enum(BLOCK_KINDS) }).nullable(),
  marks: z.array(z.object({ mark: z.enum(FORMAT_MARKS), op: z.enum(['added', 'removed']), text: z.string() })),
});

export const VERSION_EVENTS = ['created', 'autosave', 'saved', 'restored', 'received', ...TRANSITION_ACTIONS] as const;
export type VersionEvent = (typeof VERSION_EVENTS)[number];

export const versionHistorySchema = z.object({
  version: z.number().int().positive(),
  /** The article's present version (not a kept revision). */
  current: z.boolean(),
  /** Null for versions made before events were recorded. */
  event: z.enum(VERSION_EVENTS).nullable(),
  /** An approval or return at a step of the chain: the step (1-based) and how many there are. */
  step: z.number().int().positive().nullable(),
  stepCount: z.number().int().positive().nullable(),
  /** A restore: the version that was made current again. */
  fromVersion: z.number().int().positive().nullable(),
  /** Who made it (null: the publishing queue, a collaborating site, or not recorded). */
  authorName: z.string().nullable(),
  madeAt: z.string(),
  /** Words of the title, lead and body. */
  words: z.number().int().nonnegative(),
});
export type VersionHistoryEntry = z.infer<typeof versionHistorySchema>;

export const commentSchema = z.object({
  id,
  articleId: id,
  authorId: id,
  authorName: z.string(),
  body: z.string(),
  /** 'return' for the reason given when an editor returned the article. */
  kind: z.enum(['comment', 'return']),
  replyTo: id.nullable(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const diffSegmentSchema = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });

export const workflowChannels = {
  'articles.transition': channel({
    summary:
      'Moves an article along draft → pending_review (withdraw: back to draft, by its writer until a step has acted) → returned (a reason is required) or approved (at the last step of its approval chain; an earlier step moves it to the next step; a step that must be signed needs signWith) → scheduled (scheduledAt, in the future) or published → update (republish) or unpublished → reopen (back to draft). baseVersion as for articles.update. An illegal move answers INVALID_TRANSITION; a move the role may not make answers FORBIDDEN.',
    input: z.strictObject({
      id,
      baseVersion: z.number().int().positive(),
      action: z.enum(TRANSITION_ACTIONS),
      reason: z.string().trim().max(2000).optional(),
      scheduledAt: z.iso.datetime({ offset: true }).optional(),
      /** Going on over warnings of the pre-publication check, and why (audited as quality.override). */
      qualityOverride: z.strictObject({ reason: z.string().trim().min(1).max(2000) }).optional(),
      /** approve: sign with the imported PKCS#12 key, or with the PKCS#11 token (its PIN in `pin`). */
      signWith: z.enum(['pkcs12', 'pkcs11']).optional(),
      pin: z.string().max(64).optional(),
    }),
    output: articleSchema,
    errors: [
      'AUTH_REQUIRED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'INVALID_TRANSITION',
      'QUALITY_BLOCKED',
      'SIGNATURE_REJECTED',
      'SIGNING_FAILED',
    ],
  }),
  'comments.list': channel({
    summary: 'The review comments of an article, oldest first (replies point to their comment).',
    input: z.strictObject({ articleId: id }),
    output: z.array(commentSchema),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'comments.add': channel({
    summary: 'Adds a review comment, or a reply to one.',
    input: z.strictObject({ articleId: id, body: z.string().trim().min(1).max(5000), replyTo: id.optional() }),
    output: commentSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'articles.diff': channel({
    summary:
      'Word-level differences between two versions of an article (title, lead and body text); a version may be the current one.',
    input: z.strictObject({ id, from: z.number().int().positive(), to: z.number().int().positive() }),
    output: z.object({
      title: z.array(diffSegmentSchema),
      lead: z.array(diffSegmentSchema),
      body: z.array(diffSegmentSchema),
      /** Paragraphs whose text is the same but whose formatting changed (shared/workflow/format-diff.ts). */
      formatting: z.array(formatChangeSchema),
    }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'articles.history': channel({
    summary:
      'Every version an article keeps, the current one first: what made it (event, step of the chain), who, when, and its size in words.',
    input: z.strictObject({ id }),
    output: z.array(versionHistorySchema),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'articles.restoreRevision': channel({
    summary:
      'Makes an earlier version the current text again, as a new version (the present one is kept as a revision).',
    input: z.strictObject({ id, version: z.number().int().positive(), baseVersion: z.number().int().positive() }),
    output: articleSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'workflow.counts': channel({
    summary:
      "How many articles wait in each status (for the Chờ duyệt badge and the writer's returned list); writers count their own.",
    input: z.strictObject({}),
    output: z.object({
      pendingReview: z.number().int(),
      returned: z.number().int(),
      approved: z.number().int(),
      scheduled: z.number().int(),
    }),
    errors: ['AUTH_REQUIRED'],
  }),
} as const;

export const auditEntrySchema = z.object({
  id,
  at: z.string(),
  userId: id.nullable(),
  username: z.string().nullable(),
  /** The person's display name (null: no person — the publishing queue or the system). */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.number().int().nullable(),
  /** The target's present name: an article's title, a user's, category's or publishing target's name. */
  targetName: z.string().nullable(),
  details: z.string(),
});

const auditFilter = z.strictObject({
  userId: id.optional(),
  action: z.string().max(60).optional(),
  /** Exactly these actions: a group of the screen's filter, or one action. */
  actions: z.array(z.string().max(60)).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const auditChannels = {
  'audit.list': channel({
    summary:
      'The append-only audit log, newest first, filtered by user, action prefix (e.g. "auth." or "article.transition") and time (admin only).',
    input: auditFilter.extend({
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.object({ total: z.number().int(), items: z.array(auditEntrySchema) }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'audit.exportCsv': channel({
    summary:
      'The filtered audit log as CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese; times in Vietnam time) (admin only).',
    input: auditFilter,
    output: z.object({ csv: z.string(), rows: z.number().int() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
} as const;
