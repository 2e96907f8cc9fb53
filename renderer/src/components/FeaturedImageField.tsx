import { useId, useRef, useState } from 'react';
import { importImageFile } from '../api/media';
import { mediaUrl } from '../editor/media-url';
import { useI18n } from '../i18n/i18n';

interface Props {
  value: string | null;
  onChange: (ref: string | null) => void;
  onError: (error: unknown) => void;
}

/** The article's featured image (ảnh đại diện): stored in the media store, shown as a thumbnail. */
export function FeaturedImageField({ value, onChange, onError }: Props) {
  const { t } = useI18n();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const labelId = useId();
  const thumb = value ? mediaUrl(value, 'thumb') : null;
  const choose = async (file: File) => {
    setBusy(true);
    try {
      const stored = await importImageFile(file);
      onChange(stored.ref);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field featured-image" role="group" aria-labelledby={labelId}>
      <span className="field-label" id={labelId}>
        {t('editor.featuredImage')}
      </span>
      <div className="featured-row">
        {thumb ? (
          <img src={thumb} alt={t('editor.featuredImage')} className="featured-thumb" />
        ) : (
          <span className="featured-empty" aria-hidden="true" />
        )}
        <button type="button" className="button" onClick={() => fileRef.current?.click()} disabled={busy}>
          {busy ? t('editor.uploading') : t('editor.chooseFeatured')}
        </button>
        {value ? (
          <button type="button" className="button button-danger-ghost" onClick={() => onChange(null)}>
            {t('editor.removeFeatured')}
          </button>
        ) : null}
        <input
          ref={fileRef}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void choose(file);
            event.target.value = '';
          }}
        />
      </div>
    </div>
  );
}
