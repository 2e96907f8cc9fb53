import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Word and character counts of the body, as editors of portals count them (letters and spaces, no markup). */
export function countText(text: string): { words: number; characters: number } {
  const trimmed = text.trim();
  return { words: trimmed ? trimmed.split(/\s+/u).length : 0, characters: [...text.replace(/\n/g, '')].length };
}

const STATS_DELAY_MS = 400;

export function StatsPlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useI18n();
  const [stats, setStats] = useState({ words: 0, characters: 0 });
  useEffect(() => {
    const read = () => editor.getEditorState().read(() => setStats(countText($getRoot().getTextContent())));
    read();
    // Counted once typing pauses: recounting a 20,000-word report on every key costs more than the key itself.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unregister = editor.registerTextContentListener(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(read, STATS_DELAY_MS);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unregister();
    };
  }, [editor]);
  return (
    <p className="editor-stats" aria-live="off">
      <span>{t('editor.words', { count: stats.words })}</span>
      <span>{t('editor.characters', { count: stats.characters })}</span>
    </p>
  );
}
