import type { LexicalEditor } from 'lexical';
import { serializeBody, splitBody, type BodyBlocks } from '../../../shared/render/body-blocks';

/**
 * An update tag for edits that Lexical's history merges into the previous step (the later slices of a long paste):
 * they are the writer's edits all the same, to be saved.
 */
export const EDIT_TAG = 'toasoan-edit';

/**
 * The article body as the JSON that is stored, taken from the editor only when it is asked for after a change.
 * Serialising a 20,000-word body costs more than the key that changed it, so a key only marks the body changed;
 * a save, a copy or a preview reads `current()`, which serialises once and returns the same string until the next
 * change (so comparing it with the last saved body stays a cheap, exact test).
 */
export class LazyBody {
  private json: string | null = null;
  /** `json` cut at its blocks, when it has been (a save sends only the blocks that changed). */
  private parts: BodyBlocks | null = null;
  /** The editor whose document changed since `json` was taken; it stays readable after it is unmounted. */
  private changedIn: LexicalEditor | null = null;

  /** The editor's document changed: cheap, called on every key. */
  changed(editor: LexicalEditor): void {
    this.changedIn = editor;
  }

  /** The body was replaced from outside (a load, a revision opened): an editor's earlier changes no longer count. */
  reset(json: string | null): void {
    this.json = json;
    this.parts = null;
    this.changedIn = null;
  }

  /** The body as it is now. */
  current(): string | null {
    if (this.changedIn) {
      // Written block by block (the same text as JSON.stringify of the whole), so a save can compare blocks.
      ({ json: this.json, parts: this.parts } = serializeBody(this.changedIn.getEditorState().toJSON()));
      this.changedIn = null;
    }
    return this.json;
  }

  /** The body as it is now, cut at its top-level blocks; null without a body or for one that cannot be cut. */
  blocks(): BodyBlocks | null {
    const json = this.current();
    if (json !== null && this.parts === null) this.parts = splitBody(json);
    return json === null ? null : this.parts;
  }

  /** Whether the body may differ from `saved`, without serialising it (any change not read since counts). */
  mayDiffer(saved: string | null): boolean {
    return this.changedIn !== null || this.json !== saved;
  }
}
