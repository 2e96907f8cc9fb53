import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { HEX_COLOUR } from '../../../../shared/style/css-values';
import { PALETTE } from '../format';

interface Props {
  /** The selection's colour; '' when mixed or unset. */
  value: string;
  onPick: (hex: string | null) => void;
}

function toHex(value: string): string {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(value);
  if (!rgb) return value.toLowerCase();
  return `#${rgb
    .slice(1, 4)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** 'Màu chữ': a button showing the selection's colour; it opens the portal palette and a custom #RRGGBB field. */
export function FontColorControl({ value, onPick }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const current = value ? toHex(value) : '';
  const named = PALETTE.find((entry) => entry.hex === current);

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLElement>('.swatch')?.focus();
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);

  // The arrow keys move between the swatches as they do between the toolbar's buttons (up and down by a row).
  const moveBetweenSwatches = (event: KeyboardEvent<HTMLDivElement>) => {
    const swatches = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.swatch'));
    const index = swatches.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const top = swatches[0]?.offsetTop;
    const perRow = Math.max(1, swatches.filter((swatch) => swatch.offsetTop === top).length);
    const next = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      ArrowDown: index + perRow,
      ArrowUp: index - perRow,
      Home: 0,
      End: swatches.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    swatches[(next + swatches.length) % swatches.length]?.focus();
  };

  const pick = (hex: string | null) => {
    setOpen(false);
    onPick(hex);
  };

  return (
    <div
      className="color-control"
      ref={rootRef}
      onKeyDown={(event) => event.key === 'Escape' && open && (event.stopPropagation(), setOpen(false))}
    >
      <button
        type="button"
        className="tool tool-color"
        aria-label={t('editor.fontColor')}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={panelId}
        aria-description={current ? (named ? t(named.name) : current) : undefined}
        title={t('editor.fontColor')}
        data-roving
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setOpen(!open)}
      >
        <span className="tool-color-letter" aria-hidden="true">
          A
        </span>
        <span
          className="tool-color-bar"
          style={{ background: current || 'transparent' }}
          data-color={current}
          aria-hidden="true"
        />
      </button>
      {open ? (
        <div className="color-panel" id={panelId} role="group" aria-label={t('editor.fontColor')}>
          <div className="swatches" onKeyDown={moveBetweenSwatches}>
            {PALETTE.map((entry) => (
              <button
                key={entry.hex}
                type="button"
                className="swatch"
                style={{ background: entry.hex }}
                aria-label={`${t(entry.name)} ${entry.hex}`}
                aria-pressed={entry.hex === current}
                onClick={() => pick(entry.hex)}
              />
            ))}
          </div>
          <button type="button" className="button color-default" onClick={() => pick(null)}>
            {t('editor.colorDefault')}
          </button>
          <form
            className="color-custom"
            onSubmit={(event) => {
              event.preventDefault();
              const hex = custom.trim().startsWith('#') ? custom.trim() : `#${custom.trim()}`;
              if (!HEX_COLOUR.test(hex)) return setError(true);
              setError(false);
              pick(hex.toLowerCase());
            }}
          >
            <label className="field">
              <span className="field-label">{t('editor.customColor')}</span>
              <input
                value={custom}
                onChange={(event) => setCustom(event.target.value)}
                placeholder="#1f6fb5"
                aria-invalid={error}
                spellCheck={false}
              />
            </label>
            <button type="submit" className="button">
              {t('editor.apply')}
            </button>
          </form>
          {error ? (
            <p className="field-error" role="alert">
              {t('editor.colorInvalid')}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
