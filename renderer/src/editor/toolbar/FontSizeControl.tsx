import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { FONT_SIZE_MAX_PX, FONT_SIZE_MIN_PX } from '../../../../shared/style/css-values';
import { FONT_SIZES } from '../format';

interface Props {
  /** The selection's size in px; null when mixed or unset. */
  value: number | null;
  onPick: (px: number) => void;
}

/** 'Cỡ chữ': a field showing the selection's size; a listed size or any whole value from 8 to 72 px. */
export function FontSizeControl({ value, onPick }: Props) {
  const { t } = useI18n();
  const listId = useId();
  const [text, setText] = useState(value ? String(value) : '');
  const [error, setError] = useState(false);
  useEffect(() => {
    setText(value ? String(value) : '');
    setError(false);
  }, [value]);

  const apply = () => {
    const px = Number(text.trim().replace(/px$/i, ''));
    if (!Number.isInteger(px) || px < FONT_SIZE_MIN_PX || px > FONT_SIZE_MAX_PX) {
      setError(true);
      return;
    }
    setError(false);
    onPick(px);
  };

  return (
    <span className="size-control">
      <input
        className="tool-size"
        aria-label={t('editor.fontSize')}
        title={`${t('editor.fontSize')} (${FONT_SIZE_MIN_PX}–${FONT_SIZE_MAX_PX} px)`}
        list={listId}
        inputMode="numeric"
        value={text}
        placeholder={value === null ? '–' : ''}
        aria-invalid={error}
        aria-describedby={error ? `${listId}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          // Picking from the list applies at once; typing applies on Enter (or on leaving the field).
          const inputType = (event.nativeEvent as InputEvent).inputType;
          if (
            (inputType === undefined || inputType === 'insertReplacementText') &&
            FONT_SIZES.includes(Number(event.target.value))
          )
            onPick(Number(event.target.value));
        }}
        onBlur={() => {
          if (text.trim() !== (value ? String(value) : '') && text.trim() !== '') apply();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            apply();
          }
        }}
      />
      <span className="size-unit" aria-hidden="true">
        px
      </span>
      <datalist id={listId}>
        {FONT_SIZES.map((size) => (
          <option key={size} value={size} />
        ))}
      </datalist>
      {error ? (
        <span className="toolbar-error" id={`${listId}-error`} role="alert">
          {t('editor.sizeInvalid', { min: FONT_SIZE_MIN_PX, max: FONT_SIZE_MAX_PX })}
        </span>
      ) : null}
    </span>
  );
}
