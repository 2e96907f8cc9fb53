import { z } from 'zod';
import { ERROR_CODES, type ContractErrorShape, type FieldIssue } from './contract-error';

export * from './contract-error';

/** The message key (shared/i18n/vi.ts, en.ts) and its parameters, when the words come from the catalog. */
const messageKeyFields = {
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
};

export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  messageEn: z.string(),
  ...messageKeyFields,
});

export const contractErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  messageEn: z.string(),
  ...messageKeyFields,
  issues: z.array(fieldIssueSchema).optional(),
});

// The shapes written by hand in contract-error.ts are the ones these schemas check: a change to either fails the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatch: [
  Same<z.infer<typeof fieldIssueSchema>, FieldIssue>,
  Same<z.infer<typeof contractErrorSchema>, ContractErrorShape>,
] = [true, true];
void shapesMatch;
