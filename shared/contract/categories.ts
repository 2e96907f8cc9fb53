import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../text/slug';
import { channel } from './channel';

const id = z.number().int().positive();

export const categorySchema = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  position: z.number().int(),
  articleCount: z.number().int().nonnegative(),
});
export type Category = z.infer<typeof categorySchema>;

const categoryFields = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z.string().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN),
  position: z.number().int().min(0).max(100_000),
});

export const categoryChannels = {
  'categories.list': channel({
    summary: 'Every category (chuyên mục) in display order, with the number of articles outside the trash.',
    input: z.strictObject({}),
    output: z.array(categorySchema),
    errors: [],
  }),
  'categories.create': channel({
    summary:
      'A new category; the slug is derived from the name when omitted. A duplicate name or slug is refused with CONFLICT.',
    input: categoryFields.partial().required({ name: true }),
    output: categorySchema,
    errors: ['CONFLICT'],
  }),
  'categories.update': channel({
    summary: 'Renames or reorders a category.',
    input: z.strictObject({ id, changes: categoryFields.partial() }),
    output: categorySchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'categories.delete': channel({
    summary: 'Deletes an empty category; one still holding articles (trash included) is refused with CONFLICT.',
    input: z.strictObject({ id }),
    output: z.object({ id }),
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
} as const;
