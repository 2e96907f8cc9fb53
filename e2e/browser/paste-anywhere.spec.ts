import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { bodyEditor, pasteHtml } from '../support/editor';
import { expect, openApp, test } from '../support/fixtures';

/**
 * Every clipboard fixture (tests/fixtures/paste) pasted into each place a writer pastes into: a list item, a nested
 * list item, a quote, a heading and a table cell. The caret sits at the end of the word ĐÍCH in that place; the
 * structure that comes out is read from the editor's own document (what autosave stores).
 */
const FIXTURES = path.resolve('tests', 'fixtures', 'paste');

type ListType = 'bullet' | 'number';
interface Expected {
  /** Paragraphs (or headings) in order, before any list. */
  blocks?: string[];
  /** List items in order: text, depth within the pasted list, list type. */
  items?: [string, number, ListType][];
  /** Cell texts of a pasted table. */
  table?: string[];
}

const EXPECTED: Record<string, Expected> = {
  'word-numbered-list.html': {
    items: [
      ['Item1', 0, 'number'],
      ['Item 2', 0, 'number'],
    ],
  },
  'word-bulleted-list.html': {
    blocks: ['List:'],
    items: [
      ['Bold', 0, 'bullet'],
      ['Link', 0, 'bullet'],
      ['Multiple', 0, 'bullet'],
    ],
  },
  'word-nested-mixed-list.html': {
    items: [
      ['A1', 0, 'bullet'],
      ['B2', 1, 'number'],
      ['C4', 2, 'bullet'],
      ['D3', 2, 'number'],
      ['E1', 0, 'bullet'],
      ['F2', 1, 'number'],
    ],
  },
  'word-font-colors-sizes.html': {
    blocks: ['RAINBOW', 'RAINBOW', 'RAINBOW', 'RAINBOW', 'RAINBOW', 'Highlight', 'Highlight'],
  },
  'word-color-size-fullpage.html': { blocks: ['A/K:', 'T ID: 1'] },
  'gdocs-bold-wrapper.html': { blocks: ['Hello world'] },
  'gdocs-mixed-list.html': {
    items: [
      ['1', 0, 'number'],
      ['A', 1, 'bullet'],
      ['1', 2, 'number'],
      ['2', 0, 'number'],
      ['3', 0, 'number'],
      ['A', 1, 'bullet'],
      ['B', 1, 'bullet'],
      ['A', 0, 'bullet'],
      ['1', 1, 'number'],
      ['2', 1, 'number'],
    ],
  },
  'gdocs-newsletter-colors-sizes.html': {
    blocks: [
      'CKSource Newsletter',
      'We have a surprise!',
      'Lorem ipsum dolor sit amet, consectetuer adipiscing.',
      'by Your Name on September 04',
      // The long paragraph, by its first words.
      'Lorem ipsum dolor sit amet, consectetuer',
    ],
    table: ['Simple', 'Table', 'From', 'GDocs'],
    items: [
      ['Some simple list', 0, 'number'],
      ['With nested items', 1, 'number'],
      ['Some simple list', 1, 'number'],
      ['With nested items', 2, 'number'],
      ['Some simple list', 2, 'number'],
      ['With nested items', 1, 'number'],
      ['Some simple list', 1, 'number'],
      ['With nested items', 2, 'number'],
      ['Some simple list', 3, 'number'],
      ['With nested items', 4, 'number'],
      ['Some simple list', 2, 'number'],
      ['With nestem items', 0, 'number'],
    ],
  },
};

type Json = { type: string; text?: string; children?: Json[]; listType?: ListType; tag?: string };

const text = (node: Json): string =>
  node.type === 'text'
    ? (node.text ?? '')
    : (node.children ?? [])
        .filter((c) => c.type !== 'list')
        .map(text)
        .join('');

interface Item {
  text: string;
  depth: number;
  type: ListType;
}

/** Every list item in the document with its own text, depth and list type, in document order. */
function itemsOf(node: Json, depth = -1, out: Item[] = []): Item[] {
  for (const child of node.children ?? []) {
    if (child.type === 'list') {
      for (const item of child.children ?? []) {
        const own = text(item);
        if (own) out.push({ text: own, depth: depth + 1, type: child.listType as ListType });
        itemsOf(item, depth + 1, out);
      }
    } else itemsOf(child, depth, out);
  }
  return out;
}

/** All the document's text: its blocks' and its list items'. */
const wordsOf = (doc: Json): string =>
  text({ type: 'root', children: [doc] }) +
  itemsOf(doc)
    .map((item) => item.text)
    .join('');

function blocksOf(node: Json, out: Json[] = []): Json[] {
  for (const child of node.children ?? []) {
    if (['paragraph', 'heading', 'quote'].includes(child.type)) out.push(child);
    else if (child.type !== 'list') blocksOf(child, out);
  }
  return out;
}

const p = (value: string) => ({
  type: 'paragraph',
  version: 1,
  children: [{ type: 'text', text: value, format: 0, style: '', version: 1 }],
});
const li = (...children: unknown[]) => ({ type: 'listitem', version: 1, value: 1, children });
const t = (value: string) => ({ type: 'text', text: value, format: 0, style: '', version: 1 });
const ul = (...items: unknown[]) => ({
  type: 'list',
  version: 1,
  listType: 'bullet',
  start: 1,
  tag: 'ul',
  children: items,
});
const cell = (...children: unknown[]) => ({ type: 'tablecell', version: 1, headerState: 0, colSpan: 1, children });

interface Place {
  name: string;
  blocks: unknown[];
  /** The depth of ĐÍCH's list item, or null outside lists. */
  depth: number | null;
}

const PLACES: Place[] = [
  { name: 'a list item', depth: 0, blocks: [ul(li(t('Mục một')), li(t('ĐÍCH')), li(t('Mục cuối')))] },
  { name: 'a nested list item', depth: 1, blocks: [ul(li(t('Mục một')), li(ul(li(t('ĐÍCH')))), li(t('Mục cuối')))] },
  { name: 'a quote', depth: null, blocks: [{ type: 'quote', version: 1, children: [t('ĐÍCH')] }, p('Sau')] },
  {
    name: 'a heading',
    depth: null,
    blocks: [{ type: 'heading', tag: 'h2', version: 1, children: [t('ĐÍCH')] }, p('Sau')],
  },
  {
    name: 'a table cell',
    depth: null,
    blocks: [
      {
        type: 'table',
        version: 1,
        children: [
          { type: 'tablerow', version: 1, children: [cell(p('Ô một')), cell(p('ĐÍCH'))] },
          { type: 'tablerow', version: 1, children: [cell(p('Ô ba')), cell(p('Ô bốn'))] },
        ],
      },
      p('Sau'),
    ],
  },
];

async function setBody(page: Page, blocks: unknown[]): Promise<void> {
  await page.evaluate((children) => {
    const root = document.querySelector('[contenteditable="true"]') as HTMLElement & {
      __lexicalEditor: { setEditorState(state: unknown): void; parseEditorState(json: string): unknown };
    };
    const editor = root.__lexicalEditor;
    editor.setEditorState(editor.parseEditorState(JSON.stringify({ root: { type: 'root', version: 1, children } })));
  }, blocks);
}

/** The caret right after ĐÍCH, set as a writer's click would (through the DOM selection Lexical follows). */
async function caretAfterTarget(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.querySelector('[contenteditable="true"]') as HTMLElement;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.textContent !== 'ĐÍCH') continue;
          root.focus();
          window.getSelection()?.setBaseAndExtent(node, 4, node, 4);
          const editor = (root as HTMLElement & { __lexicalEditor: { getEditorState(): { _selection: unknown } } })
            .__lexicalEditor;
          const selection = editor.getEditorState()._selection as { anchor?: { offset: number } } | null;
          return selection?.anchor?.offset ?? -1;
        }
        return -2;
      }),
    )
    .toBe(4);
}

async function body(page: Page): Promise<Json> {
  return page.evaluate(() => {
    const root = document.querySelector('[contenteditable="true"]') as HTMLElement & {
      __lexicalEditor: { getEditorState(): { toJSON(): { root: unknown } } };
    };
    return root.__lexicalEditor.getEditorState().toJSON().root as Json;
  });
}

for (const place of PLACES) {
  test(`every fixture pasted into ${place.name} keeps its structure`, async ({ page, host }) => {
    test.setTimeout(120_000);
    await openApp(page, host);
    await page.getByRole('button', { name: 'Bắt đầu với thư viện trống' }).click();
    await page.keyboard.press('Control+n');
    await page.getByRole('textbox', { name: 'Tiêu đề', exact: true }).fill(`Dán vào ${place.name}`);
    const editor = bodyEditor(page);
    await editor.click();
    for (const [name, expected] of Object.entries(EXPECTED)) {
      await test.step(name, async () => {
        await setBody(page, place.blocks);
        await caretAfterTarget(page);
        const before = wordsOf(await body(page));
        await pasteHtml(page, fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
        await expect.poll(async () => JSON.stringify(await body(page)).length).toBeGreaterThan(0);
        const doc = await body(page);
        const items = itemsOf(doc);
        const blocks = blocksOf(doc).map(text);
        const all = JSON.stringify(doc);
        const words = wordsOf(doc);
        // Nothing of the fixture is lost, nothing of the place either.
        for (const [value] of expected.items ?? []) expect(words, name).toContain(value);
        for (const value of expected.blocks ?? []) expect(words, name).toContain(value);
        expect(words).toContain('ĐÍCH');

        const pastedFirst = expected.blocks?.[0] ?? expected.items?.[0]?.[0];
        if (place.depth !== null) {
          // In a list: the first pasted paragraph or item joins ĐÍCH's item, the rest become items of the list.
          const at = items.findIndex((item) => item.text.startsWith('ĐÍCH'));
          expect(at, name).toBeGreaterThanOrEqual(0);
          expect(items[at]!.text).toBe(`ĐÍCH${pastedFirst}`);
          const paragraphs = (expected.blocks ?? []).slice(1);
          const bullet: ListType = 'bullet';
          const want: Item[] = [
            ...paragraphs.map((value) => ({ text: value, depth: place.depth!, type: bullet })),
            ...(expected.items ?? []).slice(expected.blocks ? 0 : 1).map(([value, depth, type]) => ({
              text: value,
              depth: place.depth! + depth,
              // Items at the caret's depth join its list; deeper ones keep their own lists.
              type: depth === 0 ? bullet : type,
            })),
          ];
          const pasted = items.slice(at + 1, at + 1 + want.length);
          expect(
            pasted.map((item) => [item.text.slice(0, 40), item.depth, item.type]),
            name,
          ).toEqual(want.map((item) => [item.text.slice(0, 40), item.depth, item.type]));
          expect(items.map((item) => item.text)).toContain('Mục cuối');
        } else {
          // Elsewhere: a leading paragraph joins the block at the caret; a list starts after it and stays a list,
          // with its depths and types.
          expect(blocks, name).toContain(expected.blocks ? `ĐÍCH${pastedFirst}` : 'ĐÍCH');
          expect(
            items.map((item) => [item.text, item.depth, item.type]),
            name,
          ).toEqual((expected.items ?? []).map(([value, depth, type]) => [value, depth, type]));
        }
        if (expected.table) {
          const table = place.name === 'a table cell' ? 'flattened into the cell' : 'a table';
          if (table === 'a table') expect(all, name).toContain('"type":"tablerow"');
          for (const value of expected.table) expect(blocks, `${name}: ${table}`).toContain(value);
        }
        // One Ctrl+Z takes the paste back.
        await page.keyboard.press('Control+z');
        await expect.poll(async () => wordsOf(await body(page))).toBe(before);
      });
    }
  });
}
