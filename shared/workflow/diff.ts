/**
 * Word-level differences between two texts (Myers' O(ND) shortest edit script over tokens), for the revision view.
 * Tokens are runs of letters and digits (with their combining marks), runs of whitespace, and single other characters,
 * so "Nội," → "Nội." changes only the comma. Whitespace is kept: joining the 'same' and 'removed' segments gives the
 * old text back, joining the 'same' and 'added' segments the new one.
 */

export type DiffOp = 'same' | 'added' | 'removed';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** Beyond this many token edits the changed middle is shown as one removal and one addition (bounded time and memory). */
export const MAX_EDIT_DISTANCE = 2000;

const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

type Edit = [DiffOp, string];

/** Myers' greedy forward search; the V array before each step is kept only over the diagonals that step reads. */
function shortestEdit(a: readonly string[], b: readonly string[], maxD: number): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const size = 2 * max + 3;
  const off = max + 1;
  const v = new Int32Array(size);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, maxD); d += 1) {
    // Keep v over k ∈ [-d-1, d+1]: what step d reads.
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number))
          ? (v[off + k + 1] as number)
          : (v[off + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return null;

  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d -= 1) {
    const saved = trace[d] as Int32Array;
    const at = (k: number) => saved[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push(['same', a[x - 1] as string]);
      x -= 1;
      y -= 1;
    }
    if (d > 0) {
      if (x === prevX) edits.push(['added', b[prevY] as string]);
      else edits.push(['removed', a[prevX] as string]);
    }
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

function push(out: DiffSegment[], op: DiffOp, text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

const isSpace = (s: DiffSegment) => s.op === 'same' && /^\s+$/.test(s.text);

/**
 * Changes separated only by whitespace read as one change: "a b" → "x y" is shown as removed "a b", added "x y", not
 * as four pieces. Only when the group both removes and adds, so the two texts can still be rebuilt.
 */
function foldGroups(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  let i = 0;
  while (i < segments.length) {
    const first = segments[i] as DiffSegment;
    if (first.op === 'same') {
      push(out, 'same', first.text);
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < segments.length) {
      const next = segments[j + 1] as DiffSegment;
      if (next.op !== 'same') j += 1;
      else if (isSpace(next) && j + 2 < segments.length && (segments[j + 2] as DiffSegment).op !== 'same') j += 2;
      else break;
    }
    const group = segments.slice(i, j + 1);
    const mixed = group.some((s) => s.op === 'removed') && group.some((s) => s.op === 'added');
    if (mixed) {
      push(
        out,
        'removed',
        group
          .filter((s) => s.op !== 'added')
          .map((s) => s.text)
          .join(''),
      );
      push(
        out,
        'added',
        group
          .filter((s) => s.op !== 'removed')
          .map((s) => s.text)
          .join(''),
      );
    } else {
      for (const s of group) push(out, s.op, s.text);
    }
    i = j + 1;
  }
  return out;
}

/** The differences from `before` to `after`, as segments in reading order (a removal before its replacement). */
export function diffWords(before: string, after: string, maxD = MAX_EDIT_DISTANCE): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const raw: DiffSegment[] = [];
  push(raw, 'same', a.slice(0, start).join(''));
  const edits = shortestEdit(midA, midB, maxD);
  if (edits) {
    for (const [op, text] of edits) push(raw, op, text);
  } else {
    push(raw, 'removed', midA.join(''));
    push(raw, 'added', midB.join(''));
  }
  push(raw, 'same', a.slice(endA).join(''));
  return foldGroups(raw);
}

/** The old text of a diff (same + removed) and the new one (same + added). */
export function diffSides(segments: readonly DiffSegment[]): { before: string; after: string } {
  return {
    before: segments
      .filter((s) => s.op !== 'added')
      .map((s) => s.text)
      .join(''),
    after: segments
      .filter((s) => s.op !== 'removed')
      .map((s) => s.text)
      .join(''),
  };
}
