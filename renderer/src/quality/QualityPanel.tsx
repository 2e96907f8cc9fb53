import type { LexicalEditor } from 'lexical';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import type { QualityFindingShape } from '../../../shared/contract/quality';
import { call } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import type { ChangeSignal } from './change-signal';
import { applySuggestion, findingRange, selectFinding } from './locate';
import { SpellingMenu } from './SpellingMenu';
import './quality.css';

export type QualityDraftInput = Extract<ChannelInput<'quality.check'>, { draft: unknown }>['draft'];
/** The fields a one-click fix may change in the form (the body is changed in the editor). */
export type FixableField = 'title' | 'lead' | 'author' | 'department' | 'featuredCaption';
const FIXABLE: readonly string[] = ['title', 'lead', 'author', 'department', 'featuredCaption'];

/** How long typing must pause before the article is checked again. */
const PAUSE_MS = 700;
/** The name of the CSS highlight that marks words in the body (quality.css styles it). */
const HIGHLIGHT = 'toasoan-quality';
const MARKED = /^(spelling\.|tone\.)/;
const WORD_RULES = new Set(['spelling.unknown-word', 'spelling.telex']);

const keyOf = (f: QualityFindingShape) => `${f.rule}|${f.field}|${f.path?.join('.') ?? ''}|${f.part ?? ''}|${f.text}`;

/** An idle moment of the page, so a check never runs between two keys of a word being typed. */
function whenIdle(run: () => void): () => void {
  const w = window as Window & {
    requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number;
    cancelIdleCallback?: (id: number) => void;
  };
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(run, { timeout: 2000 });
    return () => w.cancelIdleCallback?.(id);
  }
  const id = window.setTimeout(run, 0);
  return () => window.clearTimeout(id);
}

type Highlights = { set(name: string, value: unknown): void; delete(name: string): void };
const cssHighlights = (): Highlights | null =>
  (globalThis as unknown as { CSS?: { highlights?: Highlights } }).CSS?.highlights ?? null;
const HighlightClass = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;

interface Props {
  signal: ChangeSignal;
  /** The article as the form and the editor hold it now (read only when a check runs). */
  readDraft: () => QualityDraftInput;
  editorRef: MutableRefObject<LexicalEditor | null>;
  editable: boolean;
  onFixField: (field: FixableField, finding: QualityFindingShape) => void;
}

/**
 * Kiểm tra: the findings of the pre-publication check, live. A change only arms a timer; the check runs once typing
 * pauses, in an idle callback, in the core (quality.check with the unsaved draft), so a key costs nothing more.
 * Words the check doubts are marked in the body with the CSS Custom Highlight API: ranges over the editor's text,
 * never a change to the document.
 * Memoised: its props are stable, so an autosave's render of the article screen leaves the findings alone.
 */
export const QualityPanel = memo(function QualityPanel({ signal, readDraft, editorRef, editable, onFixField }: Props) {
  const { t, language, errorText } = useI18n();
  const [findings, setFindings] = useState<QualityFindingShape[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const running = useRef(false);
  const again = useRef(false);
  /** The article changed since the running check read it: its answer is about text that is gone. */
  const changedSinceRead = useRef(false);
  const readDraftRef = useRef(readDraft);
  readDraftRef.current = readDraft;

  const check = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setChecking(true);
    changedSinceRead.current = false;
    try {
      const { findings: found } = await call('quality.check', { draft: readDraftRef.current() });
      // An answer about text changed since is dropped (its marks would fall on the wrong words, and showing it would
      // lay out the panel under the writer's keys): the change has armed the next check.
      if (!changedSinceRead.current) {
        setFindings(found);
        setFailure(null);
      }
    } catch (error) {
      if (!changedSinceRead.current) setFailure(error);
    } finally {
      running.current = false;
      setChecking(false);
      if (again.current) {
        again.current = false;
        void check();
      }
    }
  }, []);

  useEffect(() => {
    let timer = 0;
    let cancelIdle: (() => void) | null = null;
    const schedule = () => {
      changedSinceRead.current = true;
      window.clearTimeout(timer);
      cancelIdle?.();
      timer = window.setTimeout(() => {
        cancelIdle = whenIdle(() => void check());
      }, PAUSE_MS);
    };
    cancelIdle = whenIdle(() => void check());
    const unsubscribe = signal.subscribe(schedule);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      cancelIdle?.();
    };
  }, [signal, check]);

  // What must be fixed first, then the warnings, each in reading order.
  const visible = useMemo(
    () =>
      (findings ?? [])
        .filter((f) => !ignored.has(keyOf(f)))
        .sort((a, b) => Number(b.severity === 'block') - Number(a.severity === 'block')),
    [findings, ignored],
  );

  const marked = useMemo(() => visible.filter((f) => f.field === 'body' && MARKED.test(f.rule)), [visible]);

  // Marks in the body for the words the check doubts.
  useEffect(() => {
    const highlights = cssHighlights();
    const editor = editorRef.current;
    if (!highlights || !HighlightClass || !editor) return;
    const ranges = marked.map((f) => findingRange(editor, f)).filter((range): range is Range => range !== null);
    highlights.set(HIGHLIGHT, new HighlightClass(...ranges));
    return () => highlights.delete(HIGHLIGHT);
  }, [marked, editorRef]);

  const goTo = (finding: QualityFindingShape) => {
    const editor = editorRef.current;
    if (finding.field === 'body') {
      if (editor) selectFinding(editor, finding);
      return;
    }
    const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      `[data-quality-field="${finding.field}"]`,
    );
    if (!input) return;
    input.focus();
    if (finding.end > finding.start) input.setSelectionRange(finding.start, finding.end);
  };

  const fix = (finding: QualityFindingShape, suggestion = finding.suggestion) => {
    if (finding.field === 'body') {
      const editor = editorRef.current;
      if (!editor || !applySuggestion(editor, { ...finding, suggestion })) return;
    } else if (FIXABLE.includes(finding.field)) onFixField(finding.field as FixableField, finding);
    else return;
    setFindings((list) => (list ?? []).filter((f) => f !== finding));
  };

  const addWord = async (finding: QualityFindingShape) => {
    try {
      await call('quality.addWord', { word: finding.text });
      setNotice(t('quality.wordAdded', { word: finding.text }));
      void check();
    } catch (error) {
      setFailure(error);
    }
  };

  const blocking = visible.filter((f) => f.severity === 'block').length;
  const hidden = (findings ?? []).length - visible.length;

  return (
    <section className="side-section quality-panel" aria-labelledby="quality-heading">
      <h2 id="quality-heading">{t('quality.title')}</h2>
      <p className="quality-status" role="status">
        {checking && findings === null
          ? t('quality.checking')
          : visible.length === 0
            ? t('quality.clean')
            : t('quality.counts', { blocking, warnings: visible.length - blocking })}
      </p>
      {failure ? <p className="field-error">{t('quality.failed', { reason: errorText(failure) })}</p> : null}
      {notice ? <p className="muted">{notice}</p> : null}
      {visible.length > 0 ? (
        <ul className="quality-list" tabIndex={0} aria-label={t('quality.title')}>
          {visible.map((finding) => {
            const message = language === 'vi' ? finding.message : finding.messageEn;
            const canFix =
              editable &&
              finding.suggestion !== undefined &&
              (finding.field === 'body' ? (finding.part ?? 'text') === 'text' : FIXABLE.includes(finding.field));
            return (
              <li key={`${keyOf(finding)}|${finding.start}`} className={`quality-item quality-${finding.severity}`}>
                <button type="button" className="quality-go" onClick={() => goTo(finding)}>
                  <span className="quality-where">
                    {t(finding.severity === 'block' ? 'quality.block' : 'quality.warn')} ·{' '}
                    {t(`quality.field.${finding.field}` as MessageKey)}
                  </span>
                  <span className="quality-message">{message}</span>
                </button>
                <div className="quality-actions">
                  {canFix ? (
                    <button
                      type="button"
                      className="button button-small button-primary"
                      aria-label={
                        finding.suggestion === ''
                          ? t('quality.deleteLabel', { text: finding.text })
                          : t('quality.fixLabel', { text: finding.text, suggestion: finding.suggestion ?? '' })
                      }
                      onClick={() => fix(finding)}
                    >
                      {finding.suggestion === ''
                        ? t('quality.delete')
                        : t('quality.fix', { suggestion: finding.suggestion ?? '' })}
                    </button>
                  ) : null}
                  {WORD_RULES.has(finding.rule) ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('quality.addWordLabel', { text: finding.text })}
                      onClick={() => void addWord(finding)}
                    >
                      {t('quality.addWord')}
                    </button>
                  ) : null}
                  {finding.severity === 'warn' ? (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      aria-label={t('quality.ignoreLabel', { message })}
                      onClick={() => setIgnored((set) => new Set(set).add(keyOf(finding)))}
                    >
                      {t('quality.ignore')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {editable ? (
        <SpellingMenu
          editorRef={editorRef}
          marked={marked}
          canAddWord={(finding) => WORD_RULES.has(finding.rule)}
          onReplace={fix}
          onAddWord={(finding) => void addWord(finding)}
        />
      ) : null}
      {hidden > 0 ? (
        <p className="muted">
          {t('quality.ignored', { count: hidden })}{' '}
          <button type="button" className="button button-small button-ghost" onClick={() => setIgnored(new Set())}>
            {t('quality.showIgnored')}
          </button>
        </p>
      ) : null}
    </section>
  );
});
