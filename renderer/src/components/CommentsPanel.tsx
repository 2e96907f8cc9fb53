import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { Comment } from '../../../shared/contract/workflow';
import { shortDateTime } from '../../../shared/text/dateline';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { InlineError } from './InlineError';

/**
 * Review comments: who said what and when; the reason of a return stands out; replies sit under their comment.
 * Memoised: an autosave's render of the article screen leaves them alone.
 */
export const CommentsPanel = memo(function CommentsPanel({
  articleId,
  refreshKey,
}: {
  articleId: number;
  refreshKey: number;
}) {
  const { t } = useI18n();
  const [comments, setComments] = useState<Comment[]>([]);
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const boxRef = useRef<HTMLTextAreaElement>(null);

  const load = useCallback(() => {
    call('comments.list', { articleId }).then(setComments, setError);
  }, [articleId]);
  useEffect(load, [load, refreshKey]);

  const send = async () => {
    try {
      await call('comments.add', { articleId, body, ...(replyTo ? { replyTo: replyTo.id } : {}) });
      setBody('');
      setReplyTo(null);
      setError(null);
      load();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="side-section" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{t('comments.title')}</h2>
      {comments.length === 0 ? <p className="muted">{t('comments.empty')}</p> : null}
      <ul className="comment-list">
        {comments.map((comment) => (
          <li
            key={comment.id}
            className={`comment ${comment.kind === 'return' ? 'comment-return' : ''} ${comment.replyTo ? 'comment-reply' : ''}`}
          >
            <span className="comment-meta">
              <strong>{comment.authorName}</strong>
              <span>{shortDateTime(comment.createdAt)}</span>
              {comment.kind === 'return' ? <span>{t('comments.returnReason')}</span> : null}
            </span>
            <p>{comment.body}</p>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setReplyTo(comment);
                // The reply is typed next: the box takes the focus (the label now names whom it answers).
                boxRef.current?.focus();
              }}
            >
              {t('comments.reply')}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label className="field">
          <span className="field-label">
            {replyTo ? t('comments.replyTo', { name: replyTo.authorName }) : t('comments.label')}
          </span>
          <textarea
            ref={boxRef}
            rows={3}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            required
            maxLength={5000}
          />
        </label>
        <InlineError error={error} />
        <div className="workflow-actions">
          <button type="submit" className="button">
            {t('comments.add')}
          </button>
          {replyTo ? (
            <button type="button" className="button" onClick={() => setReplyTo(null)}>
              {t('comments.cancelReply')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
});
