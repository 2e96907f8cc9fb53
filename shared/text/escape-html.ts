/**
 * THE HTML escaper. Everything this project writes as HTML or XML (the article renderer, the portal pages, the
 * RSS feed, the clean paste, WordPress fields) escapes through here. Control characters other than tab and line
 * breaks, which neither HTML nor XML allow in text, are dropped.
 */

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const entityOf = (ch: string): string => ENTITIES[ch] as string;

/** A text or attribute value (either quote), escaped: & < > " '. Also valid XML (&#39; rather than &apos;). */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>"']/g, entityOf);
}

/** Text content only (never an attribute), escaped: & < >. Quotes stay as typed, for fields read back as text. */
export function escapeText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/[&<>]/g, entityOf);
}
