import { useEffect, useId, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { Article } from '../../../shared/contract/articles';
import type { VersionHistoryEntry } from '../../../shared/contract/workflow';
import { shortDateTime } from '../../../shared/text/dateline';
import type { BlockKind, FormatMark } from '../../../shared/workflow/format-diff';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Dialog } from './Dialog';
import { InlineError } from './InlineError';
import { diffBlocks, versionEventText } from './revision-text';
import '../revisions.css';

type Diff = ChannelOutput<'articles.diff'>;

/** How long after a save the list is read again (an autosave follows the last key by a second or two). */
const HISTORY_SETTLE_MS = 1500;
type Segment = Diff['title'][number];

function Segments({ segments }: { segments: Segment[] }) {
  const { t } = useI18n();
  return segments.map((segment, i) =>
    segment.op === 'added' ? (
      <ins key={i} aria-label={`${t('revisions.added')}: ${segment.text}`}>
        {segment.text}
      </ins>
    ) : segment.op === 'removed' ? (
      <del key={i} aria-label={`${t('revisions.removed')}: ${segment.text}`}>
        {segment.text}
      </del>
    ) : (
      <span key={i}>{segment.text}</span>
    ),
  );
}

/** A field's changes, paragraph by paragraph; unchanged paragraphs away from a change fold to "…". */
function DiffText({ segments }: { segments: Segment[] }) {
  const { t } = useI18n();
  if (segments.every((segment) => segment.op === 'same')) return <p className="muted">{t('revisions.noChange')}</p>;
  return diffBlocks(segments).map((block, i) =>
    block.kind === 'skipped' ? (
      <p key={i} className="diff-skipped muted">
        {t('revisions.unchangedParagraphs')}
      </p>
    ) : (
      <p key={i} className={block.changed ? 'diff-paragraph diff-changed' : 'diff-paragraph'}>
        <Segments segments={block.segments} />
      </p>
    ),
  );
}

const MARK_KEYS: Record<FormatMark, MessageKey> = {
  bold: 'revisions.mark.bold',
  italic: 'revisions.mark.italic',
  strikethrough: 'revisions.mark.strikethrough',
  underline: 'revisions.mark.underline',
  code: 'revisions.mark.code',
  subscript: 'revisions.mark.subscript',
  superscript: 'revisions.mark.superscript',
  highlight: 'revisions.mark.highlight',
  link: 'revisions.mark.link',
};
const BLOCK_KEYS: Record<BlockKind, MessageKey> = {
  paragraph: 'revisions.block.paragraph',
  h2: 'revisions.block.h2',
  h3: 'revisions.block.h3',
  quote: 'revisions.block.quote',
  bullet: 'revisions.block.bullet',
  number: 'revisions.block.number',
};

function FormattingChanges({ changes }: { changes: Diff['formatting'] }) {
  const { t } = useI18n();
  if (changes.length === 0) return <p className="muted">{t('revisions.noFormatChange')}</p>;
  return (
    <ul className="format-changes">
      {changes.map((change, i) => (
        <li key={i}>
          <q>{change.text}</q>
          <ul>
            {change.block ? (
              <li>
                {t('revisions.blockChanged', {
                  from: t(BLOCK_KEYS[change.block.from]),
                  to: t(BLOCK_KEYS[change.block.to]),
                })}
              </li>
            ) : null}
            {change.marks.map((mark, j) => (
              <li key={j} className={mark.op === 'added' ? 'format-added' : 'format-removed'}>
                {t(mark.op === 'added' ? 'revisions.markAdded' : 'revisions.markRemoved', {
                  mark: t(MARK_KEYS[mark.mark]),
                  text: mark.text,
                })}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** The two versions compared, full width, in a dialog: title, lead, the body paragraph by paragraph, formatting. */
function DiffDialog({
  article,
  history,
  from,
  to,
  onPick,
  onClose,
}: {
  article: Article;
  history: VersionHistoryEntry[];
  from: number;
  to: number;
  onPick: (from: number, to: number) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fromId = useId();
  const toId = useId();

  useEffect(() => {
    setDiff(null);
    if (from === to) return;
    call('articles.diff', { id: article.id, from, to }).then(setDiff, setError);
  }, [article.id, from, to]);

  const label = (entry: VersionHistoryEntry) =>
    `${t('revisions.versionLabel', { version: entry.version })}${entry.current ? ` (${t('revisions.current')})` : ''} — ${versionEventText(entry, i18n)}, ${shortDateTime(entry.madeAt)}`;
  const picker = (id: string, text: MessageKey, value: number, onChange: (version: number) => void) => (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {t(text)}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {history.map((entry) => (
          <option key={entry.version} value={entry.version}>
            {label(entry)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <Dialog title={t('revisions.diffTitle')} onClose={onClose} className="diff-dialog">
      <div className="revision-pickers">
        {picker(fromId, 'revisions.from', from, (version) => onPick(version, to))}
        {picker(toId, 'revisions.to', to, (version) => onPick(from, version))}
      </div>
      <InlineError error={error} />
      {from === to ? <p className="muted">{t('revisions.sameVersion')}</p> : null}
      {diff ? (
        <div className="diff" role="region" aria-label={t('revisions.diffTitle')}>
          <h3>{t('revisions.titleField')}</h3>
          <DiffText segments={diff.title} />
          <h3>{t('revisions.leadField')}</h3>
          <DiffText segments={diff.lead} />
          <h3>{t('revisions.bodyField')}</h3>
          <DiffText segments={diff.body} />
          <h3>{t('revisions.formatField')}</h3>
          <FormattingChanges changes={diff.formatting} />
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('revisions.close')}
        </button>
      </div>
    </Dialog>
  );
}

interface Props {
  article: Article;
  /** Changes when the list of revisions may have changed (not on every autosave: most keep none). */
  historyKey: number;
  /** The kept revisions, newest first, each time they are read. */
  onLoaded: (revisions: ChannelOutput<'articles.revisions'>) => void;
  canRestore: boolean;
  /** Saves pending edits first; false when that failed. */
  beforeRestore: () => Promise<boolean>;
  onRestored: (version: number) => void;
}

/**
 * Every version the article keeps: who made it, how (saved, submitted, approved at a step…), when and how long it
 * is; what a version changed, full width; an earlier one made current again (asked first when the article is on the
 * portal, which keeps the approved text until the article is approved again).
 */
export function RevisionsPanel({ article, historyKey, onLoaded, canRestore, beforeRestore, onRestored }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [history, setHistory] = useState<VersionHistoryEntry[]>([]);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  const [confirmRestore, setConfirmRestore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    call('articles.revisions', { id: article.id }).then(onLoaded, setError);
  }, [article.id, historyKey, onLoaded]);
  // The list follows the current version too, once the autosaves of a typing burst have settled.
  const { id, version } = article;
  const loadedFor = useRef('');
  useEffect(() => {
    let stale = false;
    // At once for another article or a kept revision; after a pause for a new version alone.
    const key = `${id}:${historyKey}`;
    const wait = loadedFor.current === key ? HISTORY_SETTLE_MS : 0;
    loadedFor.current = key;
    const timer = setTimeout(() => {
      call('articles.history', { id }).then((list) => !stale && setHistory(list), setError);
    }, wait);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [id, version, historyKey]);

  const restore = async (version: number) => {
    setConfirmRestore(null);
    if (!(await beforeRestore())) return;
    try {
      const current = await call('articles.get', { id: article.id });
      await call('articles.restoreRevision', { id: article.id, version, baseVersion: current.version });
      onRestored(version);
    } catch (failure) {
      setError(failure);
    }
  };
  const askRestore = (version: number) => {
    if (article.status === 'published') setConfirmRestore(version);
    else void restore(version);
  };

  return (
    <section className="side-section" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">{t('revisions.title')}</h2>
      {history.length <= 1 ? <p className="muted">{t('revisions.none')}</p> : null}
      <ol className="version-list">
        {history.map((entry, index) => {
          const older = history[index + 1];
          return (
            <li key={entry.version} className={entry.current ? 'version version-current' : 'version'}>
              <p className="version-title">
                {t('revisions.versionLabel', { version: entry.version })}
                {entry.current ? <span className="version-tag">{t('revisions.current')}</span> : null}
              </p>
              <p className="version-event">{versionEventText(entry, i18n)}</p>
              <p className="version-meta muted">
                <time dateTime={entry.madeAt}>{shortDateTime(entry.madeAt)}</time> ·{' '}
                {t('revisions.words', { count: entry.words })}
              </p>
              <div className="version-actions">
                {older ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('revisions.showChangesOf', { version: entry.version })}
                    onClick={() => setCompare({ from: older.version, to: entry.version })}
                  >
                    {t('revisions.showChanges')}
                  </button>
                ) : null}
                {canRestore && !entry.current ? (
                  <button type="button" className="button button-small" onClick={() => askRestore(entry.version)}>
                    {t('revisions.restore', { version: entry.version })}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <InlineError error={error} />
      {compare ? (
        <DiffDialog
          article={article}
          history={history}
          from={compare.from}
          to={compare.to}
          onPick={(from, to) => setCompare({ from, to })}
          onClose={() => setCompare(null)}
        />
      ) : null}
      {confirmRestore !== null ? (
        <Dialog
          title={t('revisions.confirmTitle', { version: confirmRestore })}
          onClose={() => setConfirmRestore(null)}
        >
          <p>{t('revisions.confirmPublished', { title: article.title })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirmRestore(null)}>
              {t('revisions.cancel')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void restore(confirmRestore)}>
              {t('revisions.confirmRestore', { version: confirmRestore })}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
