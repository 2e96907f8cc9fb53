import { useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The admin writes the whole static portal site into a folder, with the same renderer as the preview. */
export function SiteBuildCard({ notify }: { notify: (kind: 'info' | 'error', text: string) => void }) {
  const { t, errorText } = useI18n();
  const [folder, setFolder] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const build = async () => {
    setBusy(true);
    try {
      const built = await call('site.build', { folder, ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) });
      notify('info', t('site.built', { articles: built.articles, pages: built.pages, folder: built.folder, seconds: (built.ms / 1000).toFixed(1) }));
    } catch (failure) {
      notify('error', errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="settings-site">
      <h2 id="settings-site">{t('site.title')}</h2>
      <p className="muted">{t('site.hint')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void build();
        }}
      >
        <label className="field">
          <span className="field-label">{t('site.folder')}</span>
          <input value={folder} onChange={(event) => setFolder(event.target.value)} required spellCheck={false} placeholder="/var/www/cong-thong-tin" />
        </label>
        <label className="field">
          <span className="field-label">{t('site.baseUrl')}</span>
          <input value={baseUrl} onChange={(event) => setBaseUrl(event.target.value)} type="url" spellCheck={false} placeholder="https://giarai.baclieu.gov.vn/" />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('site.building') : t('site.build')}
        </button>
      </form>
    </section>
  );
}
