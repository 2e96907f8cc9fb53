/**
 * The words of the revisions panel that need no screen: what made a version, and a field's diff cut into paragraphs.
 */
import type { ChannelOutput } from '../../../shared/contract';
import type { VersionEvent, VersionHistoryEntry } from '../../../shared/contract/workflow';
import type { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

type Segment = ChannelOutput<'articles.diff'>['title'][number];

const EVENT_KEYS: Record<VersionEvent, MessageKey> = {
  created: 'revisions.event.created',
  autosave: 'revisions.event.autosave',
  saved: 'revisions.event.saved',
  restored: 'revisions.event.restored',
  received: 'revisions.event.received',
  submit: 'revisions.event.submit',
  return: 'revisions.event.return',
  approve: 'revisions.event.approve',
  schedule: 'revisions.event.schedule',
  publish: 'revisions.event.publish',
  update: 'revisions.event.update',
  unpublish: 'revisions.event.unpublish',
  reopen: 'revisions.event.reopen',
  withdraw: 'revisions.event.withdraw',
};

/** What made a version, as a phrase with who did it: "Lê Minh Tâm duyệt (bước 2/2)". */
export function versionEventText(entry: VersionHistoryEntry, i18n: I18n): string {
  const { t } = i18n;
  if (entry.event === null) return t('revisions.event.unknown');
  const key = EVENT_KEYS[entry.event];
  const who =
    entry.authorName ??
    (entry.event === 'publish' ? t('revisions.byQueue') : entry.event === 'received' ? t('revisions.bySite') : null);
  const what = t(key, { step: entry.step ?? 0, count: entry.stepCount ?? 0, version: entry.fromVersion ?? 0 });
  const step =
    entry.step !== null && entry.stepCount !== null
      ? ` ${t('revisions.step', { step: entry.step, count: entry.stepCount })}`
      : '';
  return who ? `${who} ${what}${step}` : `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}${step}`;
}

/** The segments split into paragraphs at blank lines (the body's blocks), each kept with its own changes. */
function paragraphs(segments: Segment[]): Segment[][] {
  const out: Segment[][] = [[]];
  for (const segment of segments) {
    const pieces = segment.text.split(/\n{2,}/);
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece !== '') out[out.length - 1]?.push({ op: segment.op, text: piece });
    });
  }
  return out.filter((paragraph) => paragraph.length > 0);
}

export type DiffBlock = { kind: 'paragraph'; changed: boolean; segments: Segment[] } | { kind: 'skipped' };

/**
 * A field's diff as paragraphs: each changed one, with the unchanged paragraph before and after it for context; a
 * run of other unchanged paragraphs is one 'skipped' mark (a long report's diff shows what changed, not all of it).
 */
export function diffBlocks(segments: Segment[]): DiffBlock[] {
  const blocks = paragraphs(segments);
  const changed = blocks.map((paragraph) => paragraph.some((segment) => segment.op !== 'same'));
  const out: DiffBlock[] = [];
  blocks.forEach((paragraph, i) => {
    if (changed[i] || changed[i - 1] || changed[i + 1])
      out.push({ kind: 'paragraph', changed: changed[i] === true, segments: paragraph });
    else if (out[out.length - 1]?.kind !== 'skipped') out.push({ kind: 'skipped' });
  });
  return out;
}
