import { z } from 'zod';
import { channel } from './channel';

/**
 * Where the preview page loads images from: the browser-mode host (http://127.0.0.1:PORT/…) or the Electron
 * app:// protocol, optionally under a path, always ending in '/'; or the relative default 'media/'.
 */
export const MEDIA_BASE_PATTERN =
  /^(?:(?:http:\/\/(?:127\.0\.0\.1|localhost):[1-9][0-9]{0,4}|app:\/\/toasoan)\/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*|media\/)$/;
export const MEDIA_BASE_MAX_LENGTH = 200;
export const DEFAULT_MEDIA_BASE = 'media/';

const id = z.number().int().positive();
const html = z.object({ html: z.string() });

/** Channels that render an article as it will be published, and as the portal page shows it. */
export const previewChannels = {
  'preview.articleHtml': channel({
    summary:
      'The publishable body HTML of an article, from its body JSON through the one allow-list renderer (an article without a body JSON that parses: the text of its stored HTML as escaped plain paragraphs). Images point at `media/<sha256>.<ext>`.',
    input: z.strictObject({ id }),
    output: html,
    errors: ['NOT_FOUND'],
  }),
  'preview.page': channel({
    summary:
      "The article as the portal's page shows it: a complete HTML document (header, category menu, the sidebar blocks the profile has data for, date line, reader controls, body, byline, earlier news of the category, footer) with its own Content-Security-Policy; the published static page's frame and data, no view count (no target counts readers here). `mediaBase` is where images load from (default `media/`); links to earlier news are `#`.",
    input: z.strictObject({
      id,
      mediaBase: z.string().max(MEDIA_BASE_MAX_LENGTH).regex(MEDIA_BASE_PATTERN).optional(),
    }),
    output: html,
    errors: ['NOT_FOUND'],
  }),
} as const;
