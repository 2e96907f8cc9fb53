import { z } from 'zod';
import { channel } from './channel';

/** 'leader' (lãnh đạo duyệt): approves or returns at the steps of an approval chain, never edits. */
export const ROLES = ['writer', 'editor', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const id = z.number().int().positive();
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/);
/** At least 8 characters; the store keeps only a scrypt hash. */
export const passwordSchema = z.string().min(8).max(200);

export const userSchema = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const authChannels = {
  'auth.status': channel({
    summary:
      'Who is signed in on this window (null when nobody), and whether the workstation still needs its first administrator.',
    input: z.strictObject({}),
    output: z.object({ user: userSchema.nullable(), needsFirstAdmin: z.boolean() }),
    errors: [],
  }),
  'auth.setupFirstAdmin': channel({
    summary:
      'First run only: creates the first administrator and signs them in. Refused (CONFLICT) once any user exists.',
    input: z.strictObject({
      username: usernameSchema,
      displayName: z.string().trim().min(1).max(120),
      password: passwordSchema,
    }),
    output: z.object({ user: userSchema, sessionToken: z.string().optional() }),
    errors: ['CONFLICT'],
  }),
  'auth.signIn': channel({
    summary:
      'Signs in. A wrong password or unknown user answers AUTH_FAILED (the same for both); repeated failures lock the account for a growing delay (AUTH_LOCKED, with the seconds to wait); a disabled user answers AUTH_FAILED. Browser mode returns the session token, sent back as the X-Toasoan-Session header; Electron keeps it in the main process.',
    input: z.strictObject({ username: z.string().trim().toLowerCase().max(40), password: z.string().max(200) }),
    output: z.object({ user: userSchema, sessionToken: z.string().optional() }),
    errors: ['AUTH_FAILED', 'AUTH_LOCKED'],
  }),
  'auth.signOut': channel({
    summary: "Ends this window's session.",
    input: z.strictObject({}),
    output: z.object({ signedOut: z.boolean() }),
    errors: [],
  }),
} as const;

export const userChannels = {
  'users.list': channel({
    summary: 'Every user (admin only).',
    input: z.strictObject({}),
    output: z.array(userSchema),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
  'users.create': channel({
    summary: 'A new user (admin only). A taken username answers CONFLICT.',
    input: z.strictObject({
      username: usernameSchema,
      displayName: z.string().trim().min(1).max(120),
      role: z.enum(ROLES),
      password: passwordSchema,
    }),
    output: userSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'CONFLICT'],
  }),
  'users.update': channel({
    summary:
      "Changes a user's name, role, or disables / re-enables them (admin only). Disabling ends their sessions. The last enabled admin cannot be disabled or demoted (CONFLICT).",
    input: z.strictObject({
      id,
      changes: z
        .strictObject({ displayName: z.string().trim().min(1).max(120), role: z.enum(ROLES), disabled: z.boolean() })
        .partial(),
    }),
    output: userSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'users.resetPassword': channel({
    summary: 'Sets a new password for a user and ends their sessions (admin only; anyone for themselves).',
    input: z.strictObject({ id, password: passwordSchema }),
    output: userSchema,
    errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'NOT_FOUND'],
  }),
} as const;
