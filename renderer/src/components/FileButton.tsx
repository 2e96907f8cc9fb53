import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

interface Props {
  /** What the button says ("Chọn logo…"); the field's label names it for assistive technology too. */
  label: string;
  accept: string;
  onFile: (file: File | undefined) => void;
  describedBy?: string;
}

/**
 * A file picker in the interface's language: the native <input type="file"> writes "Choose File" / "No file chosen"
 * in the browser's language whatever the page's, so it is hidden behind a button and the chosen file's name.
 */
export function FileButton({ label, accept, onFile, describedBy }: Props) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <span className="file-button">
      <button type="button" className="button" onClick={() => inputRef.current?.click()} aria-describedby={describedBy}>
        {label}
      </button>
      <span className="muted">{name ?? t('file.none')}</span>
      <input
        ref={inputRef}
        type="file"
        accept={accept}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.target.files?.[0];
          setName(file?.name ?? null);
          onFile(file);
          event.target.value = '';
        }}
      />
    </span>
  );
}
