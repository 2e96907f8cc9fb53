import { useEffect, useId, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { Article } from '../../../shared/contract/articles';
import { shortDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { InlineError } from './InlineError';

type Diff = ChannelOutput<'articles.diff'>;

function DiffText({ segments }: { segments: Diff['title'] }) {
  const { t } = useI18n();
  if (segments.every((segment) => segment.op === 'same')) return <p className="muted">{t('revisions.noChange')}</p>;
  return (
    <p>
      {segments.map((segment, i) =>
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
      )}
    </p>
  );
}

interface Props {
  article: Article;
  /** Changes when the list of revisions may have changed (not on every autosave: most keep none). */
  historyKey: number;
  /** The revisions, newest first, each time they are read. */
  onLoaded: (revisions: ChannelOutput<'articles.revisions'>) => void;
  canRestore: boolean;
  /** Saves pending edits first; false when that failed. */
  beforeRestore: () => Promise<boolean>;
  onRestored: (version: number) => void;
}

/** Every saved version: compare two (words added and removed), or make an earlier one current again. */
export function RevisionsPanel({ article, historyKey, onLoaded, canRestore, beforeRestore, onRestored }: Props) {
  const { t } = useI18n();
  const [revisions, setRevisions] = useState<ChannelOutput<'articles.revisions'>>([]);
  const [from, setFrom] = useState(0);
  /** null: the current version, whichever it is by then (autosaves move it on). */
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fromId = useId();
  const toId = useId();

  useEffect(() => {
    call('articles.revisions', { id: article.id }).then((list) => {
      setRevisions(list);
      setFrom(list[0]?.version ?? 0);
      setTo(null);
      setDiff(null);
      onLoaded(list);
    }, setError);
  }, [article.id, historyKey, onLoaded]);

  if (revisions.length === 0) {
    return (
      <section className="side-section" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t('revisions.title')}</h2>
        <p className="muted">{t('revisions.none')}</p>
      </section>
    );
  }

  const options = [{ version: article.version, label: `${article.version} (${t('revisions.current')})` }].concat(
    revisions.map((revision) => ({
      version: revision.version,
      label: `${revision.version} — ${shortDateTime(revision.createdAt)}`,
    })),
  );
  const toVersion = to ?? article.version;
  const picker = (id: string, label: MessageKey, value: number, onChange: (version: number) => void) => (
    <label className="field" htmlFor={id}>
      <span className="field-label">{t(label)}</span>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {options.map((option) => (
          <option key={option.version} value={option.version}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  const compare = () => call('articles.diff', { id: article.id, from, to: toVersion }).then(setDiff, setError);
  const restore = async () => {
    if (!(await beforeRestore())) return;
    try {
      const current = await call('articles.get', { id: article.id });
      await call('articles.restoreRevision', { id: article.id, version: from, baseVersion: current.version });
      onRestored(from);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="side-section" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">{t('revisions.title')}</h2>
      <div className="revision-pickers">
        {picker(fromId, 'revisions.from', from, setFrom)}
        {picker(toId, 'revisions.to', toVersion, (version) => setTo(version === article.version ? null : version))}
      </div>
      <div className="workflow-actions">
        <button type="button" className="button" onClick={() => void compare()} disabled={from === toVersion}>
          {t('revisions.compare')}
        </button>
        {canRestore && from !== article.version ? (
          <button type="button" className="button" onClick={() => void restore()}>
            {t('revisions.restore', { version: from })}
          </button>
        ) : null}
      </div>
      <InlineError error={error} />
      {diff ? (
        <div className="diff" aria-label={t('revisions.diffTitle')} role="region">
          <h3>{t('revisions.titleField')}</h3>
          <DiffText segments={diff.title} />
          <h3>{t('revisions.leadField')}</h3>
          <DiffText segments={diff.lead} />
          <h3>{t('revisions.bodyField')}</h3>
          <DiffText segments={diff.body} />
        </div>
      ) : null}
    </section>
  );
}
