import { z } from 'zod';
import { channel } from './channel';

/**
 * Publishing: the targets an office publishes to and the queue of jobs that carries each article version there.
 * A target's secret (a token, an application password) is write-only: it goes in, and only `hasSecret` comes out.
 */

const id = z.number().int().positive();
const absoluteFolder = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^(\/|[A-Za-z]:[\\/])/, { message: 'an absolute folder path' });
const webAddress = z.url({ protocol: /^https?$/ }).max(300);

export const TARGET_KINDS = ['static-site', 'http-json', 'wordpress'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Each kind's settings (never a secret). Adding a kind: one schema here and one target file in electron/core/publish/targets. */
export const targetConfigSchemas = {
  /** The static portal site, written into a folder a web server serves (or an admin uploads). */
  'static-site': z.strictObject({
    folder: absoluteFolder,
    /** The site's public address, for feed and sitemap links. */
    baseUrl: webAddress.optional(),
  }),
  /** A portal's own JSON API: POST {endpoint}/articles, PUT/DELETE {endpoint}/articles/{id}, with an Idempotency-Key header. */
  'http-json': z.strictObject({
    endpoint: webAddress,
    timeoutMs: z.number().int().min(1000).max(120_000).optional(),
    /** The portal holds an article with a future scheduledFor back until then: scheduled articles are sent at once. */
    serverSchedule: z.boolean().optional(),
  }),
  /** A WordPress site through its REST API (wp/v2), signed in with an Application Password (the secret). */
  wordpress: z.strictObject({
    siteUrl: webAddress,
    username: z.string().trim().min(1).max(60),
    /** What unpublishing makes of the post. */
    unpublishAs: z.enum(['draft', 'private']).optional(),
    /** Workstations meet through this site: submissions go up as pending posts, decisions and comments come down. */
    collaborate: z.boolean().optional(),
    timeoutMs: z.number().int().min(1000).max(120_000).optional(),
  }),
} as const satisfies Record<TargetKind, z.ZodType>;
export type TargetConfig<K extends TargetKind = TargetKind> = z.infer<(typeof targetConfigSchemas)[K]>;

const targetName = z.string().trim().min(1).max(120);
/** A token or password for the target; stored encrypted where the shell can (Electron safeStorage). */
const secret = z.string().min(1).max(2000);

const newTarget = {
  name: targetName,
  enabled: z.boolean().optional(),
  secret: secret.optional(),
  /** Also queue every article published before the target was added (default: no). */
  publishExisting: z.boolean().optional(),
};
const targetInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('static-site'), config: targetConfigSchemas['static-site'], ...newTarget }),
  z.strictObject({ kind: z.literal('http-json'), config: targetConfigSchemas['http-json'], ...newTarget }),
  z.strictObject({ kind: z.literal('wordpress'), config: targetConfigSchemas.wordpress, ...newTarget }),
]);

export const targetSchema = z.object({
  id,
  kind: z.enum(TARGET_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  /**
   * A static site: the SHA-256 fingerprint (hex) of the key that signs its manifest, to give whoever checks the site
   * (`npm run verify-site -- DIR --fingerprint …`); null before its first publication and for other kinds.
   */
  siteKey: z.string().nullable(),
  /** Whether the target schedules on its own server (the job hands it the time instead of waiting for it). */
  serverSchedule: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublishTargetInfo = z.infer<typeof targetSchema>;

export const JOB_KINDS = ['publish', 'update', 'unpublish', 'rebuild', 'submit', 'return', 'pull'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
/** See shared/publishing/job-states.ts for how a job moves between them. */
export const JOB_STATES = ['pending', 'running', 'retrying', 'uncertain', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** The states a job may still leave on its own. */
export const OPEN_JOB_STATES: readonly JobState[] = ['pending', 'running', 'retrying', 'uncertain'];
/** Waiting jobs whose request has certainly not reached the target: a newer job or an unpublish may cancel them. */
export const UNSENT_JOB_STATES: readonly JobState[] = ['pending', 'retrying'];

export const jobSchema = z.object({
  id,
  targetId: id,
  targetName: z.string(),
  targetKind: z.enum(TARGET_KINDS),
  articleId: id.nullable(),
  articleTitle: z.string().nullable(),
  kind: z.enum(JOB_KINDS),
  articleVersion: z.number().int().nullable(),
  state: z.enum(JOB_STATES),
  attempts: z.number().int().nonnegative(),
  /** When it runs (next): the scheduled time, or the next attempt after a failure. */
  runAt: z.string(),
  /** The article's scheduled publication time, when it has one. */
  scheduledFor: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), messageEn: z.string() }).nullable(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** Where the article can be read once published. */
  url: z.string().nullable(),
  /** Something the people should know about how it went (published late because the app was closed, resumed after a crash). */
  notice: z.object({ message: z.string(), messageEn: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type PublishJob = z.infer<typeof jobSchema>;

const jobCounts = z.object(
  Object.fromEntries(JOB_STATES.map((s) => [s, z.number().int().nonnegative()])) as Record<JobState, z.ZodNumber>,
);

export const publishingChannels = {
  'targets.list': channel({
    summary: 'The publishing targets, in the order they were added (their settings, never their secrets).',
    input: z.strictObject({}),
    output: z.array(targetSchema),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'targets.create': channel({
    summary:
      'Adds a publishing target of a kind with its settings (admin only); articles published from now on also go there, and with publishExisting every article already published is queued for it.',
    input: targetInput,
    output: targetSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'targets.update': channel({
    summary:
      'Renames, enables or disables a target, changes its settings (of its own kind), or sets or clears (null) its secret (admin only).',
    input: z.strictObject({
      id,
      name: targetName.optional(),
      enabled: z.boolean().optional(),
      config: z.record(z.string(), z.unknown()).optional(),
      secret: secret.nullable().optional(),
    }),
    output: targetSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'targets.delete': channel({
    summary: 'Removes a target and its queue (admin only); refused while one of its jobs is running.',
    input: z.strictObject({ id }),
    output: z.object({ id }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'targets.check': channel({
    summary:
      'Checks that a target can be reached and written to now (a folder that exists and takes files, a server that answers), without publishing anything.',
    input: z.strictObject({ id }),
    output: z.object({ ok: z.boolean(), message: z.string(), messageEn: z.string() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'targets.rebuild': channel({
    summary:
      'Queues a full rebuild of a target from every article it holds (the static site: every page, list, feed and image), with progress (admin only).',
    input: z.strictObject({ id }),
    output: jobSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
  'publish.jobs': channel({
    summary:
      'The publishing queue, newest first: optionally of one article or in some states; with the count of jobs in each state.',
    input: z.strictObject({
      articleId: id.optional(),
      states: z.array(z.enum(JOB_STATES)).max(JOB_STATES.length).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      beforeId: id.optional(),
    }),
    output: z.object({ jobs: z.array(jobSchema), counts: jobCounts }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'publish.retry': channel({
    summary:
      'Runs a failed or cancelled job again now, from its first attempt; an uncertain one now, asking its target first (editors and administrators).',
    input: z.strictObject({ id }),
    output: jobSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'],
  }),
  'publish.cancel': channel({
    summary:
      'Cancels a job that is waiting (pending or retrying); a running or uncertain job, or a take-down, cannot be cancelled (editors and administrators).',
    input: z.strictObject({ id }),
    output: jobSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'],
  }),
} as const;
