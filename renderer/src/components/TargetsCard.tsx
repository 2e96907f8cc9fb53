import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract/contract-error';
import {
  OPEN_JOB_STATES,
  TARGET_KINDS,
  type PublishJob,
  type PublishTargetInfo,
  type TargetConfig,
  type TargetKind,
} from '../../../shared/contract/publishing';
import { call } from '../api/client';
import { usePolling } from '../hooks/usePolling';
import { useI18n, type I18n } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { InlineError } from './InlineError';
import { POLL_MS, inLanguage, isOpen } from './JobParts';
import '../admin.css';
import '../publishing.css';

type Notify = (kind: 'info' | 'error', text: string) => void;
type Check = ChannelOutput<'targets.check'>;

/** The same rules as the contract's target settings, checked first so the message is in plain words. */
const ABSOLUTE_FOLDER = /^(\/|[A-Za-z]:[\\/])/;
const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

type UnpublishAs = 'draft' | 'private';

interface Draft {
  kind: TargetKind;
  name: string;
  folder: string;
  baseUrl: string;
  endpoint: string;
  /** http-json: the portal holds scheduled articles back itself. */
  serverSchedule: boolean;
  siteUrl: string;
  username: string;
  unpublishAs: UnpublishAs;
  /** wordpress: submissions go up as pending posts, decisions come down. */
  collaborate: boolean;
  /** Seconds, as typed. */
  timeout: string;
  secret: string;
  clearSecret: boolean;
  enabled: boolean;
  publishExisting: boolean;
}
type Field = 'name' | 'folder' | 'baseUrl' | 'endpoint' | 'siteUrl' | 'username' | 'timeout' | 'secret';
type Problems = Partial<Record<Field, string>>;

/** Where a core issue's path points among the form's fields. */
const ISSUE_FIELD: Record<string, Field> = {
  name: 'name',
  'config.folder': 'folder',
  'config.baseUrl': 'baseUrl',
  'config.endpoint': 'endpoint',
  'config.siteUrl': 'siteUrl',
  'config.username': 'username',
  'config.timeoutMs': 'timeout',
  secret: 'secret',
};

const EMPTY_DRAFT: Draft = {
  kind: 'static-site',
  name: '',
  folder: '',
  baseUrl: '',
  endpoint: '',
  serverSchedule: false,
  siteUrl: '',
  username: '',
  unpublishAs: 'draft',
  collaborate: false,
  timeout: '',
  secret: '',
  clearSecret: false,
  enabled: true,
  publishExisting: false,
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function draftOf(target: PublishTargetInfo): Draft {
  const timeoutMs = target.config.timeoutMs;
  return {
    ...EMPTY_DRAFT,
    kind: target.kind,
    name: target.name,
    folder: text(target.config.folder),
    baseUrl: text(target.config.baseUrl),
    endpoint: text(target.config.endpoint),
    serverSchedule: target.config.serverSchedule === true,
    siteUrl: text(target.config.siteUrl),
    username: text(target.config.username),
    unpublishAs: target.config.unpublishAs === 'private' ? 'private' : 'draft',
    collaborate: target.config.collaborate === true,
    timeout: typeof timeoutMs === 'number' ? String(timeoutMs / 1000) : '',
    enabled: target.enabled,
  };
}

const timeoutOf = (draft: Draft) =>
  draft.timeout.trim() ? { timeoutMs: Math.round(Number(draft.timeout) * 1000) } : {};

/** Each kind's settings from the draft, as the contract takes them (absent rather than empty or off). */
const configsOf = {
  'static-site': (draft: Draft): TargetConfig<'static-site'> => ({
    folder: draft.folder.trim(),
    ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
  }),
  'http-json': (draft: Draft): TargetConfig<'http-json'> => ({
    endpoint: draft.endpoint.trim(),
    ...timeoutOf(draft),
    ...(draft.serverSchedule ? { serverSchedule: true } : {}),
  }),
  wordpress: (draft: Draft): TargetConfig<'wordpress'> => ({
    siteUrl: draft.siteUrl.trim(),
    username: draft.username.trim(),
    unpublishAs: draft.unpublishAs,
    ...(draft.collaborate ? { collaborate: true } : {}),
    ...timeoutOf(draft),
  }),
} satisfies { [K in TargetKind]: (draft: Draft) => TargetConfig<K> };

/** The input of targets.create for a draft: its kind with that kind's settings. */
function createInputOf(draft: Draft): ChannelInput<'targets.create'> {
  const common = {
    name: draft.name.trim(),
    enabled: draft.enabled,
    ...(draft.publishExisting ? { publishExisting: true } : {}),
    ...(draft.kind !== 'static-site' && draft.secret ? { secret: draft.secret } : {}),
  };
  switch (draft.kind) {
    case 'static-site':
      return { kind: 'static-site', ...common, config: configsOf['static-site'](draft) };
    case 'http-json':
      return { kind: 'http-json', ...common, config: configsOf['http-json'](draft) };
    case 'wordpress':
      return { kind: 'wordpress', ...common, config: configsOf.wordpress(draft) };
  }
}

/** Which words the secret goes by: a portal's token, or a WordPress account's application password. */
const secretWords = (kind: TargetKind) =>
  kind === 'wordpress'
    ? ({
        label: 'targets.appPassword',
        hint: 'targets.appPasswordHint',
        saved: 'targets.appPasswordSaved',
        has: 'targets.hasAppPassword',
      } as const)
    : ({
        label: 'targets.secret',
        hint: 'targets.secretHint',
        saved: 'targets.secretSaved',
        has: 'targets.hasSecret',
      } as const);

function validate(draft: Draft, target: PublishTargetInfo | null, t: I18n['t']): Problems {
  const found: Problems = {};
  if (draft.name.trim() === '') found.name = t('targets.nameRequired');
  if (draft.kind === 'static-site') {
    if (!ABSOLUTE_FOLDER.test(draft.folder.trim())) found.folder = t('targets.folderInvalid');
    if (draft.baseUrl.trim() && !WEB_ADDRESS.test(draft.baseUrl.trim())) found.baseUrl = t('targets.urlInvalid');
    return found;
  }
  if (draft.kind === 'http-json') {
    if (!WEB_ADDRESS.test(draft.endpoint.trim())) found.endpoint = t('targets.urlInvalid');
  } else {
    if (!WEB_ADDRESS.test(draft.siteUrl.trim())) found.siteUrl = t('targets.urlInvalid');
    if (draft.username.trim() === '') found.username = t('targets.usernameRequired');
    // Nothing on WordPress can be done without it: asked for at once, replaced (never just cleared) afterwards.
    if (!target && draft.secret === '') found.secret = t('targets.appPasswordRequired');
  }
  const seconds = Number(draft.timeout);
  if (draft.timeout.trim() && !(Number.isInteger(seconds) && seconds >= 1 && seconds <= 120))
    found.timeout = t('targets.timeoutInvalid');
  return found;
}

/** The core's VALIDATION issues by field (without the path the message starts with); the rest stay a general error. */
function issuesByField(failure: unknown, language: I18n['language']): { problems: Problems; rest: unknown } {
  if (!(failure instanceof ContractError) || failure.code !== 'VALIDATION' || !failure.issues?.length)
    return { problems: {}, rest: failure };
  const problems: Problems = {};
  let unplaced = false;
  for (const issue of failure.issues) {
    const field = ISSUE_FIELD[issue.path];
    if (!field) {
      unplaced = true;
      continue;
    }
    const message = inLanguage(issue, language).replace(`${issue.path}: `, '');
    problems[field] = problems[field] ? `${problems[field]}; ${message}` : message;
  }
  return { problems, rest: unplaced ? failure : null };
}

/** The add form (in the card) and the edit form (in a dialog): the fields of a target's kind. */
function TargetForm({
  target,
  onDone,
  onCancel,
}: {
  target: PublishTargetInfo | null;
  onDone: (saved: PublishTargetInfo) => void;
  onCancel?: () => void;
}) {
  const { t, language } = useI18n();
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(target ? draftOf(target) : EMPTY_DRAFT);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    // A field changed since it was refused no longer says it is wrong; the next submit looks at it again.
    setProblems((current) => {
      if (!(key in current)) return current;
      const rest = { ...current };
      delete rest[key as Field];
      return rest;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validate(draft, target, t);
    setProblems(found);
    setFailure(null);
    const focusFirst = () =>
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (Object.keys(found).length > 0) return focusFirst();
    setSaving(true);
    try {
      let saved: PublishTargetInfo;
      const name = draft.name.trim();
      if (target) {
        const secret = draft.secret ? { secret: draft.secret } : draft.clearSecret ? { secret: null } : {};
        saved = await call('targets.update', { id: target.id, name, config: configsOf[draft.kind](draft), ...secret });
      } else {
        saved = await call('targets.create', createInputOf(draft));
        setDraft({ ...EMPTY_DRAFT, kind: draft.kind });
      }
      setSaving(false);
      onDone(saved);
    } catch (error) {
      const { problems: fromCore, rest } = issuesByField(error, language);
      setProblems(fromCore);
      setFailure(rest);
      setSaving(false);
      if (Object.keys(fromCore).length > 0) focusFirst();
    }
  };

  const field = (
    key: Field,
    label: string,
    hint: string | null,
    input: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode,
  ) => {
    const id = `${ids}-${key}`;
    const problem = problems[key];
    const note = problem ? `${id}-problem` : hint ? `${id}-hint` : undefined;
    return (
      <div className="field">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {input({
          id,
          ...(problem ? { 'aria-invalid': true as const } : {}),
          ...(note ? { 'aria-describedby': note } : {}),
        })}
        {problem ? (
          <span className="field-error" id={`${id}-problem`}>
            {problem}
          </span>
        ) : hint ? (
          <span className="field-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </div>
    );
  };
  const textInput = (
    key: Exclude<
      keyof Draft,
      'kind' | 'unpublishAs' | 'serverSchedule' | 'collaborate' | 'clearSecret' | 'enabled' | 'publishExisting'
    >,
    extra: Record<string, unknown> = {},
  ) =>
    function render(props: { id: string }) {
      return (
        <input
          {...props}
          value={draft[key]}
          onChange={(event) => set(key, event.target.value)}
          spellCheck={false}
          autoComplete="off"
          {...extra}
        />
      );
    };

  /** A setting that is on or off, with a line saying what it does. */
  const check = (key: 'serverSchedule' | 'collaborate', label: string, hint: string) => (
    <div className="field">
      <label className="check-field">
        <input
          type="checkbox"
          checked={draft[key]}
          aria-describedby={`${ids}-${key}-hint`}
          onChange={(event) => set(key, event.target.checked)}
        />
        <span>{label}</span>
      </label>
      <span className="field-hint" id={`${ids}-${key}-hint`} style={{ paddingInlineStart: 31 }}>
        {hint}
      </span>
    </div>
  );
  const words = secretWords(draft.kind);

  return (
    <form ref={form} className="admin-form target-form" noValidate onSubmit={(event) => void submit(event)}>
      <div className="target-form-grid">
        {target ? null : (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-kind`}>
              {t('targets.kind')}
            </label>
            <select
              id={`${ids}-kind`}
              value={draft.kind}
              onChange={(event) => set('kind', event.target.value as TargetKind)}
            >
              {TARGET_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`targets.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {field(
          'name',
          t('targets.name'),
          null,
          textInput('name', { maxLength: 120, placeholder: t('targets.namePlaceholder'), spellCheck: true }),
        )}
        {draft.kind === 'static-site' ? (
          <>
            {field(
              'folder',
              t('targets.folder'),
              t('targets.folderHint'),
              textInput('folder', { maxLength: 500, placeholder: '/var/www/cong-thong-tin' }),
            )}
            {field(
              'baseUrl',
              t('targets.baseUrl'),
              t('targets.baseUrlHint'),
              textInput('baseUrl', { type: 'url', maxLength: 300, placeholder: 'https://giarai.baclieu.gov.vn/' }),
            )}
          </>
        ) : draft.kind === 'http-json' ? (
          field(
            'endpoint',
            t('targets.endpoint'),
            null,
            textInput('endpoint', { type: 'url', maxLength: 300, placeholder: 'https://cong.example.gov.vn/api' }),
          )
        ) : (
          <>
            {field(
              'siteUrl',
              t('targets.siteUrl'),
              t('targets.siteUrlHint'),
              textInput('siteUrl', { type: 'url', maxLength: 300, placeholder: 'https://giarai.baclieu.gov.vn/' }),
            )}
            {field(
              'username',
              t('targets.username'),
              t('targets.usernameHint'),
              textInput('username', { maxLength: 60, placeholder: 'phongvien' }),
            )}
          </>
        )}
        {draft.kind === 'static-site'
          ? null
          : field(
              'secret',
              t(words.label),
              target?.hasSecret && !draft.clearSecret ? t(words.saved) : t(words.hint),
              textInput('secret', {
                type: 'password',
                autoComplete: 'new-password',
                maxLength: 2000,
                disabled: draft.clearSecret,
              }),
            )}
        {draft.kind === 'wordpress' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-unpublishAs`}>
              {t('targets.unpublishAs')}
            </label>
            <select
              id={`${ids}-unpublishAs`}
              value={draft.unpublishAs}
              onChange={(event) => set('unpublishAs', event.target.value === 'private' ? 'private' : 'draft')}
            >
              <option value="draft">{t('targets.unpublishAs.draft')}</option>
              <option value="private">{t('targets.unpublishAs.private')}</option>
            </select>
          </div>
        ) : null}
        {draft.kind === 'static-site'
          ? null
          : field(
              'timeout',
              t('targets.timeout'),
              t('targets.timeoutHint'),
              textInput('timeout', { inputMode: 'numeric', maxLength: 3, placeholder: '30' }),
            )}
      </div>
      {draft.kind === 'http-json'
        ? check('serverSchedule', t('targets.serverSchedule'), t('targets.serverScheduleHint'))
        : null}
      {draft.kind === 'wordpress' ? check('collaborate', t('targets.collaborate'), t('targets.collaborateHint')) : null}
      {/* A WordPress target always has its application password: it is replaced, never just removed. */}
      {target?.hasSecret && draft.kind === 'http-json' ? (
        <label className="check-field">
          <input
            type="checkbox"
            checked={draft.clearSecret}
            onChange={(event) => set('clearSecret', event.target.checked)}
          />
          <span>{t('targets.secretClear')}</span>
        </label>
      ) : null}
      {target ? null : (
        <div className="target-form-checks">
          <label className="check-field">
            <input type="checkbox" checked={draft.enabled} onChange={(event) => set('enabled', event.target.checked)} />
            <span>{t('targets.enableNow')}</span>
          </label>
          <label className="check-field">
            <input
              type="checkbox"
              checked={draft.publishExisting}
              onChange={(event) => set('publishExisting', event.target.checked)}
            />
            <span>{t('targets.publishExisting')}</span>
          </label>
        </div>
      )}
      <InlineError error={failure} />
      <div className={target ? 'dialog-actions' : undefined}>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button button-primary" aria-busy={saving || undefined}>
          {target ? t('targets.save') : saving ? t('targets.adding') : t('targets.add')}
        </button>
      </div>
    </form>
  );
}

/** What a rebuild shows in its target's row: its progress while it runs, then how it ended. */
function RebuildState({ job, name }: { job: PublishJob; name: string }) {
  const { t, language } = useI18n();
  if (isOpen(job.state)) {
    const { done, total } = job.progress;
    return (
      <div className="target-rebuild" role="status">
        {job.state === 'running' && total > 0 ? (
          <>
            <progress value={Math.min(done, total)} max={total} aria-label={t('targets.rebuildProgress', { name })} />
            <span>{t('targets.rebuilding', { done, total })}</span>
          </>
        ) : (
          <span>{t('targets.rebuildQueued')}</span>
        )}
      </div>
    );
  }
  const failed = job.state === 'failed';
  return (
    <p className={failed ? 'target-outcome target-outcome-bad' : 'target-outcome target-outcome-ok'} role="status">
      {job.state === 'succeeded'
        ? t('targets.rebuildDone', { name })
        : failed
          ? t('targets.rebuildFailed', {
              name,
              message: job.lastError ? inLanguage(job.lastError, language) : t('job.state.failed'),
            })
          : t('targets.rebuildCancelled', { name })}
    </p>
  );
}

function TargetRow({
  target,
  rebuild,
  onChanged,
  onEdit,
  onDelete,
  onRebuild,
  notify,
}: {
  target: PublishTargetInfo;
  rebuild: PublishJob | undefined;
  onChanged: (target: PublishTargetInfo) => void;
  onEdit: () => void;
  onDelete: () => void;
  onRebuild: () => void;
  notify: Notify;
}) {
  const { t, language, errorText } = useI18n();
  const [check, setCheck] = useState<Check | 'checking' | null>(null);
  const [enabled, setEnabled] = useState(target.enabled);
  useEffect(() => setEnabled(target.enabled), [target.enabled]);
  const name = target.name;
  const where = text(
    target.kind === 'static-site'
      ? target.config.folder
      : target.kind === 'http-json'
        ? target.config.endpoint
        : target.config.siteUrl,
  );
  const username = target.kind === 'wordpress' ? text(target.config.username) : '';
  /** The settings that change how it works, in words. */
  const ways = [
    target.kind === 'http-json' && target.config.serverSchedule === true ? t('targets.serverSchedule') : null,
    target.kind === 'wordpress' && target.config.collaborate === true ? t('targets.collaborates') : null,
    target.kind === 'wordpress'
      ? t(target.config.unpublishAs === 'private' ? 'targets.unpublishesAs.private' : 'targets.unpublishesAs.draft')
      : null,
  ].filter((way): way is string => way !== null);
  const rebuilding = rebuild !== undefined && isOpen(rebuild.state);

  const toggle = async (next: boolean) => {
    setEnabled(next);
    try {
      onChanged(await call('targets.update', { id: target.id, enabled: next }));
      notify('info', t(next ? 'targets.turnedOn' : 'targets.turnedOff', { name }));
    } catch (failure) {
      setEnabled(!next);
      notify('error', errorText(failure));
    }
  };

  const runCheck = async () => {
    if (check === 'checking') return;
    setCheck('checking');
    try {
      setCheck(await call('targets.check', { id: target.id }));
    } catch (failure) {
      setCheck(null);
      notify('error', errorText(failure));
    }
  };

  return (
    <li className={target.enabled ? 'target-row' : 'target-row target-row-off'}>
      <div className="target-main">
        <div className="target-heading">
          <strong className="target-name">{name}</strong>
          <span className="badge">{t(`targets.kind.${target.kind}`)}</span>
        </div>
        {where ? <span className="target-where">{where}</span> : null}
        {username ? <span className="target-secret">{t('targets.account', { username })}</span> : null}
        {ways.length > 0 ? <span className="target-secret">{ways.join(' · ')}</span> : null}
        {target.hasSecret ? <span className="target-secret">{t(secretWords(target.kind).has)}</span> : null}
        {target.siteKey ? (
          <span className="target-secret">
            {t('targets.siteKey')}{' '}
            {/* In groups of four, as the admin reads it out; verify-site takes it with or without the spaces. */}
            <code className="target-where">{target.siteKey.replace(/(.{4})(?=.)/g, '$1 ')}</code>
          </span>
        ) : null}
      </div>
      <label className="switch-field">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          aria-label={t('targets.enabledNamed', { name })}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <span aria-hidden="true">{t('targets.enabled')}</span>
      </label>
      <div className="row-buttons target-buttons">
        <button
          type="button"
          className="button button-small"
          aria-label={t('targets.checkNamed', { name })}
          aria-busy={check === 'checking' || undefined}
          onClick={() => void runCheck()}
        >
          {check === 'checking' ? t('targets.checking') : t('targets.check')}
        </button>
        {/* Only a static site is rebuilt from here: a remote CMS keeps its own copy of what it was sent. */}
        {target.kind === 'static-site' ? (
          <button
            type="button"
            className="button button-small"
            aria-label={t('targets.rebuildNamed', { name })}
            aria-disabled={rebuilding || undefined}
            onClick={() => !rebuilding && onRebuild()}
          >
            {t('targets.rebuild')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button-small"
          aria-label={t('targets.editNamed', { name })}
          onClick={onEdit}
        >
          {t('targets.edit')}
        </button>
        <button
          type="button"
          className="button button-small button-danger-ghost"
          aria-label={t('targets.deleteNamed', { name })}
          onClick={onDelete}
        >
          {t('targets.delete')}
        </button>
      </div>
      {check && check !== 'checking' ? (
        <p
          className={check.ok ? 'target-outcome target-outcome-ok' : 'target-outcome target-outcome-bad'}
          role="status"
        >
          {inLanguage(check, language)}
        </p>
      ) : null}
      {rebuild ? <RebuildState job={rebuild} name={name} /> : null}
    </li>
  );
}

/** The admin's publishing targets: where approved articles go (a static site in a folder, a portal's JSON API). */
export function TargetsCard({ notify }: { notify: Notify }) {
  const { t, errorText } = useI18n();
  const ids = useId();
  const [targets, setTargets] = useState<PublishTargetInfo[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<PublishTargetInfo | null>(null);
  const [deleting, setDeleting] = useState<PublishTargetInfo | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  /** The latest known rebuild job of each target this card started or found running. */
  const [rebuilds, setRebuilds] = useState<ReadonlyMap<number, PublishJob>>(new Map());
  const [watchKey, setWatchKey] = useState(0);
  const rebuildsRef = useRef(rebuilds);
  rebuildsRef.current = rebuilds;

  const load = useCallback(async () => {
    try {
      setTargets(await call('targets.list', {}));
      setLoadError(null);
    } catch (failure) {
      setLoadError(failure);
    }
  }, []);
  useEffect(() => void load(), [load]);

  // Follows the rebuilds until each has ended; the first run also picks up a rebuild started before the card opened.
  const watch = useCallback(async (): Promise<boolean> => {
    const open = await call('publish.jobs', { states: [...OPEN_JOB_STATES], limit: 500 });
    const next = new Map(rebuildsRef.current);
    for (const job of open.jobs) if (job.kind === 'rebuild') next.set(job.targetId, job);
    const ended = [...next.values()].filter(
      (job) => isOpen(job.state) && !open.jobs.some((other) => other.id === job.id),
    );
    if (ended.length > 0) {
      const finished = await call('publish.jobs', { states: ['succeeded', 'failed', 'cancelled'], limit: 500 });
      for (const job of ended) {
        const outcome = finished.jobs.find((other) => other.id === job.id);
        if (outcome) next.set(outcome.targetId, outcome);
        else next.delete(job.targetId);
      }
    }
    setRebuilds(next);
    return [...next.values()].some((job) => isOpen(job.state));
  }, []);
  usePolling(watch, POLL_MS, watchKey);

  const rebuild = async (target: PublishTargetInfo) => {
    try {
      const job = await call('targets.rebuild', { id: target.id });
      setRebuilds((current) => new Map(current).set(target.id, job));
      setWatchKey((n) => n + 1);
    } catch (failure) {
      notify('error', errorText(failure));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await call('targets.delete', { id: deleting.id });
      notify('info', t('targets.deleted', { name: deleting.name }));
      setDeleting(null);
      void load();
    } catch (failure) {
      setDeleteError(failure);
    }
  };

  const replace = (saved: PublishTargetInfo) =>
    setTargets((current) => current?.map((target) => (target.id === saved.id ? saved : target)) ?? current);

  return (
    <section className="card targets-card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('targets.title')}</h2>
      <p className="muted">{t('targets.hint')}</p>
      <InlineError error={loadError} />
      {targets !== null && targets.length === 0 ? <p className="targets-empty">{t('targets.empty')}</p> : null}
      {targets !== null && targets.length > 0 ? (
        <ul className="target-list" aria-label={t('targets.list')}>
          {targets.map((target) => (
            <TargetRow
              key={target.id}
              target={target}
              rebuild={rebuilds.get(target.id)}
              onChanged={replace}
              onEdit={() => setEditing(target)}
              onDelete={() => {
                setDeleteError(null);
                setDeleting(target);
              }}
              onRebuild={() => void rebuild(target)}
              notify={notify}
            />
          ))}
        </ul>
      ) : null}
      <h3 className="targets-add-heading">{t('targets.add')}</h3>
      <TargetForm
        target={null}
        onDone={(saved) => {
          notify('info', t('targets.added', { name: saved.name }));
          void load();
        }}
      />
      {editing ? (
        <Dialog
          title={t('targets.editNamed', { name: editing.name })}
          onClose={() => setEditing(null)}
          className="admin-dialog target-dialog"
        >
          <TargetForm
            target={editing}
            onCancel={() => setEditing(null)}
            onDone={(saved) => {
              notify('info', t('targets.saved', { name: saved.name }));
              replace(saved);
              setEditing(null);
            }}
          />
        </Dialog>
      ) : null}
      {deleting ? (
        <Dialog
          title={t('targets.deleteNamed', { name: deleting.name })}
          onClose={() => setDeleting(null)}
          className="admin-dialog"
        >
          <p>{t('targets.deleteConfirm', { name: deleting.name })}</p>
          <InlineError error={deleteError} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setDeleting(null)} autoFocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-danger" onClick={() => void confirmDelete()}>
              {t('targets.delete')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
