/**
 * The typing baseline: a bare Lexical rich-text editor (createEditor + registerRichText + registerHistory, the same
 * node classes as the body (tables included), no React, no toolbar, no plugins) on the document the bench serves as doc.json.
 * Bundled for the browser by scripts/build.mjs into dist/bench/bare-lexical.js; bench/figures/browser.ts serves it.
 * This file runs in Chromium, but is type-checked with the Node project (no DOM library): it names the few browser
 * objects it uses through `page` below.
 */
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode, registerList } from '@lexical/list';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { registerTablePlugin, TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { createEditor, type LexicalEditor } from 'lexical';

type RootElement = Parameters<LexicalEditor['setRootElement']>[0];

interface Page {
  document: { getElementById(id: string): RootElement };
  __benchReady?: boolean;
  __benchError?: string;
}
const page = globalThis as unknown as Page;

async function main(): Promise<void> {
  const editor = createEditor({
    namespace: 'bare',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, TableNode, TableRowNode, TableCellNode],
    theme: { paragraph: 'p', heading: { h2: 'h2', h3: 'h3' } },
    onError: (error) => {
      page.__benchError = String(error);
    },
  });
  editor.setRootElement(page.document.getElementById('editor'));
  registerRichText(editor);
  registerList(editor);
  // Tables as the app has them (@lexical/table's own plugin), for the document with tables.
  registerTablePlugin(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  const json = await (await fetch('doc.json')).text();
  editor.setEditorState(editor.parseEditorState(json));
  page.__benchReady = true;
}

main().catch((error: unknown) => {
  page.__benchError = String(error);
});
