import { describe, expect, it } from 'vitest';
import { TEXT_FORMAT } from '../../shared/render/body-nodes';
import { formatChanges } from '../../shared/workflow/format-diff';

type Run = string | { text: string; format?: number; link?: string };

function text(run: Run) {
  const node = typeof run === 'string' ? { text: run, format: 0 } : { text: run.text, format: run.format ?? 0 };
  const leaf = { type: 'text', version: 1, style: '', detail: 0, mode: 'normal', ...node };
  return typeof run !== 'string' && run.link ? { type: 'link', url: run.link, children: [leaf] } : leaf;
}
const paragraph = (...runs: Run[]) => ({ type: 'paragraph', children: runs.map(text) });
const heading = (...runs: Run[]) => ({ type: 'heading', tag: 'h2', children: runs.map(text) });
const doc = (...blocks: unknown[]) => JSON.stringify({ root: { type: 'root', children: blocks } });

describe('formatting changes between two versions', () => {
  it('names the words that became bold or lost a link, in a paragraph whose text is the same', () => {
    const before = doc(
      paragraph('Hội nghị ', { text: 'sơ kết', link: 'https://giarai.gov.vn' }, ' năm.'),
      paragraph('Không đổi.'),
    );
    const after = doc(
      paragraph('Hội nghị ', { text: 'sơ kết', format: TEXT_FORMAT.bold }, ' năm.'),
      paragraph('Không đổi.'),
    );
    expect(formatChanges(before, after)).toEqual([
      {
        text: 'Hội nghị sơ kết năm.',
        block: null,
        marks: [
          { mark: 'bold', op: 'added', text: 'sơ kết' },
          { mark: 'link', op: 'removed', text: 'sơ kết' },
        ],
      },
    ]);
  });

  it('names a paragraph that became a heading, and ignores paragraphs whose text changed (the word diff shows those)', () => {
    const before = doc(paragraph('Kết quả'), paragraph('Một câu.'));
    const after = doc(heading('Kết quả'), paragraph('Một câu khác.'));
    expect(formatChanges(before, after)).toEqual([
      { text: 'Kết quả', block: { from: 'paragraph', to: 'h2' }, marks: [] },
    ]);
  });

  it('finds nothing between equal bodies, or without an editor document', () => {
    const body = doc(paragraph({ text: 'Đậm', format: TEXT_FORMAT.bold }));
    expect(formatChanges(body, body)).toEqual([]);
    expect(formatChanges(null, body)).toEqual([]);
  });
});
