import { useState, type FormEvent } from 'react';
import type { User } from '../../../shared/contract/auth';
import { call } from '../api/client';
import { InlineError } from '../components/InlineError';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** First run: no user exists yet, so the first administrator is created here. */
  firstAdmin: boolean;
  onSignedIn: (user: User) => void;
}

export function AuthScreen({ firstAdmin, onSignedIn }: Props) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (firstAdmin && password !== confirm) {
      setError({ message: t('auth.passwordMismatch'), messageEn: t('auth.passwordMismatch') });
      return;
    }
    setBusy(true);
    try {
      const result = firstAdmin
        ? await call('auth.setupFirstAdmin', { username, displayName, password })
        : await call('auth.signIn', { username, password });
      onSignedIn(result.user);
    } catch (failure) {
      setError(failure);
      setPassword('');
      setConfirm('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth-screen" aria-labelledby="auth-heading">
      <form className="auth-card" onSubmit={(event) => void submit(event)}>
        <p className="auth-brand">{t('app.name')}</p>
        <h1 id="auth-heading">{firstAdmin ? t('auth.firstAdminTitle') : t('auth.signInTitle')}</h1>
        {firstAdmin ? <p className="muted">{t('auth.firstAdminHint')}</p> : null}
        <label className="field">
          <span className="field-label">{t('auth.username')}</span>
          <input
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            autoFocus
            required
            spellCheck={false}
          />
        </label>
        {firstAdmin ? (
          <label className="field">
            <span className="field-label">{t('auth.displayName')}</span>
            <input
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
              autoComplete="name"
              required
            />
          </label>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor="auth-password">
            {t('auth.password')}
          </label>
          <input
            id="auth-password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete={firstAdmin ? 'new-password' : 'current-password'}
            required
            minLength={firstAdmin ? 8 : undefined}
            aria-describedby={firstAdmin ? 'auth-password-hint' : undefined}
          />
          {firstAdmin ? (
            <span className="field-hint" id="auth-password-hint">
              {t('auth.passwordHint')}
            </span>
          ) : null}
        </div>
        {firstAdmin ? (
          <label className="field">
            <span className="field-label">{t('auth.confirmPassword')}</span>
            <input
              type="password"
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              autoComplete="new-password"
              required
            />
          </label>
        ) : null}
        <InlineError error={error} />
        <button type="submit" className="button button-primary auth-submit" disabled={busy}>
          {firstAdmin ? t('auth.create') : t('auth.signIn')}
        </button>
      </form>
    </main>
  );
}
