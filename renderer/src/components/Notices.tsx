import { useCallback, useState } from 'react';
import { useI18n } from '../i18n/i18n';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

let nextId = 1;

export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (kind: Notice['kind'], text: string) => {
      const id = nextId++;
      setNotices((list) => [...list.slice(-3), { id, kind, text }]);
      // Errors stay until dismissed; information fades.
      if (kind === 'info') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  return { notices, notify, dismiss };
}

/** Screen-reader users hear notices through the live regions; errors interrupt, information waits. */
export function NoticeArea({ notices, dismiss }: { notices: Notice[]; dismiss: (id: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="notices">
      <div role="status" aria-live="polite">
        {notices
          .filter((n) => n.kind === 'info')
          .map((n) => (
            <div key={n.id} className="notice notice-info">
              <span>{n.text}</span>
            </div>
          ))}
      </div>
      <div role="alert">
        {notices
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <div key={n.id} className="notice notice-error">
              <span>{n.text}</span>
              <button
                type="button"
                className="notice-close"
                aria-label={t('common.dismiss')}
                onClick={() => dismiss(n.id)}
              >
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
