import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  type Attachment,
  type AttachmentKind,
} from '../../../shared/contract/attachments';
import { ContractError } from '../../../shared/contract/contract-error';
import { fileSizeText } from '../../../shared/render/attachments';
import { call } from '../api/client';
import { readAsBase64 } from '../api/media';
import { useI18n } from '../i18n/i18n';
import { FileButton } from './FileButton';
import { InlineError } from './InlineError';
import { DateField, formatVietnamDate } from './VietnamDateFields';
import '../attachments.css';

/** What the picker offers (the core still decides by the content). */
const ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES).map((kind) => `.${kind}`),
  ...Object.values(ATTACHMENT_TYPES).map((type) => type.mime),
].join(',');

interface Particulars {
  displayName: string;
  docNumber: string;
  /** 'YYYY-MM-DD' or ''. */
  issuedOn: string;
  issuer: string;
}

const particularsOf = (attachment: Attachment): Particulars => ({
  displayName: attachment.displayName,
  docNumber: attachment.docNumber,
  issuedOn: attachment.issuedOn ?? '',
  issuer: attachment.issuer,
});

const typeLabel = (kind: AttachmentKind): string => ATTACHMENT_TYPES[kind].label;

interface Props {
  articleId: number;
  editable: boolean;
  onNotice: (message: string) => void;
  /** After a change: the approval covers the attached documents, so where the article stands may have moved. */
  onChanged: () => void;
}

/**
 * Văn bản đính kèm: the documents attached to the article, in order, each with its type, size and — for a legal
 * document — its number, date of issue and issuing body; a scan without text is flagged. Writers add, describe,
 * reorder (the buttons move one place up or down, the focus following the document) and remove them. Memoised: an
 * autosave's render of the article screen leaves the list alone.
 */
export const AttachmentsPanel = memo(function AttachmentsPanel({ articleId, editable, onNotice, onChanged }: Props) {
  const { t } = useI18n();
  const formId = useId();
  const [items, setItems] = useState<Attachment[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: number; fields: Particulars } | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  /** After a move, the button to give the focus back to (the moved document's). */
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    call('attachments.list', { articleId }).then(setItems, setError);
  }, [articleId]);

  useEffect(() => {
    if (focusAfter.current === null) return;
    const target = panelRef.current?.querySelector<HTMLElement>(`[data-focus-key="${focusAfter.current}"]`);
    focusAfter.current = null;
    target?.focus();
  }, [items, editing]);

  const add = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      setError(null);
      // Refused here before anything is read or sent; the core refuses it again whatever the transport.
      if (file.size > MAX_ATTACHMENT_BYTES) {
        setError(
          ContractError.of('MEDIA_TOO_LARGE', 'attachments.tooLarge', {
            name: file.name,
            mb: Number((file.size / 1024 / 1024).toFixed(1)),
            max: MAX_ATTACHMENT_BYTES / 1024 / 1024,
          }),
        );
        return;
      }
      setUploading(file.name);
      try {
        const added = await call('attachments.add', {
          id: articleId,
          fileName: file.name || 'van-ban',
          dataBase64: await readAsBase64(file),
        });
        setItems((list) => (list.some((item) => item.id === added.id) ? list : [...list, added]));
        onChanged();
        onNotice(t(added.scanned ? 'attachments.addedScan' : 'attachments.added', { name: added.displayName }));
      } catch (failure) {
        setError(failure);
      } finally {
        setUploading(null);
      }
    },
    [articleId, onNotice, onChanged, t],
  );

  const move = async (index: number, by: -1 | 1) => {
    const order = items.map((item) => item.id);
    const [moved] = order.splice(index, 1);
    if (moved === undefined) return;
    order.splice(index + by, 0, moved);
    try {
      const next = await call('attachments.reorder', { id: articleId, order });
      const at = next.findIndex((item) => item.id === moved);
      // At the top or the bottom the button just used is disabled: the focus goes to the other one.
      const direction = (by < 0 && at === 0) || (by > 0 && at === next.length - 1) ? -by : by;
      focusAfter.current = `${moved}-${direction < 0 ? 'up' : 'down'}`;
      setItems(next);
      onChanged();
      onNotice(t('attachments.moved', { name: next[at]?.displayName ?? '', position: at + 1, count: next.length }));
    } catch (failure) {
      setError(failure);
    }
  };

  const remove = async (attachment: Attachment) => {
    try {
      setItems(await call('attachments.remove', { id: articleId, attachmentId: attachment.id }));
      onChanged();
      onNotice(t('attachments.removed', { name: attachment.displayName }));
      panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
    } catch (failure) {
      setError(failure);
    }
  };

  const save = async () => {
    if (!editing) return;
    const { fields } = editing;
    try {
      const saved = await call('attachments.update', {
        id: articleId,
        attachmentId: editing.id,
        displayName: fields.displayName,
        docNumber: fields.docNumber,
        issuedOn: fields.issuedOn === '' ? null : fields.issuedOn,
        issuer: fields.issuer,
      });
      setItems((list) => list.map((item) => (item.id === saved.id ? saved : item)));
      onChanged();
      focusAfter.current = `${saved.id}-edit`;
      setEditing(null);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };

  const field = (key: Exclude<keyof Particulars, 'issuedOn'>, label: string, maxLength: number) =>
    editing ? (
      <label className="field">
        <span className="field-label">{label}</span>
        <input
          value={editing.fields[key]}
          maxLength={maxLength}
          required={key === 'displayName'}
          onChange={(event) => setEditing({ ...editing, fields: { ...editing.fields, [key]: event.target.value } })}
        />
      </label>
    ) : null;

  return (
    <section className="side-section attachments-panel" aria-labelledby={`${formId}-heading`} ref={panelRef}>
      <h2 id={`${formId}-heading`} tabIndex={-1}>
        {t('attachments.title')}
      </h2>
      {items.length === 0 ? <p className="muted">{t('attachments.empty')}</p> : null}
      <ol className="attachment-items">
        {items.map((item, index) => (
          <li key={item.id} className="attachment-item">
            <div className="attachment-head">
              <a href={`/${item.url}`} download={`${item.displayName}.${item.kind}`}>
                {item.displayName}
              </a>{' '}
              <span className="muted">
                ({typeLabel(item.kind)}, {fileSizeText(item.bytes)})
              </span>
            </div>
            {item.scanned ? (
              <p className="attachment-scan-flag" role="note">
                {t('attachments.scanned')}
              </p>
            ) : null}
            {item.docNumber || item.issuedOn || item.issuer ? (
              <dl className="attachment-particulars">
                {item.docNumber ? (
                  <>
                    <dt>{t('attachments.docNumber')}</dt>
                    <dd>{item.docNumber}</dd>
                  </>
                ) : null}
                {item.issuedOn ? (
                  <>
                    <dt>{t('attachments.issuedOn')}</dt>
                    <dd>{formatVietnamDate(item.issuedOn)}</dd>
                  </>
                ) : null}
                {item.issuer ? (
                  <>
                    <dt>{t('attachments.issuer')}</dt>
                    <dd>{item.issuer}</dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            {editable && editing?.id !== item.id ? (
              <div className="attachment-actions">
                <button
                  type="button"
                  className="button"
                  data-focus-key={`${item.id}-edit`}
                  aria-label={t('attachments.editLabel', { name: item.displayName })}
                  onClick={() => setEditing({ id: item.id, fields: particularsOf(item) })}
                >
                  {t('attachments.edit')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-focus-key={`${item.id}-up`}
                  aria-label={t('attachments.upLabel', { name: item.displayName })}
                  disabled={index === 0}
                  onClick={() => void move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button"
                  data-focus-key={`${item.id}-down`}
                  aria-label={t('attachments.downLabel', { name: item.displayName })}
                  disabled={index === items.length - 1}
                  onClick={() => void move(index, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button-danger-ghost"
                  aria-label={t('attachments.removeLabel', { name: item.displayName })}
                  onClick={() => void remove(item)}
                >
                  {t('attachments.remove')}
                </button>
              </div>
            ) : null}
            {editing?.id === item.id ? (
              <form
                className="attachment-form"
                aria-label={t('attachments.editLabel', { name: item.displayName })}
                onSubmit={(event) => {
                  event.preventDefault();
                  void save();
                }}
              >
                {field('displayName', t('attachments.displayName'), 255)}
                {field('docNumber', t('attachments.docNumber'), 100)}
                <DateField
                  label={t('attachments.issuedOn')}
                  value={editing.fields.issuedOn}
                  onChange={(issuedOn) => setEditing({ ...editing, fields: { ...editing.fields, issuedOn } })}
                />
                {field('issuer', t('attachments.issuer'), 300)}
                <div className="attachment-actions">
                  <button type="submit" className="button button-primary">
                    {t('attachments.save')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      focusAfter.current = `${item.id}-edit`;
                      setEditing(null);
                    }}
                  >
                    {t('attachments.cancel')}
                  </button>
                </div>
              </form>
            ) : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <div className="attachment-add">
          <FileButton
            label={t('attachments.add')}
            accept={ACCEPT}
            onFile={(file) => void add(file)}
            describedBy={`${formId}-hint`}
          />
          <span className="field-hint" id={`${formId}-hint`}>
            {t('attachments.hint', { max: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
          </span>
        </div>
      ) : null}
      {uploading ? (
        <p className="muted" role="status">
          {t('attachments.uploading', { name: uploading })}
        </p>
      ) : null}
      <InlineError error={error} />
    </section>
  );
});
