import { z } from 'zod';
import { channel } from './channel';

export const siteChannels = {
  'site.build': channel({
    summary:
      'Writes the complete static portal site of every published article into a folder (article pages identical to the preview, category pages, home page, RSS feeds, sitemap, images); files are replaced atomically and pages of articles no longer published are removed (admin only).',
    input: z.strictObject({
      folder: z.string().trim().min(1).max(500).regex(/^(\/|[A-Za-z]:[\\/])/, { message: 'an absolute folder path' }),
      baseUrl: z.url({ protocol: /^https?$/ }).max(300).optional(),
    }),
    output: z.object({ folder: z.string(), articles: z.number().int(), pages: z.number().int(), files: z.number().int(), ms: z.number() }),
    errors: ['AUTH_REQUIRED', 'FORBIDDEN'],
  }),
} as const;
