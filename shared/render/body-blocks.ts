/**
 * A body's JSON text cut at its top-level blocks (the children of `root`), so that a save can carry only the blocks
 * that changed (articles.saveBody) and the core can put the same text back together byte for byte: the text is
 * `head + blocks.join(',') + tail`, each part exactly as it was written.
 */
export interface BodyBlocks {
  /** Everything up to and including the `[` that opens root's children. */
  head: string;
  /** Each top-level block's JSON text. */
  blocks: string[];
  /** Everything from the `]` that closes root's children. */
  tail: string;
}

/** The blocks that differ from a base: keep its first `keepStart` and last `keepEnd` blocks, these between them. */
export interface BodyPatch {
  keepStart: number;
  keepEnd: number;
  blocks: string[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Index of the quote that closes the string opened at `open`, or -1. */
function stringEnd(json: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const end = json.indexOf('"', from);
    if (end < 0) return -1;
    let backslashes = 0;
    while (json.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    from = end + 1;
  }
}

/**
 * Cuts a body's JSON text at root's children, or null when it is not `{"root": {…, "children": [{…}, …]}}` written
 * without spaces between the blocks (a text cut where it cannot be put back exactly is saved whole instead).
 * A walk over the text that only follows strings and nesting: the values are not parsed.
 */
export function splitBody(json: string): BodyBlocks | null {
  // Per open container: an object's current key (the last string read where a key goes), or null for an array.
  const keys: (string | null)[] = [];
  let expectKey = false;
  let childrenOpen = -1;
  let childrenClose = -1;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(json, i);
      if (end < 0) return null;
      if (expectKey) {
        keys[keys.length - 1] = json.slice(i + 1, end);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (keys.length === 3 && childrenClose < 0 && childrenOpen >= 0) {
        if (c !== 0x7b) return null;
        starts.push(i);
      }
      if (c === 0x5b && keys.length === 2 && keys[0] === 'root' && keys[1] === 'children') {
        if (childrenOpen >= 0) return null;
        childrenOpen = i;
      }
      keys.push(c === 0x7b ? '' : null);
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      keys.pop();
      if (keys.length === 3 && childrenOpen >= 0 && childrenClose < 0) ends.push(i + 1);
      else if (keys.length === 2 && c === 0x5d && childrenOpen >= 0 && childrenClose < 0) childrenClose = i;
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = typeof keys[keys.length - 1] === 'string';
    }
  }
  if (keys.length !== 0 || childrenOpen < 0 || childrenClose < 0 || starts.length !== ends.length) return null;
  // Exactly one comma between blocks, none around them: anything else would not be rebuilt byte for byte.
  const blocks: string[] = [];
  let expected = childrenOpen + 1;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    if (start !== expected) return null;
    const end = ends[k] as number;
    blocks.push(json.slice(start, end));
    expected = end + 1;
  }
  if ((blocks.length === 0 ? childrenOpen + 1 : expected - 1) !== childrenClose) return null;
  return { head: json.slice(0, childrenOpen + 1), blocks, tail: json.slice(childrenClose) };
}

export function joinBody(body: BodyBlocks): string {
  return body.head + body.blocks.join(',') + body.tail;
}

/** What turns `base` into `next`: the blocks between their common first and last ones; null when the rest differs. */
export function bodyPatch(base: BodyBlocks, next: BodyBlocks): BodyPatch | null {
  if (base.head !== next.head || base.tail !== next.tail) return null;
  const shorter = Math.min(base.blocks.length, next.blocks.length);
  let keepStart = 0;
  while (keepStart < shorter && base.blocks[keepStart] === next.blocks[keepStart]) keepStart++;
  let keepEnd = 0;
  while (
    keepEnd < shorter - keepStart &&
    base.blocks[base.blocks.length - 1 - keepEnd] === next.blocks[next.blocks.length - 1 - keepEnd]
  )
    keepEnd++;
  return { keepStart, keepEnd, blocks: next.blocks.slice(keepStart, next.blocks.length - keepEnd) };
}

/** `base` with `patch` applied, or null when the patch keeps more blocks than the base has. */
export function applyBodyPatch(base: BodyBlocks, patch: BodyPatch): BodyBlocks | null {
  const { keepStart, keepEnd } = patch;
  if (keepStart + keepEnd > base.blocks.length) return null;
  return {
    head: base.head,
    blocks: [...base.blocks.slice(0, keepStart), ...patch.blocks, ...base.blocks.slice(base.blocks.length - keepEnd)],
    tail: base.tail,
  };
}

/**
 * A body (the editor's `toJSON()`) as JSON text and its blocks, each block written once: the text is exactly
 * `JSON.stringify(body)`.
 */
export function serializeBody(body: { root: { children: unknown[] } }): { json: string; parts: BodyBlocks } {
  const blocks = body.root.children.map((block) => JSON.stringify(block));
  // The wrapper written with an empty children array: its `[]` is where the blocks go.
  const wrapper = JSON.stringify({ ...body, root: { ...body.root, children: [] } });
  const parts = splitBody(wrapper);
  if (!parts) throw new Error('not an editor document');
  const whole = { ...parts, blocks };
  return { json: joinBody(whole), parts: whole };
}
