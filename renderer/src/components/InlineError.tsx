import { useI18n } from '../i18n/i18n';

/** A failed load, in the UI language, announced to screen readers; nothing when there is none. */
export function InlineError({ error }: { error: unknown }) {
  const { errorText } = useI18n();
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {errorText(error)}
    </p>
  );
}
