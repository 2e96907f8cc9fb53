import { describe, expect, it } from 'vitest';
import type { VersionHistoryEntry } from '../../shared/contract/workflow';
import { diffWords } from '../../shared/workflow/diff';
import { diffBlocks, versionEventText } from '../../renderer/src/components/revision-text';
import { makeI18n } from '../../renderer/src/i18n/i18n';

const VI = makeI18n('vi');
const EN = makeI18n('en');

function version(fields: Partial<VersionHistoryEntry>): VersionHistoryEntry {
  return {
    version: 3,
    current: false,
    event: 'saved',
    step: null,
    stepCount: null,
    fromVersion: null,
    authorName: 'Lê Minh Tâm',
    madeAt: '2030-03-23T01:05:07.000Z',
    words: 120,
    ...fields,
  };
}

describe('a version in the revisions panel', () => {
  it('says who made it and how, with the step of the chain', () => {
    const approved = version({ event: 'approve', step: 2, stepCount: 3 });
    expect(versionEventText(approved, VI)).toBe('Lê Minh Tâm duyệt (bước 2/3)');
    expect(versionEventText(approved, EN)).toBe('Lê Minh Tâm approved (step 2/3)');
    expect(versionEventText(version({ event: 'autosave' }), VI)).toBe('Lê Minh Tâm tự động lưu');
    expect(versionEventText(version({ event: 'restored', fromVersion: 1 }), EN)).toBe('Lê Minh Tâm restored version 1');
    expect(versionEventText(version({ event: 'submit' }), VI)).toBe('Lê Minh Tâm gửi duyệt');
  });

  it('names the queue for a scheduled publication, and says so of a version from before events were recorded', () => {
    expect(versionEventText(version({ event: 'publish', authorName: null }), VI)).toBe('Hàng đợi xuất bản đăng');
    expect(versionEventText(version({ event: null, authorName: null }), VI)).toBe(
      'Phiên bản từ trước khi ghi người sửa',
    );
    expect(EN.t('revisions.words', { count: 1 })).toBe('1 word');
    expect(VI.t('revisions.words', { count: 1234 })).toBe('1.234 từ');
  });
});

describe('the diff of a body, paragraph by paragraph', () => {
  const paragraphs = (n: number, changedAt: number, after = false) =>
    Array.from({ length: n }, (_, i) => (i === changedAt && after ? `Đoạn ${i} đã sửa.` : `Đoạn ${i}.`)).join('\n\n');

  it('keeps paragraphs apart, with one unchanged paragraph of context each side and one mark for the rest', () => {
    const blocks = diffBlocks(diffWords(paragraphs(8, 4), paragraphs(8, 4, true)));
    expect(blocks.map((block) => (block.kind === 'skipped' ? '…' : block.changed ? 'changed' : 'context'))).toEqual([
      '…',
      'context',
      'changed',
      'context',
      '…',
    ]);
    const changed = blocks.find((block) => block.kind === 'paragraph' && block.changed);
    expect(changed?.kind === 'paragraph' && changed.segments.map((s) => s.text).join('')).toBe('Đoạn 4 đã sửa.');
  });

  it('shows every paragraph of a short body that changed throughout', () => {
    const blocks = diffBlocks(diffWords('Một.\n\nHai.', 'Một!\n\nHai!'));
    expect(blocks.map((block) => block.kind === 'paragraph' && block.changed)).toEqual([true, true]);
  });
});
