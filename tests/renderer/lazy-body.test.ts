// @vitest-environment happy-dom
import { $createParagraphNode, $createTextNode, $getRoot, createEditor, type LexicalEditor } from 'lexical';
import { describe, expect, it, vi } from 'vitest';
import { LazyBody } from '../../renderer/src/editor/lazy-body';
import { joinBody } from '../../shared/render/body-blocks';

const newEditor = () =>
  createEditor({
    namespace: 'test',
    onError: (error) => {
      throw error;
    },
  });

function editorWith(text: string): LexicalEditor {
  const editor = newEditor();
  editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode(text))), { discrete: true });
  return editor;
}

const type = (editor: LexicalEditor, text: string) =>
  editor.update(() => $getRoot().getLastDescendant()?.getParentOrThrow().append($createTextNode(text)), {
    discrete: true,
  });

/** The text of a serialised body, read back through an editor. */
function textOf(json: string | null): string | null {
  if (json === null) return null;
  const editor = newEditor();
  return editor.parseEditorState(json).read(() => $getRoot().getTextContent());
}

describe('LazyBody', () => {
  it('serialises only when read after a change, and returns the same string until the next change', () => {
    const editor = editorWith('Đoạn một.');
    const body = new LazyBody();
    body.reset('{"stored":true}');
    const unchanged = vi.spyOn(editor.getEditorState(), 'toJSON');
    expect(body.current()).toBe('{"stored":true}');
    expect(unchanged).not.toHaveBeenCalled();

    type(editor, ' Thêm chữ.');
    const changed = vi.spyOn(editor.getEditorState(), 'toJSON');
    body.changed(editor);
    body.changed(editor);
    expect(changed).not.toHaveBeenCalled();
    const first = body.current();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(textOf(first)).toBe('Đoạn một. Thêm chữ.');
    // Read again without a change: the very same string, not serialised again.
    expect(body.current()).toBe(first);
    expect(changed).toHaveBeenCalledTimes(1);

    type(editor, ' Nữa.');
    body.changed(editor);
    expect(textOf(body.current())).toBe('Đoạn một. Thêm chữ. Nữa.');
  });

  it('tells whether the body may differ from the saved one without serialising', () => {
    const editor = editorWith('Bản đã lưu.');
    const body = new LazyBody();
    const saved = JSON.stringify(editor.getEditorState().toJSON());
    body.reset(saved);
    expect(body.mayDiffer(saved)).toBe(false);
    body.changed(editor);
    const toJSON = vi.spyOn(editor.getEditorState(), 'toJSON');
    expect(body.mayDiffer(saved)).toBe(true);
    expect(toJSON).not.toHaveBeenCalled();
    // Read (as a save does): the same document again, so nothing to save.
    expect(body.current()).toBe(saved);
    expect(body.mayDiffer(saved)).toBe(false);
  });

  it('still reads an editor that is gone, and forgets its changes when the body is replaced from outside', () => {
    const editor = editorWith('Gõ trước khi rời.');
    const body = new LazyBody();
    body.changed(editor);
    editor.setRootElement(null);
    expect(textOf(body.current())).toBe('Gõ trước khi rời.');

    type(editor, ' Sau đó.');
    body.changed(editor);
    body.reset('{"revision":2}');
    expect(body.current()).toBe('{"revision":2}');
  });
});

describe('LazyBody blocks', () => {
  it('writes the body as JSON.stringify would, cut at its top-level blocks', () => {
    const editor = editorWith('Đoạn một.');
    editor.update(() => $getRoot().append($createParagraphNode().append($createTextNode('Đoạn "hai" \\ [x]'))), {
      discrete: true,
    });
    const body = new LazyBody();
    body.changed(editor);
    const json = body.current();
    expect(json).toBe(JSON.stringify(editor.getEditorState().toJSON()));
    const blocks = body.blocks();
    expect(blocks?.blocks.map((block) => textOf(`{"root":{"children":[${block}],"type":"root","version":1}}`))).toEqual(
      ['Đoạn một.', 'Đoạn "hai" \\ [x]'],
    );
    expect(blocks && joinBody(blocks)).toBe(json);
    // A stored body, read back: cut on demand; none without a body.
    body.reset(json);
    expect(body.blocks()).toEqual(blocks);
    body.reset(null);
    expect(body.blocks()).toBeNull();
  });
});
