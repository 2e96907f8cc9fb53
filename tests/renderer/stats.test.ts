import { describe, expect, it } from 'vitest';
import { countText } from '../../renderer/src/editor/plugins/StatsPlugin';

/** The counts as they are defined: words between runs of white space, characters as code points but line breaks. */
function byDefinition(text: string): { words: number; characters: number } {
  const trimmed = text.trim();
  return { words: trimmed ? trimmed.split(/\s+/u).length : 0, characters: [...text.replace(/\n/g, '')].length };
}

describe('countText', () => {
  it('counts words and characters as the definition does, for every kind of space and letter', () => {
    const pieces = [
      'Ủy ban',
      'nhân dân',
      'nghe\u0302\u0301u', // decomposed letters: each mark is a character
      'thị xã',
      '😀',
      '\u{1F1FB}\u{1F1F3}',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\t',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\ufeff',
      '\u2028',
      '.',
      '\ud800', // a lone half of a pair counts as one
      '\udc00',
      '',
    ];
    let state = 19;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 2_000; n++) {
      const text = Array.from(
        { length: Math.floor(next() * 16) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      expect(countText(text), JSON.stringify(text)).toEqual(byDefinition(text));
    }
    expect(countText('Thị xã Giá Rai\n\nNăm 2026')).toEqual({ words: 6, characters: 22 });
    expect(countText('')).toEqual({ words: 0, characters: 0 });
  });
});
