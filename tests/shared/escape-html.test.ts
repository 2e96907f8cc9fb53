import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeText } from '../../shared/text/escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that could end a text or an attribute', () => {
    expect(escapeHtml(`<b title="x">'Giá Rai' & Bạc Liêu</b>`)).toBe(
      '&lt;b title=&quot;x&quot;&gt;&#39;Giá Rai&#39; &amp; Bạc Liêu&lt;/b&gt;',
    );
  });

  it('escapes an already escaped text again, so the reader sees what was typed', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('drops control characters but keeps tab and line breaks', () => {
    expect(escapeHtml('a\u0000b\u0007c\u001fd\u007fe\tf\ng\rh')).toBe('abcde\tf\ng\rh');
  });
});

describe('escapeText', () => {
  it('escapes only what would be markup, quotes stay as typed', () => {
    expect(escapeText(`"Giá" <Rai> & 'Bạc Liêu'`)).toBe(`"Giá" &lt;Rai&gt; &amp; 'Bạc Liêu'`);
  });

  it('drops control characters like escapeHtml', () => {
    expect(escapeText('a\u0001b')).toBe('ab');
  });
});
