import { MEDIA_REF_PATTERN } from '../../../shared/render/body-nodes';

/** Where the app serves a media reference: /media/ on its own origin, in both shells. */
export function mediaUrl(ref: string, variant: 'web' | 'thumb'): string | null {
  const match = MEDIA_REF_PATTERN.exec(ref);
  if (!match) return null;
  const [, sha, ext] = match;
  return variant === 'thumb' ? `/media/${sha}.thumb.webp` : `/media/${sha}.${ext}`;
}
