/**
 * The audit log read as sentences: one table of every action the core records (its group for the filter, its label,
 * who did it when no person did, and the sentence that tells it), used by the screen, the filter and the CSV export,
 * in Vietnamese or English from shared/i18n. Times inside a sentence are Vietnam time (shared/text/dateline.ts).
 */
import type { ArticleStatus } from '../contract/articles';
import type { Role } from '../contract/auth';
import type { TransitionAction } from '../contract/workflow';
import { translate, type CatalogKey } from '../i18n/catalog';
import type { Language, MessageParams } from '../i18n/format';
import { displayDateTime } from '../text/dateline';
import { ACTION_NAMES, ROLE_NAMES, STATUS_NAMES } from '../workflow/labels';

/** An entry of the log with the names the core joined to it (the person's display name, the target's title). */
export interface AuditView {
  at: string;
  userId: number | null;
  username: string | null;
  /** The display name of the person (by id, or by username for an entry written into a restored database). */
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: number | null;
  /** The target's present name: an article's title, a user's or category's or publishing target's name. */
  targetName: string | null;
  /** The raw details, JSON. */
  details: string;
}

export const AUDIT_GROUPS = [
  'article',
  'approval',
  'publish',
  'auth',
  'user',
  'settings',
  'quality',
  'backup',
  'access',
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

type Details = Record<string, unknown>;

/** What a sentence is built from: the entry's details, names already resolved, and the words of the language. */
interface Context {
  language: Language;
  details: Details;
  actor: string;
  /** The article's (or other target's) title at the time, else its present one, else its number. */
  title: string;
  /** Whether the entry is about an article. */
  article: boolean;
  say: (key: CatalogKey, params?: MessageParams) => string;
  /** A sentence with its notes in parentheses, the empty ones left out. */
  noted: (text: string, notes: (string | false | null | undefined)[]) => string;
}

interface ActionSpec {
  group: AuditGroup;
  label: CatalogKey;
  /** Who it was when no person did it: the publishing queue, or the system itself (first run, before sign-in). */
  by?: 'queue' | 'system';
  sentence: (c: Context) => string;
}

/** A detail as text: strings as they are, numbers and booleans written out, anything else as JSON. */
const text = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : value === undefined || value === null
        ? ''
        : JSON.stringify(value);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const record = (value: unknown): Details =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Details) : {};

function isStatus(value: unknown): value is ArticleStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(STATUS_NAMES, value);
}
function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLE_NAMES, value);
}
function isTransition(value: unknown): value is TransitionAction {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTION_NAMES, value);
}
const statusName = (value: unknown, language: Language) =>
  isStatus(value) ? STATUS_NAMES[value][language] : text(value);
const roleName = (value: unknown, language: Language) => (isRole(value) ? ROLE_NAMES[value][language] : text(value));
/** A time of the details in Vietnam time; what is not a time, as it is. */
const when = (value: unknown) => displayDateTime(text(value));

/** '(bước 2/3)' of a decision at a step of an approval chain, when it has one. */
function stepNote(c: Context): string | null {
  const { step, stepCount } = c.details;
  return typeof step === 'number' && typeof stepCount === 'number'
    ? c.say('audit.note.step', { step, count: stepCount })
    : null;
}

function transitionSentence(c: Context): string {
  const d = c.details;
  const signer = record(d.signer);
  const signed = typeof signer.subject === 'string' ? c.say('audit.note.signed', { signer: signer.subject }) : null;
  const reason = typeof d.reason === 'string' && d.reason ? c.say('audit.note.reason', { reason: d.reason }) : null;
  const at = typeof d.publishedAt === 'string' ? c.say('audit.note.at', { time: when(d.publishedAt) }) : null;
  const params = { actor: c.actor, title: c.title };
  switch (isTransition(d.action) ? d.action : null) {
    case 'submit':
      return c.noted(c.say('audit.sentence.transition.submit', params), []);
    case 'approve':
      return c.noted(c.say('audit.sentence.transition.approve', params), [stepNote(c), signed]);
    case 'return':
      return c.noted(c.say('audit.sentence.transition.return', params), [stepNote(c), reason]);
    case 'schedule':
      return c.noted(c.say('audit.sentence.transition.schedule', params), [at]);
    case 'publish':
      return c.noted(c.say('audit.sentence.transition.publish', params), []);
    case 'update':
      return c.noted(c.say('audit.sentence.transition.update', params), []);
    case 'unpublish':
      return c.noted(c.say('audit.sentence.transition.unpublish', params), [reason]);
    case 'reopen':
      return c.noted(c.say('audit.sentence.transition.reopen', params), [reason]);
    case 'withdraw':
      return c.noted(c.say('audit.sentence.transition.withdraw', params), []);
    default:
      return c.say('audit.sentence.transition.other', {
        ...params,
        from: statusName(d.from, c.language),
        to: statusName(d.to, c.language),
      });
  }
}

function signInFailedSentence(c: Context): string {
  const d = c.details;
  switch (d.reason) {
    case 'wrongPassword':
      return c.say('audit.sentence.signInFailed.wrongPassword', { actor: c.actor, failures: count(d.failures) });
    case 'disabled':
      return c.say('audit.sentence.signInFailed.disabled', { actor: c.actor });
    case 'locked':
      return c.say('audit.sentence.signInFailed.locked', { actor: c.actor, seconds: count(d.secondsLeft) });
    default:
      return c.say('audit.sentence.signInFailed.unknownUser', { actor: c.actor });
  }
}

/** A user's changes, each as a phrase: renamed from … to …, role from … to …, disabled, enabled again. */
function userChanges(c: Context): string {
  const changes = record(c.details.changes);
  const parts: string[] = [];
  const name = record(changes.displayName);
  if (name.to !== undefined)
    parts.push(c.say('audit.change.displayName', { from: text(name.from), to: text(name.to) }));
  const role = record(changes.role);
  if (role.to !== undefined)
    parts.push(
      c.say('audit.change.role', { from: roleName(role.from, c.language), to: roleName(role.to, c.language) }),
    );
  const disabled = record(changes.disabled);
  if (disabled.to !== undefined) parts.push(c.say(disabled.to ? 'audit.change.disabled' : 'audit.change.enabled'));
  return parts.join(', ');
}

const ACCESS_REASONS: Record<string, CatalogKey> = {
  role: 'audit.denied.role',
  notOwner: 'audit.denied.notOwner',
  status: 'audit.denied.status',
  notSelf: 'audit.denied.notSelf',
};

function deniedReason(c: Context): string {
  const reason = text(c.details.reason);
  const action = reason.startsWith('action:') ? reason.slice('action:'.length) : null;
  if (action !== null && isTransition(action))
    return c.say('audit.denied.action', { action: ACTION_NAMES[action][c.language] });
  const key = ACCESS_REASONS[reason];
  return key ? c.say(key, { role: roleName(c.details.role, c.language) }) : reason;
}

function jobSentence(c: Context, outcome: 'succeeded' | 'failed'): string {
  const d = c.details;
  const kind = text(d.kind);
  const params = { actor: c.actor, title: c.title, target: text(d.target) };
  const attempts = count(d.attempts);
  if (outcome === 'failed') {
    return c.say('audit.sentence.publish.failed', {
      ...params,
      attempts,
      reason: text(d.reason) || text(d.code),
    });
  }
  const key: CatalogKey =
    kind === 'publish'
      ? 'audit.sentence.publish.succeeded.publish'
      : kind === 'update'
        ? 'audit.sentence.publish.succeeded.update'
        : kind === 'unpublish'
          ? 'audit.sentence.publish.succeeded.unpublish'
          : kind === 'rebuild'
            ? 'audit.sentence.publish.succeeded.rebuild'
            : 'audit.sentence.publish.succeeded.other';
  return c.noted(c.say(key, params), [
    attempts > 1 && c.say('audit.note.attempts', { attempts }),
    d.late === true && c.say('audit.note.late'),
    typeof d.url === 'string' && d.url,
  ]);
}

/** Sentences that need only who did it; who and which article; who and which named thing (category, target). */
const actorOnly =
  (key: CatalogKey) =>
  (c: Context): string =>
    c.say(key, { actor: c.actor });
const aboutTitle =
  (key: CatalogKey) =>
  (c: Context): string =>
    c.say(key, { actor: c.actor, title: c.title });
const aboutName =
  (key: CatalogKey) =>
  (c: Context): string =>
    c.say(key, { actor: c.actor, name: text(c.details.name) || c.title });

/**
 * Every action the core records (electron/core/store/audit.ts AUDIT_ACTIONS, checked key for key by
 * tests/shared/audit-sentences.test.ts), in the order the filter lists them within their group.
 */
export const AUDIT_ACTION_TABLE: Record<string, ActionSpec> = {
  'article.create': {
    group: 'article',
    label: 'audit.action.article.create',
    sentence: aboutTitle('audit.sentence.article.create'),
  },
  // Without a person: the queue publishing a scheduled article at its time.
  'article.transition': {
    group: 'article',
    label: 'audit.action.article.transition',
    by: 'queue',
    sentence: transitionSentence,
  },
  'article.restoreRevision': {
    group: 'article',
    label: 'audit.action.article.restoreRevision',
    sentence: (c) =>
      c.say('audit.sentence.article.restoreRevision', {
        actor: c.actor,
        title: c.title,
        restored: count(c.details.restoredVersion),
        version: count(c.details.version),
      }),
  },
  'article.trash': {
    group: 'article',
    label: 'audit.action.article.trash',
    sentence: aboutTitle('audit.sentence.article.trash'),
  },
  'article.restore': {
    group: 'article',
    label: 'audit.action.article.restore',
    sentence: aboutTitle('audit.sentence.article.restore'),
  },
  'article.purge': {
    group: 'article',
    label: 'audit.action.article.purge',
    sentence: aboutTitle('audit.sentence.article.purge'),
  },
  'approval.sentBack': {
    group: 'approval',
    label: 'audit.action.approval.sentBack',
    sentence: (c) =>
      c.say('audit.sentence.approval.sentBack', { actor: c.actor, title: c.title, step: count(c.details.step) }),
  },
  'approval.chainSet': {
    group: 'approval',
    label: 'audit.action.approval.chainSet',
    sentence: (c) => {
      const steps = Array.isArray(c.details.steps) ? c.details.steps.length : 0;
      return steps === 0
        ? c.say('audit.sentence.approval.chainReset', { actor: c.actor, category: c.title })
        : c.say('audit.sentence.approval.chainSet', { actor: c.actor, category: c.title, count: steps });
    },
  },
  'signing.moduleSet': {
    group: 'approval',
    label: 'audit.action.signing.moduleSet',
    sentence: (c) => c.say('audit.sentence.signing.moduleSet', { actor: c.actor, path: text(c.details.path) }),
  },
  'signing.trustAdded': {
    group: 'approval',
    label: 'audit.action.signing.trustAdded',
    sentence: (c) =>
      c.say(c.details.kind === 'crl' ? 'audit.sentence.signing.crlAdded' : 'audit.sentence.signing.caAdded', {
        actor: c.actor,
        name: text(c.details.name),
      }),
  },
  'signing.trustRemoved': {
    group: 'approval',
    label: 'audit.action.signing.trustRemoved',
    sentence: aboutName('audit.sentence.signing.trustRemoved'),
  },
  'signing.keyImported': {
    group: 'approval',
    label: 'audit.action.signing.keyImported',
    sentence: (c) =>
      c.say('audit.sentence.signing.keyImported', {
        actor: c.actor,
        subject: text(c.details.subject),
        issuer: text(c.details.issuer),
      }),
  },
  'quality.override': {
    group: 'approval',
    label: 'audit.action.quality.override',
    sentence: (c) =>
      c.say('audit.sentence.quality.override', {
        actor: c.actor,
        title: c.title,
        action: isTransition(c.details.action) ? ACTION_NAMES[c.details.action][c.language] : text(c.details.action),
        warnings: count(c.details.warnings),
        reason: text(c.details.reason),
      }),
  },
  'publish.succeeded': {
    group: 'publish',
    label: 'audit.action.publish.succeeded',
    by: 'queue',
    sentence: (c) => jobSentence(c, 'succeeded'),
  },
  'publish.failed': {
    group: 'publish',
    label: 'audit.action.publish.failed',
    by: 'queue',
    sentence: (c) => jobSentence(c, 'failed'),
  },
  'publish.resumed': {
    group: 'publish',
    label: 'audit.action.publish.resumed',
    by: 'queue',
    sentence: (c) => c.say('audit.sentence.publish.resumed', { actor: c.actor, jobs: count(c.details.jobs) }),
  },
  'publish.retry': {
    group: 'publish',
    label: 'audit.action.publish.retry',
    sentence: aboutTitle('audit.sentence.publish.retry'),
  },
  'publish.cancel': {
    group: 'publish',
    label: 'audit.action.publish.cancel',
    sentence: aboutTitle('audit.sentence.publish.cancel'),
  },
  'target.create': {
    group: 'publish',
    label: 'audit.action.target.create',
    sentence: (c) =>
      c.noted(c.say('audit.sentence.target.create', { actor: c.actor, name: text(c.details.name) || c.title }), [
        count(c.details.queued) > 0 && c.say('audit.note.queued', { count: count(c.details.queued) }),
      ]),
  },
  'target.update': {
    group: 'publish',
    label: 'audit.action.target.update',
    sentence: aboutName('audit.sentence.target.update'),
  },
  'target.delete': {
    group: 'publish',
    label: 'audit.action.target.delete',
    sentence: aboutName('audit.sentence.target.delete'),
  },
  'target.rebuild': {
    group: 'publish',
    label: 'audit.action.target.rebuild',
    sentence: aboutName('audit.sentence.target.rebuild'),
  },
  'sync.received': {
    group: 'publish',
    label: 'audit.action.sync.received',
    by: 'queue',
    sentence: (c) =>
      c.say('audit.sentence.sync.received', {
        actor: c.actor,
        title: c.title,
        target: text(c.details.target),
        by: text(c.details.by),
      }),
  },
  'sync.status': {
    group: 'publish',
    label: 'audit.action.sync.status',
    by: 'queue',
    sentence: (c) =>
      c.say('audit.sentence.sync.status', {
        actor: c.actor,
        title: c.title,
        target: text(c.details.target),
        from: statusName(c.details.from, c.language),
        to: statusName(c.details.to, c.language),
      }),
  },
  'auth.setupFirstAdmin': {
    group: 'auth',
    label: 'audit.action.auth.setupFirstAdmin',
    sentence: actorOnly('audit.sentence.auth.setupFirstAdmin'),
  },
  'auth.signIn': {
    group: 'auth',
    label: 'audit.action.auth.signIn',
    sentence: actorOnly('audit.sentence.auth.signIn'),
  },
  'auth.signInFailed': { group: 'auth', label: 'audit.action.auth.signInFailed', sentence: signInFailedSentence },
  'auth.locked': {
    group: 'auth',
    label: 'audit.action.auth.locked',
    sentence: (c) =>
      c.say('audit.sentence.auth.locked', {
        actor: c.actor,
        failures: count(c.details.failures),
        seconds: count(c.details.seconds),
        until: when(c.details.until),
      }),
  },
  'auth.signOut': {
    group: 'auth',
    label: 'audit.action.auth.signOut',
    sentence: actorOnly('audit.sentence.auth.signOut'),
  },
  'auth.sessionExpired': {
    group: 'auth',
    label: 'audit.action.auth.sessionExpired',
    sentence: (c) =>
      c.say(
        c.details.reason === 'disabled'
          ? 'audit.sentence.auth.sessionEndedDisabled'
          : 'audit.sentence.auth.sessionExpired',
        { actor: c.actor },
      ),
  },
  'auth.sessionInvalid': {
    group: 'auth',
    label: 'audit.action.auth.sessionInvalid',
    by: 'system',
    sentence: (c) => c.say('audit.sentence.auth.sessionInvalid', { channel: text(c.details.channel) }),
  },
  'user.create': {
    group: 'user',
    label: 'audit.action.user.create',
    sentence: (c) =>
      c.say('audit.sentence.user.create', {
        actor: c.actor,
        name: text(c.details.displayName) || c.title,
        username: text(c.details.username),
        role: roleName(c.details.role, c.language),
      }),
  },
  'user.update': {
    group: 'user',
    label: 'audit.action.user.update',
    sentence: (c) =>
      c.say('audit.sentence.user.update', { actor: c.actor, name: c.title, changes: userChanges(c) || '…' }),
  },
  'user.resetPassword': {
    group: 'user',
    label: 'audit.action.user.resetPassword',
    sentence: (c) =>
      c.details.self === true
        ? c.say('audit.sentence.user.changeOwnPassword', { actor: c.actor })
        : c.say('audit.sentence.user.resetPassword', { actor: c.actor, name: c.title }),
  },
  'settings.update': {
    group: 'settings',
    label: 'audit.action.settings.update',
    by: 'system',
    sentence: (c) => {
      const language = record(record(c.details.changes).language);
      const name = (value: unknown) =>
        value === 'en' ? c.say('audit.language.en') : value === 'vi' ? c.say('audit.language.vi') : text(value);
      return c.say('audit.sentence.settings.language', {
        actor: c.actor,
        from: name(language.from),
        to: name(language.to),
      });
    },
  },
  'portal.update': {
    group: 'settings',
    label: 'audit.action.portal.update',
    sentence: (c) => c.say('audit.sentence.portal.update', { actor: c.actor, name: text(c.details.name) }),
  },
  'category.create': {
    group: 'settings',
    label: 'audit.action.category.create',
    sentence: aboutName('audit.sentence.category.create'),
  },
  'category.update': {
    group: 'settings',
    label: 'audit.action.category.update',
    sentence: aboutName('audit.sentence.category.update'),
  },
  'category.delete': {
    group: 'settings',
    label: 'audit.action.category.delete',
    sentence: aboutName('audit.sentence.category.delete'),
  },
  'profile.applied': {
    group: 'settings',
    label: 'audit.action.profile.applied',
    by: 'system',
    sentence: (c) =>
      c.say('audit.sentence.profile.applied', {
        actor: c.actor,
        portal: text(c.details.portal),
        categories: count(c.details.categories),
        targets: count(c.details.targets),
      }),
  },
  'profile.export': {
    group: 'settings',
    label: 'audit.action.profile.export',
    sentence: (c) => c.say('audit.sentence.profile.export', { actor: c.actor, portal: text(c.details.portal) }),
  },
  'profile.update': {
    group: 'settings',
    label: 'audit.action.profile.update',
    sentence: actorOnly('audit.sentence.profile.update'),
  },
  'setup.loadDemo': {
    group: 'settings',
    label: 'audit.action.setup.loadDemo',
    sentence: actorOnly('audit.sentence.setup.loadDemo'),
  },
  'setup.declineDemo': {
    group: 'settings',
    label: 'audit.action.setup.declineDemo',
    sentence: actorOnly('audit.sentence.setup.declineDemo'),
  },
  'quality.updateSettings': {
    group: 'quality',
    label: 'audit.action.quality.updateSettings',
    sentence: actorOnly('audit.sentence.quality.updateSettings'),
  },
  'quality.addWord': {
    group: 'quality',
    label: 'audit.action.quality.addWord',
    sentence: (c) => c.say('audit.sentence.quality.addWord', { actor: c.actor, word: text(c.details.word) }),
  },
  'backup.create': {
    group: 'backup',
    label: 'audit.action.backup.create',
    sentence: (c) =>
      c.say('audit.sentence.backup.create', {
        actor: c.actor,
        file: text(c.details.file),
        articles: count(c.details.articles),
        media: count(c.details.mediaFiles),
      }),
  },
  'backup.restore': {
    group: 'backup',
    label: 'audit.action.backup.restore',
    sentence: (c) =>
      c.say('audit.sentence.backup.restore', {
        actor: c.actor,
        file: text(c.details.file),
        created: when(c.details.createdAt),
        articles: count(c.details.articles),
      }),
  },
  'audit.export': {
    group: 'backup',
    label: 'audit.action.audit.export',
    sentence: (c) => c.say('audit.sentence.audit.export', { actor: c.actor, rows: count(c.details.rows) }),
  },
  'access.denied': {
    group: 'access',
    label: 'audit.action.access.denied',
    sentence: (c) => {
      // Entries since the core records what the channel does say it in words; older ones name the channel.
      const what = text(record(c.details.what)[c.language]);
      if (what)
        return c.say(c.article ? 'audit.sentence.access.mayNotArticle' : 'audit.sentence.access.mayNot', {
          actor: c.actor,
          what,
          title: c.title,
          reason: deniedReason(c),
        });
      return c.say(c.article ? 'audit.sentence.access.deniedArticle' : 'audit.sentence.access.denied', {
        actor: c.actor,
        title: c.title,
        channel: text(c.details.channel),
        reason: deniedReason(c),
      });
    },
  },
  'access.forgedField': {
    group: 'access',
    label: 'audit.action.access.forgedField',
    sentence: (c) =>
      c.say('audit.sentence.access.forgedField', {
        actor: c.actor,
        channel: text(c.details.channel),
        fields: Array.isArray(c.details.fields) ? c.details.fields.map(text).join(', ') : '',
      }),
  },
};

const GROUP_LABELS: Record<AuditGroup, CatalogKey> = {
  article: 'audit.group.article',
  approval: 'audit.group.approval',
  publish: 'audit.group.publish',
  auth: 'audit.group.auth',
  user: 'audit.group.user',
  settings: 'audit.group.settings',
  quality: 'audit.group.quality',
  backup: 'audit.group.backup',
  access: 'audit.group.access',
};

export function auditGroupLabel(group: AuditGroup, language: Language): string {
  return translate(language, GROUP_LABELS[group]);
}

/** The actions of a group, in the table's order (the filter's options). */
export function auditActionsOf(group: AuditGroup): string[] {
  return Object.keys(AUDIT_ACTION_TABLE).filter((action) => AUDIT_ACTION_TABLE[action]?.group === group);
}

export function auditActionLabel(action: string, language: Language): string {
  const spec = AUDIT_ACTION_TABLE[action];
  return spec ? translate(language, spec.label) : action;
}

/** The action of one entry: a status change by its own name ('Duyệt', 'Approve'), any other by its label. */
export function auditEntryLabel(entry: Pick<AuditView, 'action' | 'details'>, language: Language): string {
  if (entry.action === 'article.transition') {
    const action = parseDetails(entry.details).action;
    if (isTransition(action)) {
      const name = ACTION_NAMES[action][language];
      return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
    }
  }
  return auditActionLabel(entry.action, language);
}

function parseDetails(details: string): Details {
  try {
    return record(JSON.parse(details));
  } catch {
    return {};
  }
}

/** Who did it, by name: the person, or the queue or the system for what no person did. Never "unknown". */
export function auditActor(entry: AuditView, language: Language): string {
  if (entry.actorName) return entry.actorName;
  if (entry.username) return entry.username;
  const by = AUDIT_ACTION_TABLE[entry.action]?.by;
  return translate(language, by === 'queue' ? 'audit.actor.queue' : 'audit.actor.system');
}

/** The person column: the name with the username beside it when both are known ('Lê Minh Tâm (tam.le)'). */
export function auditPerson(entry: AuditView, language: Language): string {
  const actor = auditActor(entry, language);
  return entry.actorName && entry.username && entry.username !== entry.actorName
    ? `${actor} (${entry.username})`
    : actor;
}

/** The title the entry speaks of: as it was then (details.title), else the target's present name, else its number. */
export function auditTargetTitle(entry: AuditView, details: Details = parseDetails(entry.details)): string {
  if (typeof details.title === 'string' && details.title) return details.title;
  if (entry.targetName) return entry.targetName;
  return entry.targetId !== null ? `#${entry.targetId}` : '';
}

/** The entry as one sentence in the language, ending with a full stop. */
export function auditSentence(entry: AuditView, language: Language): string {
  const details = parseDetails(entry.details);
  const say = (key: CatalogKey, params?: MessageParams) => translate(language, key, params);
  const context: Context = {
    language,
    details,
    actor: auditActor(entry, language),
    title: auditTargetTitle(entry, details),
    article: entry.targetType === 'article',
    say,
    noted: (sentence, notes) => {
      const kept = notes.filter((note): note is string => typeof note === 'string' && note !== '');
      return kept.length > 0 ? `${sentence} (${kept.join(', ')})` : sentence;
    },
  };
  const spec = AUDIT_ACTION_TABLE[entry.action];
  const sentence = spec
    ? spec.sentence(context)
    : say('audit.sentence.unknown', { actor: context.actor, action: entry.action });
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The entry's time for people: Vietnam time with seconds. */
export function auditTime(entry: Pick<AuditView, 'at'>): string {
  return displayDateTime(entry.at, true);
}
