import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, mergeSaved, type Draft } from '../../renderer/src/screens/article-draft';

const draft = (fields: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, ...fields });

describe('mergeSaved', () => {
  it('gives the untouched fields the stored value and keeps what was typed while the save ran', () => {
    const sent = draft({ title: '  Hội nghị  ', slug: '', lead: 'Sapo' });
    const stored = draft({ title: 'Hội nghị', slug: 'hoi-nghi', lead: 'Sapo' });
    // The lead was typed into during the save: it keeps the writer's text; the title and slug take the stored ones.
    const now = { ...sent, lead: 'Sapo mới' };
    expect(mergeSaved(now, sent, stored)).toEqual(draft({ title: 'Hội nghị', slug: 'hoi-nghi', lead: 'Sapo mới' }));
    expect(now.title).toBe('  Hội nghị  ');
  });

  it('answers the very same draft when the save changed no field (a body autosave renders no form)', () => {
    const sent = draft({ title: 'Hội nghị', slug: 'hoi-nghi' });
    expect(mergeSaved(sent, sent, { ...sent })).toBe(sent);
    const typed = { ...sent, title: 'Hội nghị tổng kết' };
    expect(mergeSaved(typed, sent, { ...sent })).toBe(typed);
  });
});
