import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { AUTOSAVE_REVISION_MINUTES, type Article } from '../../../shared/contract/articles';
import type { User } from '../../../shared/contract/auth';
import type { Category } from '../../../shared/contract/categories';
import type { TransitionAction } from '../../../shared/contract/workflow';
import type { QualityFindingShape } from '../../../shared/contract/quality';
import { ContractError } from '../../../shared/contract/contract-error';
import { renderBodyHtml } from '../../../shared/render/article-html';
import { bodyPatch, splitBody, type BodyBlocks } from '../../../shared/render/body-blocks';
import { parseBody, type BodyDocument } from '../../../shared/render/body-nodes';
import { fromVietnamLocalInput, portalDateLine, shortDateTime } from '../../../shared/text/dateline';
import { slugify } from '../../../shared/text/slug';
import { call } from '../api/client';
import { CategorySelect } from '../components/CategorySelect';
import { CommentsPanel } from '../components/CommentsPanel';
import { FeaturedImageField } from '../components/FeaturedImageField';
import { InlineError } from '../components/InlineError';
import { PreviewDialog } from '../components/PreviewDialog';
import { SaveButton, SaveState } from '../components/SaveState';
import { RevisionsPanel } from '../components/RevisionsPanel';
import { AttachmentsPanel } from '../components/AttachmentsPanel';
import { StatusBadge } from '../components/StatusBadge';
import { DateTimeField } from '../components/VietnamDateFields';
import { WorkflowPanel } from '../components/WorkflowPanel';
import { ChangeSignal } from '../quality/change-signal';
import { QualityPanel, type FixableField, type QualityDraftInput } from '../quality/QualityPanel';
import { ArticleEditor } from '../editor/ArticleEditor';
import { droppedUnknownTypes, unknownNodeTypes } from '../editor/body-types';
import { mediaUrl } from '../editor/media-url';
import { LazyBody } from '../editor/lazy-body';
import { useAutosave, type SaveOutcome } from '../hooks/useAutosave';
import { useShortcuts } from '../hooks/useShortcuts';
import { useI18n } from '../i18n/i18n';
import { changedFields, draftOf, EMPTY_DRAFT, fieldsOf, mergeSaved, type Draft } from './article-draft';

interface Props {
  user: User;
  articleId: number | null;
  categories: Category[];
  onBack: () => void;
  onSaved: (article: Article) => void;
  onTrashed: (article: Article) => void;
  /** A workflow step or a restore changed the article (lists and counts follow). */
  onChanged: () => void;
  notify: (kind: 'info' | 'error', text: string) => void;
  /** App calls this before leaving the screen: pending changes are saved; false keeps the user here. */
  leaveGuard: MutableRefObject<(() => Promise<boolean>) | null>;
}

/** How a loaded article's body can be edited: as stored, or (damaged) not until a good revision is chosen. */
type BodyState =
  | { kind: 'loading' }
  | { kind: 'ready'; json: string | null }
  | { kind: 'broken'; goodVersion: number | null }
  /** Holds nodes the editor does not know: shown read-only (through the one renderer), never saved over. */
  | { kind: 'unsupported'; body: BodyDocument; types: string[]; goodVersion: number | null };

/** A body the editor can open whole: it parses and holds only node types the editor registers. */
function opensCleanly(bodyJson: string | null): boolean {
  if (bodyJson === null) return true;
  const parsed = parseBody(bodyJson);
  return parsed !== null && unknownNodeTypes(parsed).length === 0;
}

async function latestGoodRevision(id: number): Promise<{ version: number; bodyJson: string | null } | null> {
  for (const revision of await call('articles.revisions', { id })) {
    const full = await call('articles.revision', { id, version: revision.version });
    if (opensCleanly(full.bodyJson)) return { version: full.version, bodyJson: full.bodyJson };
  }
  return null;
}

export function ArticleScreen({
  user,
  articleId,
  categories,
  onBack,
  onSaved,
  onTrashed,
  onChanged,
  notify,
  leaveGuard,
}: Props) {
  const { t, errorText } = useI18n();
  const [article, setArticle] = useState<Article | null>(null);
  // A new article starts with the writer's own name as its author.
  const [draft, setDraft] = useState<Draft>(() =>
    articleId === null ? { ...EMPTY_DRAFT, author: user.displayName } : EMPTY_DRAFT,
  );
  const [body, setBody] = useState<BodyState>(articleId === null ? { kind: 'ready', json: null } : { kind: 'loading' });
  const [error, setError] = useState<unknown>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [revisions, setRevisions] = useState(0);
  // The revisions are read again only when one may have been kept, not after every autosave (see save).
  const [historyKey, setHistoryKey] = useState(0);
  const newestRevisionAt = useRef<number | null>(null);
  const [imageBusy, setImageBusy] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  // A new editor instance only when the body is replaced from outside (load, reload, a revision opened).
  const [bodyKey, setBodyKey] = useState(0);
  const [commentsKey, setCommentsKey] = useState(0);
  // Bumped when the attached documents change: what the approval covers changed with them.
  const [attachmentsKey, setAttachmentsKey] = useState(0);
  const attachmentsChanged = useCallback(() => setAttachmentsKey((n) => n + 1), []);
  const [returnReason, setReturnReason] = useState<string | null>(null);
  const formId = useId();
  const titleRef = useRef<HTMLTextAreaElement>(null);
  const statusRef = useRef<HTMLSpanElement>(null);
  const editorRef = useRef<LexicalEditor | null>(null);
  // The save loop reads the latest values through refs: a save that starts later must not send stale text.
  const articleRef = useRef<Article | null>(null);
  const draftRef = useRef<Draft>(EMPTY_DRAFT);
  // The body is serialised only when it is read (a save, a copy), never on each key: see LazyBody.
  const [bodyNow] = useState(() => new LazyBody());
  // Tells the Kiểm tra panel of a change without a render per key.
  const [qualitySignal] = useState(() => new ChangeSignal());
  const savedBodyRef = useRef<string | null>(null);
  /** The saved body cut at its blocks, once it has been (undefined: not yet). */
  const savedBlocksRef = useRef<BodyBlocks | null | undefined>(undefined);
  /** Whether the saved body holds node types the editor cannot make, for the saved body it was read from. */
  const savedUnknownRef = useRef<{ json: string | null; holds: boolean }>({ json: null, holds: false });
  draftRef.current = draft;

  const load = useCallback(
    async (id: number) => {
      try {
        const loaded = await call('articles.get', { id });
        articleRef.current = loaded;
        setArticle(loaded);
        setDraft(draftOf(loaded));
        bodyNow.reset(loaded.bodyJson);
        savedBodyRef.current = loaded.bodyJson;
        savedBlocksRef.current = undefined;
        const parsed = loaded.bodyJson === null ? null : parseBody(loaded.bodyJson);
        const unknown = parsed ? unknownNodeTypes(parsed) : [];
        if (loaded.bodyJson !== null && !parsed) {
          // Never an empty editor that autosave would then write over the damaged text.
          setBody({ kind: 'broken', goodVersion: (await latestGoodRevision(id))?.version ?? null });
        } else if (parsed && unknown.length > 0) {
          const goodVersion = (await latestGoodRevision(id))?.version ?? null;
          setBody({ kind: 'unsupported', body: parsed, types: unknown, goodVersion });
        } else {
          setBody({ kind: 'ready', json: loaded.bodyJson });
        }
        setBodyKey((n) => n + 1);
        setHistoryKey((n) => n + 1);
        const reasons =
          loaded.status === 'returned'
            ? (await call('comments.list', { articleId: id })).filter((comment) => comment.kind === 'return')
            : [];
        setReturnReason(reasons[reasons.length - 1]?.body ?? null);
        setCommentsKey((n) => n + 1);
        setError(null);
        setLoadError(null);
      } catch (failure) {
        setLoadError(failure);
      }
    },
    [bodyNow],
  );

  useEffect(() => {
    // The article this screen has just created by saving keeps the caret where the writer is typing.
    if (articleId !== null && articleRef.current?.id === articleId) return;
    if (articleId !== null) void load(articleId);
    titleRef.current?.focus();
  }, [articleId, load]);

  /**
   * A body-only save sends the blocks that changed since the saved body (a key in a long report: one paragraph, not
   * the whole document) and gets back the new version; null when it cannot (the core then wants the whole body).
   */
  const saveChangedBlocks = useCallback(
    async (
      current: Article,
      next: BodyBlocks | null,
      autosave: boolean,
    ): Promise<ChannelOutput<'articles.saveBody'> | null> => {
      savedBlocksRef.current ??= savedBodyRef.current === null ? null : splitBody(savedBodyRef.current);
      const base = savedBlocksRef.current;
      const patch = base && next ? bodyPatch(base, next) : null;
      if (!patch) return null;
      try {
        return await call('articles.saveBody', { id: current.id, baseVersion: current.version, ...patch, autosave });
      } catch (failure) {
        if (failure instanceof ContractError && failure.key === 'article.bodyNotPatchable') return null;
        throw failure;
      }
    },
    [],
  );

  const save = useCallback(
    async (autosave: boolean): Promise<SaveOutcome> => {
      const current = articleRef.current;
      const sent = draftRef.current;
      const sentBody = bodyNow.current();
      const sentBlocks = bodyNow.blocks();
      const storedJson = savedBodyRef.current;
      const bodyChanged = sentBody !== storedJson;
      // Read once per saved body: parsing a long report twice on every autosave costs the writer a keystroke's time.
      if (savedUnknownRef.current.json !== storedJson) {
        const stored = parseBody(storedJson);
        savedUnknownRef.current = { json: storedJson, holds: stored !== null && unknownNodeTypes(stored).length > 0 };
      }
      if (
        bodyChanged &&
        savedUnknownRef.current.holds &&
        droppedUnknownTypes(parseBody(storedJson), parseBody(sentBody)).length > 0
      ) {
        // The stored body holds nodes this editor cannot make: a body without them is never written over it.
        setError(
          new ContractError(
            'VALIDATION',
            'Nội dung đã lưu có phần trình soạn thảo này không hiển thị được; Tòa Soạn không lưu đè bản thiếu phần đó.',
            'The saved body holds parts this editor cannot show; Tòa Soạn does not save a body without them over it.',
          ),
        );
        return 'stop';
      }
      try {
        let saved: Article;
        if (!current) {
          // A new article exists once it has a title.
          if (!sent.title.trim()) return 'saved';
          saved = await call('articles.create', { ...fieldsOf(sent), ...(bodyChanged ? { bodyJson: sentBody } : {}) });
        } else {
          const fieldChanges = changedFields(draftOf(current), sent);
          const onlyBody = bodyChanged && Object.keys(fieldChanges).length === 0;
          const patched = onlyBody ? await saveChangedBlocks(current, sentBlocks, autosave) : null;
          // The article as stored: only its body, version and time changed (its HTML is the core's, never read here).
          if (patched)
            saved = { ...current, bodyJson: sentBody, version: patched.version, updatedAt: patched.updatedAt };
          else {
            const changes = { ...fieldChanges, ...(bodyChanged ? { bodyJson: sentBody } : {}) };
            if (Object.keys(changes).length === 0) return 'saved';
            saved = await call('articles.update', { id: current.id, baseVersion: current.version, changes, autosave });
          }
        }
        articleRef.current = saved;
        savedBodyRef.current = sentBody;
        savedBlocksRef.current = sentBlocks;
        // What the editor wrote holds only the types it makes: nothing unknown is left to keep.
        if (bodyChanged) savedUnknownRef.current = { json: sentBody, holds: false };
        setArticle(saved);
        setDraft((now) => mergeSaved(now, sent, draftOf(saved)));
        setError(null);
        // A save by hand always keeps a revision; an autosave only when none was kept for a while.
        const newest = newestRevisionAt.current;
        if (!autosave || newest === null || Date.now() - newest >= AUTOSAVE_REVISION_MINUTES * 60_000)
          setHistoryKey((n) => n + 1);
        onSaved(saved);
        return 'saved';
      } catch (failure) {
        setError(failure);
        // A conflict or a refused field will not go away by retrying; anything else (a lock, the connection) may.
        const final =
          failure instanceof ContractError &&
          (failure.code === 'CONFLICT' || failure.code === 'VALIDATION' || failure.code === 'NOT_FOUND');
        return final ? 'stop' : 'retry';
      }
    },
    [onSaved, bodyNow, saveChangedBlocks],
  );

  const autosave = useAutosave(save);
  const edited = autosave.touched;

  useEffect(() => {
    leaveGuard.current = autosave.flush;
    return () => {
      leaveGuard.current = null;
    };
  }, [leaveGuard, autosave.flush]);

  // Closing the window or hiding the tab saves what is pending.
  const { flush: flushAutosave } = autosave;
  useEffect(() => {
    const flush = () => void flushAutosave();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [flushAutosave]);

  const onBodyChange = useCallback(
    (editor: LexicalEditor) => {
      bodyNow.changed(editor);
      edited();
      qualitySignal.notify();
    },
    [bodyNow, edited, qualitySignal],
  );

  // The form's fields are checked too: a change of one arms the panel's timer, as the body's edits do above.
  useEffect(() => qualitySignal.notify(), [draft, qualitySignal]);
  const readQualityDraft = useCallback((): QualityDraftInput => {
    const fields = fieldsOf(draftRef.current);
    return {
      title: fields.title,
      lead: fields.lead ?? '',
      author: fields.author ?? '',
      department: fields.department ?? '',
      categoryId: fields.categoryId ?? null,
      featuredImage: fields.featuredImage ?? null,
      featuredCaption: fields.featuredCaption ?? '',
      bodyJson: bodyNow.current(),
    };
  }, [bodyNow]);
  const fixField = useCallback(
    (field: FixableField, finding: QualityFindingShape) => {
      setDraft((current) => {
        const value = current[field];
        // Only the very letters the check saw: the field may have changed since.
        if (value.slice(finding.start, finding.end) !== finding.text) return current;
        return {
          ...current,
          [field]: value.slice(0, finding.start) + (finding.suggestion ?? '') + value.slice(finding.end),
        };
      });
      edited();
    },
    [edited],
  );

  // Stable, so that a render of this screen (a save's outcome) leaves the memoised editor alone.
  const onImageAdded = useCallback((name: string) => notify('info', t('editor.imageAdded', { name })), [notify, t]);
  const onAttachmentNotice = useCallback((message: string) => notify('info', message), [notify]);
  const onEditorError = useCallback((failure: unknown) => notify('error', errorText(failure)), [notify, errorText]);

  const onRevisionsLoaded = useCallback((list: ChannelOutput<'articles.revisions'>) => {
    setRevisions(list.length);
    newestRevisionAt.current = list[0] ? Date.parse(list[0].createdAt) : null;
  }, []);

  const openGoodRevision = async () => {
    if (!article || (body.kind !== 'broken' && body.kind !== 'unsupported') || body.goodVersion === null) return;
    const revision = await call('articles.revision', { id: article.id, version: body.goodVersion });
    bodyNow.reset(revision.bodyJson);
    setBody({ kind: 'ready', json: revision.bodyJson });
    setBodyKey((n) => n + 1);
    edited();
  };

  const keepCopy = async () => {
    try {
      // The copy gets a slug of its own, made from its title.
      const { slug: _slug, ...fields } = fieldsOf(draftRef.current);
      const copy = await call('articles.create', {
        ...fields,
        title: t('article.copyTitle', { title: draftRef.current.title }),
        bodyJson: bodyNow.current(),
      });
      notify('info', t('article.copySaved', { title: copy.title }));
      if (article) await load(article.id);
    } catch (failure) {
      setError(failure);
    }
  };

  const trash = async () => {
    if (!article) return onBack();
    try {
      await autosave.flush();
      await call('articles.trash', { id: article.id });
      onTrashed(article);
    } catch (failure) {
      setError(failure);
    }
  };

  const preview = async () => {
    if (await autosave.flush()) setPreviewing(true);
  };

  const saveNow = () => void autosave.flush();
  useShortcuts({
    'mod+s': saveNow,
    'mod+shift+p': () => void preview(),
    escape: () => !previewing && onBack(),
  });

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    if (!canEdit) return;
    const value = event.target.value;
    setDraft((current) => ({ ...current, [key]: value }));
    edited();
  };

  // Writers edit their own drafts and returned articles; editors and admins edit any; the approving leader none
  // (the core checks it again).
  const canEdit =
    user.role === 'editor' ||
    user.role === 'admin' ||
    article === null ||
    (article.ownerId === user.id && (article.status === 'draft' || article.status === 'returned'));

  const afterStep = (moved: Article, action: TransitionAction) => {
    notify('info', t('workflow.done', { action: t(`workflow.${action}`).replace('…', ''), title: moved.title }));
    // The button pressed is gone with the step: the caret goes to the article's new status, which is read out.
    void load(moved.id).then(() => requestAnimationFrame(() => statusRef.current?.focus()));
    onChanged();
  };

  const slugPlaceholder = useMemo(() => slugify(draft.title), [draft.title]);
  const dirty = useMemo(
    () => (article ? Object.keys(changedFields(draftOf(article), draft)).length > 0 : draft.title.trim() !== ''),
    [article, draft],
  );

  if (loadError) {
    return (
      <section className="screen" aria-labelledby="article-heading">
        <h1 tabIndex={-1} id="article-heading">
          {t('article.edit')}
        </h1>
        <InlineError error={loadError} />
        <button type="button" className="button" onClick={onBack}>
          {t('article.back')}
        </button>
      </section>
    );
  }

  const conflict = error instanceof ContractError && error.code === 'CONFLICT';
  const issuesFor = (field: string) =>
    error instanceof ContractError
      ? (error.issues ?? []).filter((issue) => issue.path === field || issue.path === `changes.${field}`)
      : [];
  const fieldError = (field: string) => {
    const issues = issuesFor(field);
    return issues.length === 0 ? null : (
      <span className="field-error" id={`${formId}-${field}-error`}>
        {issues.map((issue) => errorText(issue)).join('; ')}
      </span>
    );
  };
  const describedBy = (field: string) => (issuesFor(field).length > 0 ? `${formId}-${field}-error` : undefined);
  return (
    <section
      className="screen article-screen"
      aria-labelledby="article-heading"
      onBlur={(event) => {
        // Leaving the article's fields for elsewhere in the app saves what is pending.
        if (!event.currentTarget.contains(event.relatedTarget)) void autosave.flush();
      }}
    >
      <header className="screen-header">
        <button type="button" className="button button-ghost" onClick={onBack} title="Esc">
          ← {t('article.back')}
        </button>
        <h1 tabIndex={-1} id="article-heading">
          {article ? t('article.edit') : t('article.new')}
        </h1>
        <SaveState
          status={autosave.status}
          exists={article !== null}
          unsaved={() => dirty || (body.kind === 'ready' && bodyNow.mayDiffer(savedBodyRef.current))}
        />
        <div className="header-actions">
          {article && !article.trashedAt && canEdit ? (
            <button type="button" className="button button-danger-ghost" onClick={() => void trash()}>
              {t('article.trash')}
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => void preview()}
            disabled={!article && !draft.title.trim()}
            title="Ctrl+Shift+P"
          >
            {t('preview.open')}
          </button>
          {canEdit ? <SaveButton status={autosave.status} onSave={saveNow} /> : null}
        </div>
      </header>

      {article?.trashedAt ? <p className="banner banner-warning">{t('article.inTrash')}</p> : null}
      {article?.status === 'returned' && returnReason ? (
        <p className="banner banner-warning" role="note">
          {t('workflow.returnedBanner', { reason: returnReason })}
        </p>
      ) : null}
      {!canEdit ? (
        <p className="banner banner-info">
          {t(user.role === 'leader' ? 'approval.leaderReadOnly' : 'workflow.readOnly')}
        </p>
      ) : null}
      {error ? (
        <div className="banner banner-error" role="alert">
          <p>{conflict ? `${t('article.conflict')} ${errorText(error)}` : errorText(error)}</p>
          {conflict && article ? (
            <div className="banner-actions">
              <button type="button" className="button" onClick={() => void load(article.id)}>
                {t('article.reload')}
              </button>
              <button type="button" className="button" onClick={() => void keepCopy()}>
                {t('article.keepCopy')}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="article-layout" role="group" aria-label={t('article.form')}>
        <div className="article-main">
          <fieldset className="plain-fieldset" disabled={!canEdit}>
            <label className="field">
              <span className="field-label">{t('article.title')}</span>
              <textarea
                ref={titleRef}
                data-quality-field="title"
                className="title-input"
                rows={2}
                value={draft.title}
                onChange={set('title')}
                maxLength={500}
                required
                aria-describedby={describedBy('title')}
              />
              {fieldError('title')}
            </label>
            <label className="field">
              <span className="field-label">{t('article.lead')}</span>
              <textarea
                rows={3}
                value={draft.lead}
                onChange={set('lead')}
                data-quality-field="lead"
                maxLength={2000}
                aria-describedby={describedBy('lead')}
              />
              {fieldError('lead')}
            </label>
          </fieldset>
          <div className="field">
            <span className="field-label" aria-hidden="true">
              {t('editor.body')}
            </span>
            {body.kind === 'ready' ? (
              <ArticleEditor
                key={bodyKey}
                editable={canEdit}
                initialJson={body.json}
                onChange={onBodyChange}
                onImageBusy={setImageBusy}
                onImageAdded={onImageAdded}
                onError={onEditorError}
                editorRef={editorRef}
              />
            ) : null}
            {body.kind === 'unsupported' ? (
              <div
                className="editor-readonly-body article-body"
                aria-label={t('editor.body')}
                role="region"
                dangerouslySetInnerHTML={{ __html: renderBodyHtml(body.body, { mediaUrl }) }}
              />
            ) : null}
            {body.kind === 'broken' || body.kind === 'unsupported' ? (
              <div className="banner banner-error" role="alert">
                <p>
                  {body.kind === 'broken'
                    ? t('editor.bodyBroken')
                    : t('editor.bodyUnsupported', { types: body.types.join(', ') })}
                </p>
                <div className="banner-actions">
                  {body.goodVersion !== null ? (
                    <button type="button" className="button" onClick={() => void openGoodRevision()}>
                      {t('editor.openRevision', { version: body.goodVersion })}
                    </button>
                  ) : (
                    <span>{t('editor.noGoodRevision')}</span>
                  )}
                </div>
              </div>
            ) : null}
            {body.kind === 'loading' ? <p className="muted">{t('library.loading')}</p> : null}
            {imageBusy ? (
              <p className="muted" role="status">
                {t('editor.uploading')} {imageBusy}
              </p>
            ) : null}
            {fieldError('bodyJson')}
          </div>
          {article ? (
            <AttachmentsPanel
              articleId={article.id}
              editable={canEdit && !article.trashedAt}
              onNotice={onAttachmentNotice}
              onChanged={attachmentsChanged}
            />
          ) : null}
          {article ? (
            <div className="review-panels">
              <CommentsPanel articleId={article.id} refreshKey={commentsKey} />
              <RevisionsPanel
                article={article}
                historyKey={historyKey}
                onLoaded={onRevisionsLoaded}
                canRestore={canEdit}
                beforeRestore={autosave.flush}
                onRestored={(version) => {
                  notify('info', t('revisions.restored', { version }));
                  void load(article.id);
                  onChanged();
                }}
              />
            </div>
          ) : null}
        </div>

        <aside className="article-side" aria-label={t('article.meta')}>
          {article ? (
            <WorkflowPanel
              article={article}
              user={user}
              contentKey={attachmentsKey}
              beforeStep={autosave.flush}
              onDone={afterStep}
            />
          ) : null}
          <QualityPanel
            signal={qualitySignal}
            readDraft={readQualityDraft}
            editorRef={editorRef}
            editable={canEdit}
            onFixField={fixField}
          />
          <dl className="facts">
            <dt>{t('article.status')}</dt>
            <dd>
              <span ref={statusRef} tabIndex={-1}>
                <StatusBadge status={article?.status ?? 'draft'} />
              </span>
            </dd>
            <dt>{t('article.dateLine')}</dt>
            <dd>{draft.publishedAt ? portalDateLine(fromVietnamLocalInput(draft.publishedAt)) : t('common.none')}</dd>
            <dt>{t('article.views')}</dt>
            <dd>{article ? article.viewCount : 0}</dd>
            <dt>{t('article.version')}</dt>
            <dd>{article ? article.version : t('common.none')}</dd>
            <dt>{t('article.revisions')}</dt>
            <dd>{revisions}</dd>
            <dt>{t('article.updated')}</dt>
            <dd>{article ? shortDateTime(article.updatedAt) : t('common.none')}</dd>
          </dl>
          <fieldset className="plain-fieldset" disabled={!canEdit}>
            <CategorySelect
              label={t('article.category')}
              emptyLabel={t('library.noCategory')}
              categories={categories}
              value={draft.categoryId ? Number(draft.categoryId) : null}
              onChange={(categoryId) => set('categoryId')({ target: { value: categoryId ? String(categoryId) : '' } })}
            />
            <DateTimeField
              label={t('article.publishedAt')}
              value={draft.publishedAt}
              onChange={(publishedAt) => set('publishedAt')({ target: { value: publishedAt } })}
            />
            <label className="field">
              <span className="field-label">{t('article.author')}</span>
              <input
                value={draft.author}
                onChange={set('author')}
                data-quality-field="author"
                maxLength={200}
                aria-describedby={describedBy('author')}
              />
              {fieldError('author')}
            </label>
            <label className="field">
              <span className="field-label">{t('article.department')}</span>
              <input
                value={draft.department}
                onChange={set('department')}
                data-quality-field="department"
                maxLength={200}
                aria-describedby={describedBy('department')}
              />
              {fieldError('department')}
            </label>
            <FeaturedImageField
              value={draft.featuredImage}
              onChange={(ref) => {
                setDraft((current) => ({ ...current, featuredImage: ref }));
                edited();
              }}
              onError={(failure) => notify('error', errorText(failure))}
            />
            <label className="field">
              <span className="field-label">{t('article.featuredCaption')}</span>
              <textarea
                rows={2}
                value={draft.featuredCaption}
                onChange={set('featuredCaption')}
                maxLength={1000}
                data-quality-field="featuredCaption"
              />
            </label>
            <label className="field">
              <span className="field-label">{t('article.slug')}</span>
              <input
                value={draft.slug}
                onChange={set('slug')}
                placeholder={slugPlaceholder}
                aria-describedby={`${formId}-slug-hint`}
                spellCheck={false}
              />
              <span className="field-hint" id={`${formId}-slug-hint`}>
                {t('article.slugHint')}
              </span>
              {fieldError('slug')}
            </label>
          </fieldset>
        </aside>
      </div>
      {previewing && article ? <PreviewDialog articleId={article.id} onClose={() => setPreviewing(false)} /> : null}
    </section>
  );
}
