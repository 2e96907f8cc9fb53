import type { LexicalEditor } from 'lexical';

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
  /** The editor whose document changed since `json` was taken; it stays readable after it is unmounted. */
  private changedIn: LexicalEditor | null = null;

  /** The editor's document changed: cheap, called on every key. */
  changed(editor: LexicalEditor): void {
    this.changedIn = editor;
  }

  /** The body was replaced from outside (a load, a revision opened): an editor's earlier changes no longer count. */
  reset(json: string | null): void {
    this.json = json;
    this.changedIn = null;
  }

  /** The body as it is now. */
  current(): string | null {
    if (this.changedIn) {
      this.json = JSON.stringify(this.changedIn.getEditorState().toJSON());
      this.changedIn = null;
    }
    return this.json;
  }

  /** Whether the body may differ from `saved`, without serialising it (any change not read since counts). */
  mayDiffer(saved: string | null): boolean {
    return this.changedIn !== null || this.json !== saved;
  }
}
