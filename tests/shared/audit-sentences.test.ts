import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditAction } from '../../electron/core/store/audit';
import {
  AUDIT_ACTION_TABLE,
  AUDIT_GROUPS,
  auditActionLabel,
  auditActionsOf,
  auditPerson,
  auditSentence,
  auditTime,
  type AuditView,
} from '../../shared/audit/sentences';
import type { Language } from '../../shared/i18n/format';

const PERSON = { userId: 7, username: 'tam.le', actorName: 'Lê Minh Tâm' };
const ARTICLE = { targetType: 'article', targetId: 42, targetName: 'Tiêu đề hiện nay' };
const TITLE = 'Hội nghị sơ kết 6 tháng';

/** An entry to build a sentence of: details as an object (the log keeps them as JSON). */
type Sample = Partial<Omit<AuditView, 'details'>> & { details: Record<string, unknown> };

/** A typical entry of each action the core records, as its call site writes it. */
const SAMPLES: Record<AuditAction, Sample> = {
  'auth.setupFirstAdmin': { details: { username: 'tam.le', displayName: 'Lê Minh Tâm', role: 'admin' } },
  'auth.signIn': { details: {} },
  'auth.signInFailed': { details: { reason: 'wrongPassword', failures: 2 } },
  'auth.locked': { details: { failures: 5, seconds: 30, until: '2030-03-23T01:05:37.000Z' } },
  'auth.signOut': { details: {} },
  'auth.sessionExpired': { details: { reason: 'expired' } },
  'auth.sessionInvalid': { userId: null, username: null, actorName: null, details: { channel: 'articles.list' } },
  'access.denied': {
    ...ARTICLE,
    details: {
      channel: 'articles.update',
      what: { vi: 'sửa bài viết', en: 'edit articles' },
      role: 'writer',
      reason: 'notOwner',
    },
  },
  'access.forgedField': { details: { channel: 'articles.create', fields: ['ownerId'] } },
  'user.create': {
    targetType: 'user',
    targetId: 9,
    targetName: 'Trần Thị Hoa',
    details: { username: 'hoa.tran', displayName: 'Trần Thị Hoa', role: 'writer' },
  },
  'user.update': {
    targetType: 'user',
    targetId: 9,
    targetName: 'Trần Thị Hoa',
    details: { username: 'hoa.tran', changes: { disabled: { from: false, to: true } }, endedSessions: 1 },
  },
  'user.resetPassword': {
    targetType: 'user',
    targetId: 9,
    targetName: 'Trần Thị Hoa',
    details: { username: 'hoa.tran', self: false, endedSessions: 0 },
  },
  'article.create': { ...ARTICLE, details: { title: TITLE } },
  'article.transition': {
    ...ARTICLE,
    details: { action: 'submit', from: 'draft', to: 'pending_review', version: 3, title: TITLE },
  },
  'approval.sentBack': { ...ARTICLE, details: { step: 2, version: 9, title: TITLE } },
  'approval.chainSet': {
    targetType: 'category',
    targetId: 3,
    targetName: 'Tin hoạt động',
    details: { steps: [{ role: 'editor' }, { role: 'leader' }] },
  },
  'signing.moduleSet': { details: { path: '/usr/lib/softhsm/libsofthsm2.so' } },
  'signing.trustAdded': { details: { kind: 'ca', name: 'CA Chính phủ', about: 'CN=CA' } },
  'signing.trustRemoved': { details: { id: 4, name: 'CA Chính phủ' } },
  'signing.keyImported': { details: { subject: 'Lê Minh Tâm', issuer: 'CA Chính phủ' } },
  'article.restoreRevision': { ...ARTICLE, details: { restoredVersion: 4, version: 12, title: TITLE } },
  'article.trash': { ...ARTICLE, details: { title: TITLE } },
  'article.restore': { ...ARTICLE, details: { title: TITLE } },
  'article.purge': { ...ARTICLE, targetName: null, details: { title: TITLE } },
  'category.create': { targetType: 'category', targetId: 3, targetName: 'Tin', details: { name: 'Tin', slug: 'tin' } },
  'category.update': { targetType: 'category', targetId: 3, targetName: 'Tin', details: { name: 'Tin', changes: {} } },
  'category.delete': { targetType: 'category', targetId: 3, targetName: null, details: { name: 'Tin' } },
  'settings.update': { details: { changes: { language: { from: 'vi', to: 'en' } } } },
  'portal.update': { details: { changed: ['name'], name: 'Cổng thông tin thị xã Giá Rai' } },
  'setup.loadDemo': { ...ARTICLE, details: { articleId: 42 } },
  'setup.declineDemo': { details: {} },
  'audit.export': { details: { filter: {}, rows: 12 } },
  'target.create': {
    targetType: 'target',
    targetId: 2,
    targetName: 'Cổng chính',
    details: { name: 'Cổng chính', kind: 'static-site', config: {}, queued: 3 },
  },
  'target.update': { targetType: 'target', targetId: 2, targetName: 'Cổng chính', details: { name: 'Cổng chính' } },
  'target.delete': { targetType: 'target', targetId: 2, targetName: null, details: { name: 'Cổng chính' } },
  'target.rebuild': { targetType: 'target', targetId: 2, targetName: 'Cổng chính', details: { name: 'Cổng chính' } },
  'publish.succeeded': {
    userId: null,
    username: null,
    actorName: null,
    ...ARTICLE,
    details: { job: 5, kind: 'publish', target: 'Cổng chính', attempts: 1, url: 'https://giarai.gov.vn/tin/a.html' },
  },
  'publish.failed': {
    userId: null,
    username: null,
    actorName: null,
    ...ARTICLE,
    details: { job: 5, kind: 'publish', target: 'Cổng chính', attempts: 3, code: 'TARGET', reason: 'HTTP 500' },
  },
  'publish.resumed': { userId: null, username: null, actorName: null, details: { jobs: 2 } },
  'publish.retry': { ...ARTICLE, details: { job: 5 } },
  'publish.cancel': { ...ARTICLE, details: { job: 5 } },
  'sync.received': {
    userId: null,
    username: null,
    actorName: null,
    ...ARTICLE,
    details: { target: 'WordPress tỉnh', post: 81, title: TITLE, by: 'Nguyễn Văn B' },
  },
  'sync.status': {
    userId: null,
    username: null,
    actorName: null,
    ...ARTICLE,
    details: { target: 'WordPress tỉnh', post: 81, from: 'pending_review', to: 'returned', title: TITLE },
  },
  'profile.applied': {
    userId: null,
    username: null,
    actorName: null,
    details: { source: 'installer', portal: 'Giá Rai', categories: 5, targets: 1 },
  },
  'profile.export': { details: { portal: 'Giá Rai', categories: 5, targets: 1 } },
  'profile.update': { details: { changed: ['logo'] } },
  'quality.override': {
    ...ARTICLE,
    details: { action: 'approve', reason: 'Tin khẩn', warnings: 2, rules: ['spelling'] },
  },
  'quality.updateSettings': { details: { changed: ['toneStyle'] } },
  'quality.addWord': { details: { word: 'Giá Rai' } },
  'backup.create': { details: { file: 'toasoan-2030-03-23.tar', bytes: 1000, articles: 12, mediaFiles: 3 } },
  'backup.restore': {
    userId: null,
    actorName: 'Lê Minh Tâm',
    details: { file: 'toasoan-2030-03-23.tar', createdAt: '2030-03-22T17:30:00.000Z', articles: 12, mediaFiles: 3 },
  },
};

function entry(sample: Sample, action: string): AuditView {
  return {
    at: '2030-03-23T01:05:07.000Z',
    ...PERSON,
    targetType: null,
    targetId: null,
    targetName: null,
    ...sample,
    action,
    details: JSON.stringify(sample.details),
  };
}

const LANGUAGES: Language[] = ['vi', 'en'];

describe('the audit log as sentences', () => {
  it('has a sentence, a label and a group for every action the core records, and no other', () => {
    expect(Object.keys(AUDIT_ACTION_TABLE).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    // The filter offers every action once, under its group.
    expect(AUDIT_GROUPS.flatMap(auditActionsOf).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
  });

  for (const action of Object.keys(SAMPLES) as AuditAction[]) {
    it(`tells ${action} in both languages with names, not ids`, () => {
      const view = entry(SAMPLES[action], action);
      for (const language of LANGUAGES) {
        const sentence = auditSentence(view, language);
        expect(sentence, `${action} ${language}`).toMatch(/[.!?…]$/);
        expect(sentence).not.toMatch(/[{}]|undefined|null|NaN|\[object/);
        expect(sentence).not.toMatch(/Không rõ|Unknown/i);
        expect(sentence).not.toMatch(/#\d/);
        const who = view.actorName ?? (AUDIT_ACTION_TABLE[action]?.by === 'queue' ? /Hàng đợi|queue/i : null);
        if (typeof who === 'string') expect(sentence).toContain(who);
        else if (who) expect(sentence).toMatch(who);
        if (view.targetType === 'article' && action !== 'setup.loadDemo')
          expect(sentence).toContain(language === 'vi' ? '«' : '“');
        expect(auditActionLabel(action, language)).not.toBe(action);
      }
    });
  }

  it('says who approved which article at which step, and whose signature it carries', () => {
    const approved = entry(
      {
        ...ARTICLE,
        details: {
          action: 'approve',
          from: 'pending_review',
          to: 'approved',
          version: 8,
          title: TITLE,
          step: 2,
          stepCount: 2,
          signer: { subject: 'Lê Minh Tâm', issuer: 'CA Chính phủ', serial: '01' },
        },
      },
      'article.transition',
    );
    expect(auditSentence(approved, 'vi')).toBe(
      `Lê Minh Tâm duyệt bài «${TITLE}» (bước 2/2, có chữ ký số của Lê Minh Tâm).`,
    );
    expect(auditSentence(approved, 'en')).toBe(
      `Lê Minh Tâm approved “${TITLE}” (step 2/2, digitally signed by Lê Minh Tâm).`,
    );
    const returned = entry(
      { ...ARTICLE, details: { action: 'return', title: TITLE, step: 1, stepCount: 3, reason: 'Thiếu nguồn' } },
      'article.transition',
    );
    expect(auditSentence(returned, 'vi')).toBe(`Lê Minh Tâm trả lại bài «${TITLE}» (bước 1/3, lý do: «Thiếu nguồn»).`);
  });

  it('writes times in Vietnam time: the entry, a scheduled publication, a lock', () => {
    const scheduled = entry(
      { ...ARTICLE, details: { action: 'schedule', title: TITLE, publishedAt: '2030-03-23T17:30:00.000Z' } },
      'article.transition',
    );
    // 17:30 UTC is 00:30 the next day in Vietnam.
    expect(auditSentence(scheduled, 'vi')).toBe(`Lê Minh Tâm hẹn giờ đăng bài «${TITLE}» (lúc 24/03/2030 00:30).`);
    expect(auditTime(scheduled)).toBe('23/03/2030 08:05:07');
    expect(auditSentence(entry(SAMPLES['auth.locked'], 'auth.locked'), 'en')).toBe(
      'Lê Minh Tâm was locked out for 30 seconds after 5 failed sign-ins (until 23/03/2030 08:05).',
    );
  });

  it('names the queue and the system for what no person did, never "unknown"', () => {
    const byQueue = entry(
      {
        userId: null,
        username: null,
        actorName: null,
        ...ARTICLE,
        details: { action: 'publish', from: 'scheduled', to: 'published', title: TITLE },
      },
      'article.transition',
    );
    expect(auditSentence(byQueue, 'vi')).toBe(`Hàng đợi xuất bản đăng bài «${TITLE}».`);
    expect(auditPerson(byQueue, 'en')).toBe('Publishing queue');
    const applied = entry(SAMPLES['profile.applied'], 'profile.applied');
    expect(auditPerson(applied, 'vi')).toBe('Hệ thống');
    expect(auditSentence(entry(SAMPLES['publish.succeeded'], 'publish.succeeded'), 'vi')).toBe(
      'Hàng đợi xuất bản đã đưa bài «Tiêu đề hiện nay» lên «Cổng chính» (https://giarai.gov.vn/tin/a.html).',
    );
    // A person is shown by name with their username beside it.
    expect(auditPerson(entry({ details: {} }, 'auth.signIn'), 'vi')).toBe('Lê Minh Tâm (tam.le)');
  });

  it('uses the title the article had then, else its present one', () => {
    const renamed = entry({ ...ARTICLE, details: { job: 5 } }, 'publish.retry');
    expect(auditSentence(renamed, 'vi')).toBe('Lê Minh Tâm cho chạy lại việc xuất bản bài «Tiêu đề hiện nay».');
    expect(auditSentence(entry(SAMPLES['article.purge'], 'article.purge'), 'en')).toBe(
      `Lê Minh Tâm deleted “${TITLE}” for good.`,
    );
  });

  it('says what a refused call would have done, in words; an entry from before names the channel', () => {
    const refused = entry(SAMPLES['access.denied'], 'access.denied');
    expect(auditSentence(refused, 'vi')).toBe(
      'Lê Minh Tâm bị từ chối khi định sửa bài viết (bài «Tiêu đề hiện nay»): không phải bài của mình.',
    );
    expect(auditSentence(refused, 'en')).toBe(
      'Lê Minh Tâm was refused: may not edit articles (“Tiêu đề hiện nay”): not their article.',
    );
    const older = entry({ details: { channel: 'users.create', role: 'editor', reason: 'role' } }, 'access.denied');
    expect(auditSentence(older, 'vi')).toBe(
      'Lê Minh Tâm bị từ chối khi gọi users.create: vai trò Biên tập viên không được làm việc này.',
    );
  });

  it('speaks English plurals', () => {
    const one = entry({ details: { filter: {}, rows: 1 } }, 'audit.export');
    expect(auditSentence(one, 'en')).toBe('Lê Minh Tâm exported 1 entry of the audit log as CSV.');
    expect(auditSentence(entry(SAMPLES['audit.export'], 'audit.export'), 'en')).toContain('12 entries');
  });
});
