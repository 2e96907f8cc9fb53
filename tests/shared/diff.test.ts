import { describe, expect, it } from 'vitest';
import { diffSides, diffWords, MAX_EDIT_DISTANCE, tokenize, type DiffSegment } from '../../shared/workflow/diff';

/** Both texts come back from the segments, whatever the diff chose. */
function expectRebuilds(before: string, after: string, segments: DiffSegment[]): void {
  expect(diffSides(segments)).toEqual({ before, after });
  // Never two neighbours of the same kind, never an empty segment.
  for (let i = 0; i < segments.length; i += 1) {
    expect(segments[i]?.text.length).toBeGreaterThan(0);
    if (i > 0) expect(segments[i]?.op).not.toBe(segments[i - 1]?.op);
  }
}

describe('tokenize', () => {
  it('splits words, whitespace runs and punctuation, keeping everything', () => {
    const text = 'Hà Nội,  ngày 23/03/2023\n\nỦy ban — thông báo.';
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens.slice(0, 5)).toEqual(['Hà', ' ', 'Nội', ',', '  ']);
    expect(tokens).toContain('\n\n');
    expect(tokens).toContain('Ủy');
  });

  it('keeps decomposed marks inside their word', () => {
    expect(tokenize('Vie\u0323\u0302t Nam')).toEqual(['Vie\u0323\u0302t', ' ', 'Nam']);
  });
});

describe('diffWords', () => {
  it('answers one same segment for equal texts, and nothing for two empty ones', () => {
    expect(diffWords('Giữ nguyên', 'Giữ nguyên')).toEqual([{ op: 'same', text: 'Giữ nguyên' }]);
    expect(diffWords('', '')).toEqual([]);
  });

  it('shows an inserted and a removed word', () => {
    expect(diffWords('Đường làng mới', 'Đường làng nông thôn mới')).toEqual([
      { op: 'same', text: 'Đường làng ' },
      { op: 'added', text: 'nông thôn ' },
      { op: 'same', text: 'mới' },
    ]);
    expect(diffWords('Hội nghị sơ kết năm', 'Hội nghị năm')).toEqual([
      { op: 'same', text: 'Hội nghị ' },
      { op: 'removed', text: 'sơ kết ' },
      { op: 'same', text: 'năm' },
    ]);
  });

  it('shows a replaced word as a removal then an addition', () => {
    const segments = diffWords('Phòng Tài chính thị xã', 'Phòng Nội vụ thị xã');
    expect(segments).toEqual([
      { op: 'same', text: 'Phòng ' },
      { op: 'removed', text: 'Tài chính' },
      { op: 'added', text: 'Nội vụ' },
      { op: 'same', text: ' thị xã' },
    ]);
  });

  it('changes only the punctuation when only the punctuation changed', () => {
    expect(diffWords('Hà Nội, ngày', 'Hà Nội. Ngày')).toEqual([
      { op: 'same', text: 'Hà Nội' },
      { op: 'removed', text: ', ngày' },
      { op: 'added', text: '. Ngày' },
    ]);
  });

  it('keeps whitespace and line breaks as they are on each side', () => {
    const before = 'Đoạn một.\n\nĐoạn hai có   ba dấu cách.';
    const after = 'Đoạn một.\n\nĐoạn hai có ba dấu cách.\n\nĐoạn ba.';
    const segments = diffWords(before, after);
    expectRebuilds(before, after, segments);
    expect(
      segments
        .filter((s) => s.op === 'added')
        .map((s) => s.text)
        .join(''),
    ).toContain('\n\nĐoạn ba');
  });

  it('is a shortest edit: the kept words are a longest common subsequence', () => {
    const before = 'a b c a b b a';
    const after = 'c b a b a c';
    const segments = diffWords(before, after);
    expectRebuilds(before, after, segments);
    const kept = segments
      .filter((s) => s.op === 'same')
      .map((s) => s.text)
      .join('')
      .replace(/\s+/g, '');
    // The words of the LCS of [a b c a b b a] and [c b a b a c] are 4 long (e.g. b a b a).
    expect(kept.length).toBe(4);
  });

  it('rebuilds both texts for many random edits', () => {
    const words = ['xã', 'phường', 'Ủy', 'ban', 'nhân', 'dân', ',', '.', 'hộ', 'nghèo', '2023'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const text = (n: number) =>
      Array.from({ length: n }, () => words[Math.floor(random() * words.length)])
        .map((w, i) => (i > 0 && random() < 0.1 ? `\n${w}` : ` ${w}`))
        .join('');
    for (let round = 0; round < 200; round += 1) {
      const before = text(Math.floor(random() * 40));
      const after = random() < 0.5 ? text(Math.floor(random() * 40)) : before.replace(/ xã/g, ' phường');
      expectRebuilds(before, after, diffWords(before, after));
    }
  });

  it('falls back to one removal and one addition beyond the edit limit', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `cu${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `moi${i}`).join(' ');
    const segments = diffWords(`Mở đầu ${before} kết thúc`, `Mở đầu ${after} kết thúc`);
    expect(segments.map((s) => s.op)).toEqual(['same', 'removed', 'added', 'same']);
    expectRebuilds(`Mở đầu ${before} kết thúc`, `Mở đầu ${after} kết thúc`, segments);
    // Under the limit the diff is exact.
    expect(MAX_EDIT_DISTANCE).toBeGreaterThan(100);
    const small = diffWords(before, before.replace('cu1500', 'moi1500'));
    expect(small.filter((s) => s.op !== 'same')).toEqual([
      { op: 'removed', text: 'cu1500' },
      { op: 'added', text: 'moi1500' },
    ]);
  });
});
