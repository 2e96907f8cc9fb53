import { ListNode } from '@lexical/list';
import { TableNode } from '@lexical/table';
import { $getNodeByKey, $getState, createState, mergeRegister, type LexicalEditor } from 'lexical';
import { LIST_STYLE_TYPES } from '../../../../shared/render/article-html';

/**
 * What the body keeps beyond Lexical's own node fields, as Lexical node state (serialised under `$`, kept by every
 * node without a subclass): a table's caption and a list's numbering style (a, b / i, ii from a paste). The one
 * renderer (shared/render/article-html.ts) reads the same keys.
 */
export const captionState = createState('caption', {
  parse: (value) => (typeof value === 'string' ? value.slice(0, 500) : ''),
});

export type ListStyleType = (typeof LIST_STYLE_TYPES)[number];

export const listStyleTypeState = createState('listStyleType', {
  parse: (value): ListStyleType | '' =>
    typeof value === 'string' && (LIST_STYLE_TYPES as readonly string[]).includes(value)
      ? (value as ListStyleType)
      : '',
});

/** Shows node state in the editor's DOM: a list's numbering style, a table's caption above it. */
export function registerNodeStateViews(editor: LexicalEditor): () => void {
  return mergeRegister(
    editor.registerMutationListener(ListNode, (mutations) =>
      editor.getEditorState().read(() => {
        for (const [key, mutation] of mutations) {
          if (mutation === 'destroyed') continue;
          const element = editor.getElementByKey(key);
          const node = $getNodeByKey(key);
          if (element && node) element.style.listStyleType = $getState(node, listStyleTypeState);
        }
      }),
    ),
    editor.registerMutationListener(TableNode, (mutations) =>
      editor.getEditorState().read(() => {
        for (const [key, mutation] of mutations) {
          if (mutation === 'destroyed') continue;
          const element = editor.getElementByKey(key);
          const node = $getNodeByKey(key);
          if (!element || !node) continue;
          const caption = $getState(node, captionState);
          if (caption) element.setAttribute('data-caption', caption);
          else element.removeAttribute('data-caption');
        }
      }),
    ),
  );
}
