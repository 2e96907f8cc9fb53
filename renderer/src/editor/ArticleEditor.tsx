import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isElementNode, HISTORY_MERGE_TAG, type EditorState, type LexicalEditor, type LexicalNode } from 'lexical';
import { memo, useEffect, useState, type MutableRefObject } from 'react';
import { useI18n } from '../i18n/i18n';
import { safeLinkUrl } from './format';
import { EDIT_TAG } from './lazy-body';
import { EDITOR_NODES } from './nodes';
import { ImagesPlugin } from './plugins/ImagesPlugin';
import { OffscreenBlocksPlugin } from './plugins/OffscreenBlocksPlugin';
import { PastePlugin } from './plugins/PastePlugin';
import { ShortcutsPlugin } from './plugins/ShortcutsPlugin';
import { StatsPlugin } from './plugins/StatsPlugin';
import { TablesPlugin } from './plugins/TablesPlugin';
import { EDITOR_THEME } from './theme';
import { ToolbarPlugin } from './toolbar/ToolbarPlugin';

interface Props {
  /** False shows the body without letting it change (a writer reading someone else's article). */
  editable: boolean;
  /** The stored body (already checked with parseBody); null starts an empty document. */
  initialJson: string | null;
  /**
   * The document changed (not only the selection): called on every key, so it must stay cheap. The body is read
   * from `editor` only when it is needed (renderer/src/editor/lazy-body.ts), never serialised here.
   */
  onChange: (editor: LexicalEditor) => void;
  onImageBusy: (fileName: string | null) => void;
  onImageAdded: (fileName: string) => void;
  onError: (error: unknown) => void;
  /** Filled with the editor, for the screen's own actions (legacy conversion, tests). */
  editorRef: MutableRefObject<LexicalEditor | null>;
}

function EditorRef({ editorRef, editable }: { editorRef: MutableRefObject<LexicalEditor | null>; editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
    };
  }, [editor, editorRef]);
  useEffect(() => editor.setEditable(editable), [editor, editable]);
  return null;
}

/**
 * Whether an update changed the node: Lexical copies a node before it writes to it, and may copy one it then leaves as
 * it was (a full re-render copies the root); a copy counts only when its own fields or its children differ.
 */
function nodeChanged(key: string, before: EditorState, after: EditorState): boolean {
  const was = before._nodeMap.get(key);
  const is = after._nodeMap.get(key);
  if (was === is) return false;
  if (!was || !is) return true;
  const children = (node: LexicalNode) => ($isElementNode(node) ? [node.__first, node.__last, node.__size] : []);
  if (children(was).some((value, i) => value !== children(is)[i])) return true;
  return JSON.stringify(before.read(() => was.exportJSON())) !== JSON.stringify(after.read(() => is.exportJSON()));
}

/**
 * What OnChangePlugin with ignoreSelectionChange reported, without handing over the state: updates that change
 * nodes, except the initial state and Lexical's own history-merge updates (transforms run on load); a history-merge
 * update tagged EDIT_TAG (the slices of a long paste) is the writer's edit all the same. An update that marks nodes
 * dirty without writing any (the table plugin's full re-render when it mounts) is no edit: an article just opened
 * must not count as changed, nor be saved as a new version.
 */
function ChangePlugin({ onChange }: { onChange: (editor: LexicalEditor) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyElements, dirtyLeaves, editorState, prevEditorState, tags }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        if (prevEditorState.isEmpty() || (tags.has(HISTORY_MERGE_TAG) && !tags.has(EDIT_TAG))) return;
        const written = (key: string) => nodeChanged(key, prevEditorState, editorState);
        if (![...dirtyElements.keys()].some(written) && ![...dirtyLeaves].some(written)) return;
        onChange(editor);
      }),
    [editor, onChange],
  );
  return null;
}

const validateUrl = (url: string) => safeLinkUrl(url) !== null;

/** Memoised: the screen around it re-renders on a save's outcome, the editor (its toolbar, its plugins) need not. */
export const ArticleEditor = memo(function ArticleEditor({
  editable,
  initialJson,
  onChange,
  onImageBusy,
  onImageAdded,
  onError,
  editorRef,
}: Props) {
  const { t } = useI18n();
  // The initial state is read once: later renders must not reset what the writer is typing.
  const [initialConfig] = useState<InitialConfigType>(() => ({
    namespace: 'toasoan-body',
    nodes: EDITOR_NODES,
    theme: EDITOR_THEME,
    editorState: initialJson ?? undefined,
    editable,
    onError: (error: Error) => onError(error),
  }));
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="editor">
        {editable ? <ToolbarPlugin /> : null}
        <TablesPlugin editable={editable} />
        <div className="editor-surface">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-content"
                aria-label={t('editor.body')}
                aria-multiline="true"
                spellCheck
                lang="vi"
              />
            }
            placeholder={<div className="editor-placeholder">{t('editor.placeholder')}</div>}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <StatsPlugin />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={validateUrl} />
      <ShortcutsPlugin />
      <ImagesPlugin onBusy={onImageBusy} onAdded={onImageAdded} onError={onError} />
      <PastePlugin />
      <OffscreenBlocksPlugin />
      <ChangePlugin onChange={onChange} />
      <EditorRef editorRef={editorRef} editable={editable} />
    </LexicalComposer>
  );
});
