import { useAutosaveStatus, type AutosaveStatus } from '../hooks/useAutosave';
import { useI18n } from '../i18n/i18n';

interface Props {
  status: AutosaveStatus;
  /** Whether something is unsaved beyond what the autosave knows (a field typed, a body the editor may have changed). */
  unsaved: () => boolean;
  /** The article exists (has been saved once). */
  exists: boolean;
}

/** The article screen's save indicator: the only part of the screen that renders when an autosave starts or ends. */
export function SaveState({ status, unsaved, exists }: Props) {
  const { t } = useI18n();
  const { state, retryIn } = useAutosaveStatus(status);
  const label =
    state === 'saving'
      ? t('article.saving')
      : state === 'failed'
        ? t('article.saveFailed')
        : state === 'pending' || unsaved()
          ? t('article.unsaved')
          : exists
            ? t('article.saved')
            : t('article.nothingSaved');
  const kind = state === 'failed' ? 'failed' : label === t('article.saved') ? 'clean' : 'dirty';
  return (
    <span className={`save-state save-${kind}`} role="status">
      {label}
      {state === 'failed' && retryIn ? ` — ${t('article.autosaveRetry', { seconds: retryIn })}` : ''}
    </span>
  );
}

/** Lưu: saves now; unavailable while a save runs. */
export function SaveButton({ status, onSave }: { status: AutosaveStatus; onSave: () => void }) {
  const { t } = useI18n();
  const { state } = useAutosaveStatus(status);
  return (
    <button
      type="button"
      className="button button-primary"
      title="Ctrl+S"
      onClick={onSave}
      disabled={state === 'saving'}
    >
      {t('article.save')}
    </button>
  );
}
