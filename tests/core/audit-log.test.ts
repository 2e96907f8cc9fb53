import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import {
  BODY_JSON,
  cleanupAll,
  createUserAndSignIn,
  ok,
  openCore,
  tempDataDir,
  TEST_ADMIN,
  type SignedInUser,
} from '../helpers';

let core: Core;
let editor: SignedInUser;

beforeAll(async () => {
  core = openCore(tempDataDir());
  editor = await createUserAndSignIn(core, 'editor', 'tam.le', 'Lê Minh Tâm');
}, 30_000);
afterAll(cleanupAll);

/** RFC 4180: fields split on commas outside quotes, records on CRLF outside quotes, doubled quotes undone. */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const ch = csv[i] as string;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return records;
}

describe('the audit log people read', () => {
  const title = 'Họp báo, "quý 3" — kết quả\nvà kế hoạch';

  it('answers each entry with the person’s name and the article’s title, not their ids', async () => {
    const article = await ok(core, 'articles.create', { title, lead: '', bodyJson: BODY_JSON }, editor.session);
    await ok(
      core,
      'articles.transition',
      { id: article.id, action: 'submit', baseVersion: article.version },
      editor.session,
    );
    const { items } = await ok(core, 'audit.list', { actions: ['article.create', 'article.transition'] });
    expect(items.map((entry) => [entry.action, entry.actorName, entry.targetName])).toEqual([
      ['article.transition', 'Lê Minh Tâm', article.title],
      ['article.create', 'Lê Minh Tâm', article.title],
    ]);
    // The filter by exact actions leaves out an action that merely starts the same (auth.signIn, auth.signInFailed).
    const signIns = await ok(core, 'audit.list', { actions: ['auth.signIn'] });
    expect(signIns.items.length).toBeGreaterThan(0);
    expect(signIns.items.every((entry) => entry.action === 'auth.signIn')).toBe(true);
  });

  it('exports readable columns, a title with commas, quotes and a line break intact, and the raw details last', async () => {
    const { csv, rows } = await ok(core, 'audit.exportCsv', { actions: ['article.create', 'article.transition'] });
    const [header, ...records] = parseCsv(csv.slice(1));
    expect(header).toEqual([
      'Thời gian (giờ Việt Nam)',
      'Người thực hiện',
      'Hoạt động',
      'Bài viết',
      'Diễn giải',
      'Chi tiết (dữ liệu gốc)',
    ]);
    expect(records).toHaveLength(rows);
    const stored = (await ok(core, 'audit.list', { actions: ['article.create'] })).items[0];
    const created = records[0] as string[];
    expect(created).toHaveLength(6);
    expect(created[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(created[0]).toBe(
      new Date(new Date(stored?.at ?? '').getTime() + 7 * 3_600_000)
        .toISOString()
        .replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2}).*$/, '$3/$2/$1 $4'),
    );
    expect(created[1]).toBe('Lê Minh Tâm (tam.le)');
    expect(created[2]).toBe('Tạo bài');
    const storedTitle = stored?.targetName ?? '';
    expect(storedTitle).toContain('"quý 3"');
    expect(storedTitle).toContain(',');
    expect(storedTitle).toContain('\n');
    expect(created[3]).toBe(storedTitle);
    expect(created[4]).toBe(`Lê Minh Tâm tạo bài «${storedTitle}».`);
    expect(JSON.parse(created[5] as string)).toEqual(JSON.parse(stored?.details ?? ''));
    expect(records[1]?.[4]).toBe(`Lê Minh Tâm gửi duyệt bài «${storedTitle}».`);
    // The administrator who exported is named too (in the entry the export writes).
    const exported = (await ok(core, 'audit.list', { actions: ['audit.export'] })).items[0];
    expect(exported?.actorName).toBe(TEST_ADMIN.displayName);
  });
});
