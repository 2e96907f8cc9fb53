import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { ROLES, type Role, type User } from '../../../shared/contract/auth';
import { displayDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { Dialog } from '../components/Dialog';
import { InlineError } from '../components/InlineError';
import { useI18n } from '../i18n/i18n';
import '../admin.css';

type Notify = (kind: 'info' | 'error', text: string) => void;

/** The same rule as usernameSchema in shared/contract/auth.ts, checked before asking the core. */
const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 200;

function useRoleLabel() {
  const { t } = useI18n();
  return useCallback((role: Role) => t(`role.${role}`), [t]);
}

function UserRow({
  user,
  isCurrent,
  onChanged,
  onResetPassword,
  notify,
}: {
  user: User;
  isCurrent: boolean;
  onChanged: () => void;
  onResetPassword: (user: User) => void;
  notify: Notify;
}) {
  const { t, errorText } = useI18n();
  const roleLabel = useRoleLabel();
  // The select shows the chosen role at once; a refusal puts the stored one back.
  const [role, setRole] = useState<Role>(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  // Controls stay enabled (a disabled button would drop the keyboard focus); a second press while busy is ignored.
  const busy = useRef(false);
  const name = user.displayName;

  const run = async (action: () => Promise<unknown>, done: string, undo?: () => void) => {
    if (busy.current) return;
    busy.current = true;
    try {
      await action();
      notify('info', done);
    } catch (failure) {
      undo?.();
      notify('error', errorText(failure));
    } finally {
      busy.current = false;
      onChanged();
    }
  };

  const changeRole = (next: Role) => {
    if (next === user.role) return;
    setRole(next);
    void run(
      () => call('users.update', { id: user.id, changes: { role: next } }),
      t('users.roleChanged', { name, role: roleLabel(next) }),
      () => setRole(user.role),
    );
  };

  const toggleDisabled = () => {
    const disabled = !user.disabled;
    void run(
      () => call('users.update', { id: user.id, changes: { disabled } }),
      t(disabled ? 'users.disabledDone' : 'users.enabledDone', { name }),
    );
  };

  return (
    <tr className={user.disabled ? 'user-row user-row-disabled' : 'user-row'}>
      <th scope="row" className="user-name">
        {name}
        {isCurrent ? <span className="user-you"> {t('admin.you')}</span> : null}
      </th>
      <td className="mono">{user.username}</td>
      <td>
        <select
          className="compact-select"
          aria-label={t('users.roleOf', { name })}
          value={role}
          onChange={(event) => changeRole(event.target.value as Role)}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {roleLabel(option)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={user.disabled ? 'state-badge state-disabled' : 'state-badge state-active'}>
          {user.disabled ? t('users.disabled') : t('users.active')}
        </span>
      </td>
      <td className="nowrap">
        {user.lastSignInAt ? (
          <time dateTime={user.lastSignInAt}>{displayDateTime(user.lastSignInAt)}</time>
        ) : (
          <span className="muted">{t('users.neverSignedIn')}</span>
        )}
      </td>
      <td>
        <div className="row-buttons">
          <button
            type="button"
            className={user.disabled ? 'button button-small' : 'button button-small button-danger-ghost'}
            aria-label={t(user.disabled ? 'users.enableNamed' : 'users.disableNamed', { name })}
            onClick={toggleDisabled}
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={t('users.resetPasswordNamed', { name })}
            onClick={() => onResetPassword(user)}
          >
            {t('users.resetPassword')}
          </button>
        </div>
      </td>
    </tr>
  );
}

function passwordProblem(password: string, t: ReturnType<typeof useI18n>['t']): string | null {
  if (password.length < PASSWORD_MIN) return t('users.passwordTooShort');
  if (password.length > PASSWORD_MAX) return t('users.passwordTooLong');
  return null;
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const hintId = `${ids}-hint`;
  const problemId = `${ids}-problem`;
  const inputId = `${ids}-password`;
  const name = user.displayName;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = passwordProblem(password, t);
    setProblem(found);
    setFailure(null);
    if (found) {
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await call('users.resetPassword', { id: user.id, password });
      onDone();
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('users.resetPasswordNamed', { name })} onClose={onClose} className="admin-dialog">
      <form className="admin-form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="muted" id={hintId}>
          {t('users.resetHint', { name })}
        </p>
        <div className="field">
          <label className="field-label" htmlFor={inputId}>
            {t('users.newPassword')}
          </label>
          <input
            id={inputId}
            ref={inputRef}
            type={show ? 'text' : 'password'}
            value={password}
            autoComplete="new-password"
            autoFocus
            minLength={PASSWORD_MIN}
            maxLength={PASSWORD_MAX}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
            onChange={(event) => setPassword(event.target.value)}
          />
          {problem ? (
            <span className="field-error" id={problemId}>
              {problem}
            </span>
          ) : (
            <span className="field-hint">{t('users.passwordHint')}</span>
          )}
        </div>
        <label className="check-field">
          <input type="checkbox" checked={show} onChange={(event) => setShow(event.target.checked)} />
          <span>{t('users.showPassword')}</span>
        </label>
        <InlineError error={failure} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('common.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const EMPTY_USER: NewUser = { username: '', displayName: '', role: 'writer', password: '' };
type Problems = Partial<Record<'username' | 'displayName' | 'password', string>>;

function AddUserForm({ onCreated, notify }: { onCreated: () => void; notify: Notify }) {
  const { t } = useI18n();
  const roleLabel = useRoleLabel();
  const [draft, setDraft] = useState<NewUser>(EMPTY_USER);
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const ids = useId();
  const refs = {
    username: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };

  const validate = (): Problems => {
    const found: Problems = {};
    if (!USERNAME_PATTERN.test(draft.username.trim().toLowerCase())) found.username = t('users.usernameInvalid');
    if (draft.displayName.trim() === '') found.displayName = t('users.displayNameRequired');
    const password = passwordProblem(draft.password, t);
    if (password) found.password = password;
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const found = validate();
    setProblems(found);
    setFailure(null);
    const first = (['username', 'displayName', 'password'] as const).find((key) => found[key]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    setSaving(true);
    try {
      const created = await call('users.create', {
        username: draft.username.trim().toLowerCase(),
        displayName: draft.displayName.trim(),
        role: draft.role,
        password: draft.password,
      });
      setDraft(EMPTY_USER);
      notify('info', t('users.created', { name: created.displayName }));
      onCreated();
      refs.username.current?.focus();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const textField = (
    key: 'username' | 'displayName' | 'password',
    label: string,
    hint: string | null,
    extra: InputHTMLAttributes<HTMLInputElement>,
  ) => {
    const hintId = `${ids}-${key}-hint`;
    const problemId = `${ids}-${key}-problem`;
    const inputId = `${ids}-${key}`;
    const problem = problems[key];
    const describedBy = problem ? problemId : hint ? hintId : undefined;
    return (
      <div className="field">
        <label className="field-label" htmlFor={inputId}>
          {label}
        </label>
        <input
          id={inputId}
          ref={refs[key]}
          value={draft[key]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
          {...extra}
        />
        {problem ? (
          <span className="field-error" id={problemId}>
            {problem}
          </span>
        ) : hint ? (
          <span className="field-hint" id={hintId}>
            {hint}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('users.add')}</h2>
      <form className="admin-form add-user-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="add-user-grid">
          {textField('username', t('users.username'), t('users.usernameHint'), {
            autoComplete: 'off',
            autoCapitalize: 'none',
            spellCheck: false,
            maxLength: 40,
          })}
          {textField('displayName', t('users.displayName'), null, { autoComplete: 'off', maxLength: 120 })}
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-role`}>
              {t('users.role')}
            </label>
            <select
              id={`${ids}-role`}
              value={draft.role}
              onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}
            >
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {roleLabel(option)}
                </option>
              ))}
            </select>
          </div>
          {textField('password', t('users.password'), t('users.passwordHint'), {
            type: 'password',
            autoComplete: 'new-password',
            maxLength: PASSWORD_MAX,
          })}
        </div>
        <InlineError error={failure} />
        <div>
          <button type="submit" className="button button-primary">
            {t('users.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function UsersScreen({ currentUserId, notify }: { currentUserId: number; notify: Notify }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const latest = useRef(0);

  const load = useCallback(() => {
    const ticket = ++latest.current;
    call('users.list', {}).then(
      (list) => {
        if (ticket !== latest.current) return;
        setUsers(list);
        setLoadError(null);
      },
      (failure: unknown) => {
        if (ticket === latest.current) setLoadError(failure);
      },
    );
  }, []);

  useEffect(() => load(), [load]);

  return (
    <section className="screen admin-screen" aria-labelledby="users-heading">
      <header className="screen-header">
        <h1 tabIndex={-1} id="users-heading">
          {t('users.title')}
        </h1>
        <p className="screen-count">
          {users === null ? (loadError ? '' : t('admin.loading')) : t('users.count', { count: users.length })}
        </p>
      </header>
      <p className="screen-hint">{t('users.hint')}</p>
      <InlineError error={loadError} />
      {users !== null && users.length === 0 ? <p className="empty-state">{t('users.empty')}</p> : null}
      {users !== null && users.length > 0 ? (
        <div className="table-card">
          <table className="admin-table users-table">
            <caption className="visually-hidden">{t('users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.colName')}</th>
                <th scope="col">{t('users.colUsername')}</th>
                <th scope="col">{t('users.colRole')}</th>
                <th scope="col">{t('users.colStatus')}</th>
                <th scope="col">{t('users.colLastSignIn')}</th>
                <th scope="col">{t('users.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isCurrent={user.id === currentUserId}
                  onChanged={load}
                  onResetPassword={setResetting}
                  notify={notify}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddUserForm onCreated={load} notify={notify} />
      {resetting ? (
        <ResetPasswordDialog
          key={resetting.id}
          user={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            notify('info', t('users.passwordResetDone', { name: resetting.displayName }));
            setResetting(null);
            load();
          }}
        />
      ) : null}
    </section>
  );
}
