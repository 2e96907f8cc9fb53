import { useEffect, useEffectEvent, useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * Date and time fields in Vietnamese order (dd/mm/yyyy, 24-hour HH:mm) whatever the browser's or system's language.
 * Native <input type="date|datetime-local"> follow the browser's locale (12/07/2026, 08:27 AM in an English
 * Chromium, right under a "Thứ hai, 07/12/2026" date line) and cannot be told otherwise, and no date-picker
 * library is installed; these are plain text fields that read what a writer types (7/12/2026, 07-12-2026, 8:05,
 * 0805) and say clearly when it is not a date. Their values keep the native formats ('2026-12-07',
 * '2026-12-07T08:05'), so the callers' conversions to Vietnam time stay as they were.
 */

/** 'YYYY-MM-DD' from 'dd/mm/yyyy' (also with . or - and one-digit day or month); null when not a real date. */
export function parseVietnamDate(text: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 'HH:mm' (24-hour) from '8:05', '08:05', '0805' or '8h05'; null when not a time of day. */
export function parseVietnamTime(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:[:hH.]?(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** 'dd/mm/yyyy' for 'YYYY-MM-DD' (or the date part of 'YYYY-MM-DDTHH:mm'); '' for ''. */
export function formatVietnamDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

interface DateFieldProps {
  /** The field's visible label. */
  label: string;
  /** 'YYYY-MM-DD' or ''. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  autoFocus?: boolean;
  /** Extra description ids (a range error next to the fields). */
  describedBy?: string;
  invalid?: boolean;
}

/**
 * What the writer types, kept while it still means `value` (or while there is no value yet: a half-typed date), and
 * replaced by `value` written out when it changes from outside (a load, a reload).
 */
function useText(value: string, format: (value: string) => string, represents: (text: string) => boolean) {
  const [text, setText] = useState(() => format(value));
  // Only a new `value` rewrites the text; the writer's typing (and new format/represents closures) must not.
  const followValue = useEffectEvent(() =>
    setText((current) => (value === '' || represents(current) ? current : format(value))),
  );
  useEffect(() => followValue(), [value]);
  return [text, setText] as const;
}

/** A date as dd/mm/yyyy. */
export function DateField({ label, value, onChange, required, autoFocus, describedBy, invalid }: DateFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useText(value, formatVietnamDate, (current) => parseVietnamDate(current) === value);
  const [left, setLeft] = useState(false);
  const wrong = left && text.trim() !== '' && parseVietnamDate(text) === null;
  const missing = Boolean(required) && text.trim() === '';
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="date-input"
        inputMode="numeric"
        placeholder={t('date.placeholder')}
        autoComplete="off"
        value={text}
        autoFocus={autoFocus}
        aria-required={required || undefined}
        aria-invalid={wrong || missing || invalid || undefined}
        aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
        onBlur={() => setLeft(true)}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = event.target.value.trim() === '' ? '' : parseVietnamDate(event.target.value);
          if (parsed !== null) onChange(parsed);
        }}
      />
      <span className={wrong ? 'field-error' : 'field-hint'} id={`${id}-hint`} role={wrong ? 'alert' : undefined}>
        {wrong ? t('date.invalid') : t('date.hint')}
      </span>
    </div>
  );
}

interface DateTimeFieldProps {
  label: string;
  /** 'YYYY-MM-DDTHH:mm' (Vietnam time) or ''. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  autoFocus?: boolean;
  disabled?: boolean;
}

/** A date (dd/mm/yyyy) and a time (HH:mm, 24-hour), read together as one moment in Vietnam time. */
export function DateTimeField({ label, value, onChange, required, autoFocus, disabled }: DateTimeFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const [dateText, setDateText] = useText(
    value,
    formatVietnamDate,
    (text) => parseVietnamDate(text) === value.slice(0, 10),
  );
  const [timeText, setTimeText] = useText(
    value,
    (moment) => moment.slice(11, 16),
    (text) => parseVietnamTime(text) === value.slice(11, 16),
  );
  // Checked once the writer leaves the group, not at each key of a half-typed date.
  const [left, setLeft] = useState(false);
  const date = dateText.trim() === '' ? '' : parseVietnamDate(dateText);
  const time = timeText.trim() === '' ? '' : parseVietnamTime(timeText);
  const wrong = left && (date === null || time === null || (date === '') !== (time === ''));
  const report = (nextDate: string | null, nextTime: string | null) => {
    if (nextDate === '' && nextTime === '') onChange('');
    else if (nextDate && nextTime) onChange(`${nextDate}T${nextTime}`);
  };
  return (
    <fieldset
      className="field datetime-field"
      disabled={disabled}
      aria-describedby={`${id}-hint`}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setLeft(true);
      }}
    >
      <legend className="field-label">{label}</legend>
      <div className="datetime-inputs">
        <input
          className="date-input"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('date.placeholder')}
          aria-label={t('date.dateLabel')}
          aria-required={required || undefined}
          aria-invalid={(left && date === null) || undefined}
          value={dateText}
          autoFocus={autoFocus}
          onChange={(event) => {
            setDateText(event.target.value);
            report(event.target.value.trim() === '' ? '' : parseVietnamDate(event.target.value), time);
          }}
        />
        <input
          className="time-input"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('date.timePlaceholder')}
          aria-label={t('date.timeLabel')}
          aria-required={required || undefined}
          aria-invalid={(left && time === null) || undefined}
          value={timeText}
          onChange={(event) => {
            setTimeText(event.target.value);
            report(date, event.target.value.trim() === '' ? '' : parseVietnamTime(event.target.value));
          }}
        />
      </div>
      <span className={wrong ? 'field-error' : 'field-hint'} id={`${id}-hint`} role={wrong ? 'alert' : undefined}>
        {wrong ? t('date.timeInvalid') : t('date.timeHint')}
      </span>
    </fieldset>
  );
}
