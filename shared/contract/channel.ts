import type { z } from 'zod';
import type { ErrorCode } from './errors';

/** One channel of the contract: its zod input and output, what it does, and the errors it may answer. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
  errors: readonly ErrorCode[];
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

/** Errors every channel can answer with, whatever it does (the store's, when it could not be opened). */
export const COMMON_ERRORS: readonly ErrorCode[] = [
  'VALIDATION',
  'DB_NEWER_VERSION',
  'DB_CORRUPT',
  'DB_FOREIGN',
  'DB_LOCKED',
  'DB_READONLY',
  'INTERNAL',
];
