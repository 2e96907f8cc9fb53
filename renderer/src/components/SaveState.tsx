import { useRef } from 'react';
import { usePaintAutosaveStatus, type AutosaveStatus } from '../hooks/useAutosave';
import { useI18n } from '../i18n/i18n';

interface Props {
  status: AutosaveStatus;
  /** Whether something is unsaved beyond what the autosave knows (a field typed, a body the editor may have changed). */
  unsaved: () => boolean;
  /** The article exists (has been saved once). */
  exists: boolean;
}

/** The article screen's save indicator: it follows an autosave without rendering (usePaintAutosaveStatus). */
export function SaveState({ status, unsaved, exists }: Props) {
  const { t } = useI18n();
  const element = useRef<HTMLSpanElement>(null);
  usePaintAutosaveStatus(status, ({ state, retryIn }) => {
    const span = element.current;
    if (!span) return;
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
    span.className = `save-state save-${kind}`;
    span.textContent =
      state === 'failed' && retryIn ? `${label} — ${t('article.autosaveRetry', { seconds: retryIn })}` : label;
  });
  return <span ref={element} role="status" />;
}

/** Lưu: saves now; unavailable while a save runs. */
export function SaveButton({ status, onSave }: { status: AutosaveStatus; onSave: () => void }) {
  const { t } = useI18n();
  const element = useRef<HTMLButtonElement>(null);
  usePaintAutosaveStatus(status, ({ state }) => {
    if (element.current) element.current.disabled = state === 'saving';
  });
  return (
    <button ref={element} type="button" className="button button-primary" title="Ctrl+S" onClick={onSave}>
      {t('article.save')}
    </button>
  );
}
