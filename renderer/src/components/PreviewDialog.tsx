import { useEffect, useId, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { InlineError } from './InlineError';

const WIDTHS = { desktop: 1200, phone: 390 } as const;
type Width = keyof typeof WIDTHS;

/**
 * The article exactly as the portal will show it: the page comes from the same renderer the publishers use, shown
 * in a sandboxed frame (scripts of its own only; no access to the app).
 */
export function PreviewDialog({ articleId, onClose }: { articleId: number; onClose: () => void }) {
  const { t } = useI18n();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [width, setWidth] = useState<Width>('desktop');
  const groupId = useId();
  useEffect(() => {
    call('preview.page', { id: articleId, mediaBase: `${window.location.origin}/media/` }).then(
      (page) => setHtml(page.html),
      (failure: unknown) => setError(failure),
    );
  }, [articleId]);
  return (
    <Dialog title={t('preview.title')} onClose={onClose} className="preview-dialog">
      <div className="preview-bar">
        <div role="radiogroup" aria-labelledby={groupId} className="segmented">
          <span id={groupId} className="field-label">
            {t('preview.width')}
          </span>
          {(Object.keys(WIDTHS) as Width[]).map((name) => (
            <label key={name} className={`segment ${width === name ? 'segment-on' : ''}`}>
              <input
                type="radio"
                name={groupId}
                value={name}
                checked={width === name}
                onChange={() => setWidth(name)}
              />
              {t(name === 'desktop' ? 'preview.desktop' : 'preview.phone')} ({WIDTHS[name]} px)
            </label>
          ))}
        </div>
        <button type="button" className="button" onClick={onClose}>
          {t('preview.close')}
        </button>
      </div>
      <InlineError error={error} />
      <div className="preview-stage">
        {html ? (
          <iframe
            title={t('preview.frame')}
            className="preview-frame"
            style={{ width: WIDTHS[width] }}
            sandbox="allow-scripts"
            referrerPolicy="no-referrer"
            srcDoc={html}
          />
        ) : null}
      </div>
    </Dialog>
  );
}
