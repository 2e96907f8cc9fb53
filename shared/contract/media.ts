import { z } from 'zod';
import { channel } from './channel';

/** Largest image file accepted (25 MB). */
export const MAX_MEDIA_BYTES = 25 * 1024 * 1024;
/** Most pixels an image may have (50 megapixels; for an animated image, all frames together). */
export const MAX_MEDIA_PIXELS = 50_000_000;
/** Widest web-size image stored; wider images are scaled down, narrower ones are never enlarged. */
export const MEDIA_WEB_MAX_WIDTH = 1600;
/** Width of the WebP thumbnail stored next to every image. */
export const MEDIA_THUMB_WIDTH = 400;
/** Longest base64 text of a MAX_MEDIA_BYTES file (4 characters for every 3 bytes, padded). */
export const MAX_MEDIA_BASE64_LENGTH = 4 * Math.ceil(MAX_MEDIA_BYTES / 3);

export const MEDIA_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

export const importedMediaSchema = z.object({
  /** 'media:<sha256 of the web-size bytes>.<jpg|png|webp|gif>', as an article body refers to it. */
  ref: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Size of the web-size file in bytes. */
  bytes: z.number().int().positive(),
  format: z.enum(MEDIA_FORMATS),
  /** Where to show it, relative to the app's root: 'media/<sha>.<ext>'. */
  url: z.string(),
});
export type ImportedMedia = z.infer<typeof importedMediaSchema>;

/** Channels of the media store (images of articles). */
export const mediaChannels = {
  'media.import': channel({
    summary:
      'Imports an image (JPEG, PNG, WebP or GIF, recognised by its content, at most 25 MB and 50 megapixels) sent as base64: turned upright, every metadata (EXIF, GPS, XMP, IPTC, comments) removed, scaled down to at most 1600 px wide, re-encoded in its own format (GIF stays animated), plus a 400 px WebP thumbnail (media/<sha>.thumb.webp); the same image imported twice gives the same ref. In browser mode the request body may be at most 40 MB.',
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(255),
      dataBase64: z.string().min(1).max(MAX_MEDIA_BASE64_LENGTH),
    }),
    output: importedMediaSchema,
    errors: ['MEDIA_UNSUPPORTED', 'MEDIA_CORRUPT', 'MEDIA_TOO_LARGE'],
  }),
} as const;
