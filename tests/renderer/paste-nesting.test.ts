// @vitest-environment happy-dom
/**
 * Pasted HTML is untrusted input too (issue 14, item 4): however deep a paste nests, the clean HTML the editor imports
 * stays shallow, keeps every piece of text, and nothing on the way recurses as deep as the paste.
 */
import { describe, expect, it } from 'vitest';
import { cleanClipboardHtml, MAX_LIST_NESTING } from '../../renderer/src/editor/paste/clean-office-html';

/** How deep the tags of an HTML string nest (void <br> aside). */
function tagDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [tag] of html.matchAll(/<\/?[a-z0-9]+/gi)) {
    if (tag.startsWith('</')) depth--;
    else if (tag.toLowerCase() !== '<br') deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

const countOf = (html: string, text: string) => html.split(text).length - 1;

// happy-dom builds a 10,000-deep DOM slowly on a loaded machine: a generous limit, no duration asserted.
describe('a paste nested deep', { timeout: 60_000 }, () => {
  it(`keeps lists at most ${MAX_LIST_NESTING} deep, every item kept in order`, () => {
    const levels = 10_000;
    const html = Array.from({ length: levels }, (_, i) => `<ul><li>mục ${i}`).join('') + '</li></ul>'.repeat(levels);
    const clean = cleanClipboardHtml(html).html;
    expect(countOf(clean, '<ul>')).toBe(MAX_LIST_NESTING);
    expect(tagDepth(clean)).toBe(2 * MAX_LIST_NESTING);
    const items = [...clean.matchAll(/mục (\d+)/g)].map((match) => Number(match[1]));
    expect(items).toEqual(Array.from({ length: levels }, (_, i) => i));
  });

  it(`keeps Word's list levels at most ${MAX_LIST_NESTING} deep, however many levels the paste claims`, () => {
    const levels = 2_000;
    const paragraphs = Array.from(
      { length: levels },
      (_, i) => `<p class=MsoListParagraph style='mso-list:l0 level${i + 1} lfo1'>Đoạn ${i}</p>`,
    ).join('');
    const clean = cleanClipboardHtml(
      `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>${paragraphs}</body></html>`,
    ).html;
    expect(tagDepth(clean)).toBeLessThanOrEqual(2 * MAX_LIST_NESTING);
    expect([...clean.matchAll(/Đoạn (\d+)/g)].length).toBe(levels);
  });

  it('flattens inline formatting, blocks and links nested thousands deep, keeping the text', () => {
    const inline = `<p>${'<b><i><u><span style="color:#c0392b">'.repeat(2_500)}chữ${'</span></u></i></b>'.repeat(2_500)}</p>`;
    const blocks = `${'<div><blockquote>'.repeat(2_500)}khối${'</blockquote></div>'.repeat(2_500)}`;
    const links = `<p>${'<a href="https://x.vn/">'.repeat(2_500)}liên kết${'</a>'.repeat(2_500)}</p>`;
    for (const html of [inline, blocks, links]) {
      const clean = cleanClipboardHtml(html).html;
      expect(tagDepth(clean)).toBeLessThanOrEqual(8);
    }
    expect(cleanClipboardHtml(inline).html).toContain('chữ');
    expect(cleanClipboardHtml(blocks).html).toContain('khối');
    expect(cleanClipboardHtml(links).html).toContain('liên kết');
  });
});
