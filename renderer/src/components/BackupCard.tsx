import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { displayDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Dialog } from './Dialog';

type Notify = (kind: 'info' | 'error', text: string) => void;

const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/])/;

function size(bytes: number, language: 'vi' | 'en'): string {
  const format = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
  return `${format.format(bytes / 1024 / 1024)} MB`;
}

/** A full path typed by the administrator, with the reason it is refused under it. */
function PathField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
}) {
  return (
    <>
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          spellCheck={false}
        />
      </label>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * Backup and restore of the data folder (admin). Paths are typed: the renderer has no file system, and the core
 * checks them (absolute, not inside the data folder, an archive it can read) before doing anything.
 */
export function BackupCard({ notify }: { notify: Notify }) {
  const { t, errorText, language } = useI18n();
  const [dataDir, setDataDir] = useState('');
  const [folder, setFolder] = useState('');
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [made, setMade] = useState<ChannelOutput<'backup.create'> | null>(null);
  const [restored, setRestored] = useState<ChannelOutput<'backup.restore'> | null>(null);
  const [fieldError, setFieldError] = useState<{ field: 'folder' | 'file'; text: string } | null>(null);

  useEffect(() => {
    void call('app.info', {}).then(
      (info) => setDataDir(info.dataDir),
      () => undefined,
    );
  }, []);

  const checkPath = (field: 'folder' | 'file', value: string) => {
    if (ABSOLUTE_PATH.test(value.trim())) return true;
    setFieldError({ field, text: t('backup.pathInvalid') });
    return false;
  };

  const create = async () => {
    setFieldError(null);
    if (busy || !checkPath('folder', folder)) return;
    setBusy('create');
    try {
      const result = await call('backup.create', { folder: folder.trim() });
      setMade(result);
      notify(
        'info',
        t('backup.created', {
          file: result.file,
          articles: result.articles,
          media: result.mediaFiles,
          size: size(result.bytes, language),
        }),
      );
    } catch (failure) {
      notify('error', errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  const restore = async () => {
    setConfirming(false);
    setBusy('restore');
    try {
      const result = await call('backup.restore', { file: file.trim() });
      setRestored(result);
      notify(
        'info',
        t('backup.restored', {
          date: displayDateTime(result.createdAt),
          articles: result.articles,
          media: result.mediaFiles,
        }),
      );
    } catch (failure) {
      notify('error', errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('backup.title')}</h2>
      <p className="muted">{t('backup.hint', { dataDir })}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <PathField
          id="backup-folder"
          label={t('backup.folder')}
          value={folder}
          onChange={setFolder}
          error={fieldError?.field === 'folder' ? fieldError.text : null}
        />
        <button type="submit" className="button button-primary" disabled={busy !== null}>
          {busy === 'create' ? t('backup.creating') : t('backup.create')}
        </button>
        {made ? (
          <p className="muted" role="status">
            {t('backup.created', {
              file: made.file,
              articles: made.articles,
              media: made.mediaFiles,
              size: size(made.bytes, language),
            })}
          </p>
        ) : null}
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setFieldError(null);
          if (busy === null && checkPath('file', file)) setConfirming(true);
        }}
      >
        <PathField
          id="backup-file"
          label={t('backup.file')}
          value={file}
          onChange={setFile}
          error={fieldError?.field === 'file' ? fieldError.text : null}
        />
        <button type="submit" className="button button-danger-ghost" disabled={busy !== null || restored !== null}>
          {busy === 'restore' ? t('backup.restoring') : t('backup.restore')}
        </button>
      </form>
      {restored ? (
        <div role="status">
          <p>
            {t('backup.restored', {
              date: displayDateTime(restored.createdAt),
              articles: restored.articles,
              media: restored.mediaFiles,
            })}
          </p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t('backup.signInAgain')}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <Dialog title={t('backup.confirmTitle')} onClose={() => setConfirming(false)}>
          <p>{t('backup.confirmBody')}</p>
          <p className="path">{file.trim()}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
              {t('backup.cancel')}
            </button>
            <button type="button" className="button button-danger" onClick={() => void restore()}>
              {t('backup.confirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
