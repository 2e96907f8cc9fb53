// @vitest-environment happy-dom
import { createEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { RENDERED_NODE_TYPES, renderBodyHtml } from '../../shared/render/article-html';
import { parseBody, type BodyDocument } from '../../shared/render/body-nodes';
import { bodyNodeTypes, droppedUnknownTypes, unknownNodeTypes } from '../../renderer/src/editor/body-types';
import { EDITOR_NODES } from '../../renderer/src/editor/nodes';

const text = (value: string) => ({
  type: 'text',
  text: value,
  format: 0,
  style: '',
  detail: 0,
  mode: 'normal',
  version: 1,
});
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  children,
  format: '',
  indent: 0,
  direction: null,
  version: 1,
  ...extra,
});
const paragraph = (...children: unknown[]) => element('paragraph', children, { textFormat: 0, textStyle: '' });
const cell = (value: string, headerState = 0) =>
  element('tablecell', [paragraph(text(value))], { headerState, colSpan: 1, rowSpan: 1 });

/** One body per node type the renderer knows, each holding that node as the editor would store it. */
const SAMPLES: Record<(typeof RENDERED_NODE_TYPES)[number], unknown> = {
  paragraph: paragraph(text('Đoạn văn')),
  heading: element('heading', [text('Tiêu đề')], { tag: 'h2' }),
  quote: element('quote', [text('Trích dẫn')]),
  list: element('list', [element('listitem', [text('Mục')], { value: 1 })], {
    listType: 'bullet',
    start: 1,
    tag: 'ul',
  }),
  listitem: element('list', [element('listitem', [text('Một')], { value: 1 })], {
    listType: 'number',
    start: 1,
    tag: 'ol',
  }),
  text: paragraph(text('Chữ')),
  linebreak: paragraph(text('Dòng 1'), { type: 'linebreak', version: 1 }, text('Dòng 2')),
  tab: paragraph(text('A'), { type: 'tab', text: '\t', format: 0, style: '', detail: 2, mode: 'normal', version: 1 }),
  link: paragraph(
    element('link', [text('Cổng')], { url: 'https://example.gov.vn', rel: null, target: null, title: null }),
  ),
  autolink: paragraph(
    element('autolink', [text('https://example.gov.vn')], {
      url: 'https://example.gov.vn',
      rel: null,
      target: null,
      title: null,
      isUnlinked: false,
    }),
  ),
  image: {
    type: 'image',
    version: 1,
    src: `media:${'a'.repeat(64)}.jpg`,
    alt: 'Ảnh',
    caption: 'Chú thích',
  },
  table: element(
    'table',
    [element('tablerow', [cell('Xã', 1), cell('Số hộ', 1)]), element('tablerow', [cell('A'), cell('12')])],
    {
      $: { caption: 'Số hộ theo xã' },
    },
  ),
  tablerow: element('table', [element('tablerow', [cell('Hàng')])]),
  tablecell: element('table', [element('tablerow', [cell('Ô')])]),
};

function body(block: unknown): BodyDocument {
  return {
    root: { type: 'root', format: '', indent: 0, direction: null, version: 1, children: [block] },
  } as BodyDocument;
}

/** The body loaded into a Lexical editor with the editor's nodes and serialised back (what autosave would write). */
function roundTrip(document: BodyDocument): BodyDocument {
  const editor = createEditor({
    nodes: EDITOR_NODES,
    onError: (error) => {
      throw error;
    },
  });
  const state = editor.parseEditorState(JSON.stringify(document));
  return state.toJSON() as unknown as BodyDocument;
}

describe('every node type the renderer knows opens in the editor and survives a save', () => {
  for (const type of RENDERED_NODE_TYPES) {
    it(type, () => {
      const stored = body(SAMPLES[type]);
      expect(bodyNodeTypes(stored).has(type)).toBe(true);
      expect(unknownNodeTypes(stored)).toEqual([]);
      const saved = roundTrip(stored);
      expect(bodyNodeTypes(saved).has(type)).toBe(true);
      expect(droppedUnknownTypes(stored, saved)).toEqual([]);
      // What the editor writes back renders the same as what was stored.
      const mediaUrl = (ref: string) => `/media/${ref.slice(6)}`;
      expect(renderBodyHtml(saved, { mediaUrl })).toBe(renderBodyHtml(stored, { mediaUrl }));
      expect(renderBodyHtml(saved, { mediaUrl })).not.toBe('');
    });
  }

  it('keeps a table caption (node state) through the editor', () => {
    const saved = roundTrip(body(SAMPLES.table));
    const html = renderBodyHtml(saved, { mediaUrl: () => null });
    expect(html).toContain('<caption>Số hộ theo xã</caption>');
  });
});

describe('a node type the editor does not know', () => {
  const stored = body(element('widget', [paragraph(text('Nội dung bên trong'))], { data: 'x' }));

  it('is named, so the article opens read-only', () => {
    expect(unknownNodeTypes(stored)).toEqual(['widget']);
  });

  it('cannot be loaded by the editor (Lexical refuses the whole document)', () => {
    expect(() => roundTrip(stored)).toThrow();
  });

  it('a body that lost it is never saved over the stored one', () => {
    const without = parseBody(JSON.stringify(body(paragraph(text('Nội dung bên trong')))));
    expect(droppedUnknownTypes(stored, without)).toEqual(['widget']);
    expect(droppedUnknownTypes(stored, stored)).toEqual([]);
  });

  it('still shows its text in the read-only view', () => {
    expect(renderBodyHtml(stored, { mediaUrl: () => null })).toContain('Nội dung bên trong');
  });
});
