import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

type Validated = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const isValidated = (target: EventTarget | null): target is Validated =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

/**
 * The browser's validation bubbles speak the browser's language ("Please fill out this field." in an English
 * Chromium); every field that fails its constraints is given the message in the interface's language instead, and
 * the message is cleared as soon as the field changes so that the constraints are checked again.
 */
export function LocalisedValidation() {
  const { t } = useI18n();
  useEffect(() => {
    const onInvalid = (event: Event) => {
      const field = event.target;
      if (!isValidated(field)) return;
      const { validity } = field;
      if (validity.customError) return;
      const message = validity.valueMissing
        ? t('validation.required')
        : validity.tooLong
          ? t('validation.tooLong')
          : t('validation.invalid');
      field.setCustomValidity(message);
    };
    const onEdit = (event: Event) => {
      if (isValidated(event.target)) event.target.setCustomValidity('');
    };
    document.addEventListener('invalid', onInvalid, true);
    document.addEventListener('input', onEdit, true);
    document.addEventListener('change', onEdit, true);
    return () => {
      document.removeEventListener('invalid', onInvalid, true);
      document.removeEventListener('input', onEdit, true);
      document.removeEventListener('change', onEdit, true);
    };
  }, [t]);
  return null;
}
