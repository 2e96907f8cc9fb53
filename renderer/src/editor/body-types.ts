import type { BodyDocument } from '../../../shared/render/body-nodes';
import { EDITOR_NODES } from './nodes';

/** The node types Lexical registers itself (root, paragraph, text, line break, tab) and the ones the editor adds. */
export const EDITOR_NODE_TYPES: ReadonlySet<string> = new Set([
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  ...EDITOR_NODES.map((node) => node.getType()),
]);

/** Every node type in a body, once each (an explicit stack: a body may nest deep). */
export function bodyNodeTypes(body: BodyDocument): Set<string> {
  const types = new Set<string>();
  const stack: unknown[] = [body.root];
  while (stack.length > 0) {
    const node = stack.pop() as { type?: unknown; children?: unknown };
    if (typeof node !== 'object' || node === null) continue;
    if (typeof node.type === 'string') types.add(node.type);
    if (Array.isArray(node.children)) stack.push(...(node.children as unknown[]));
  }
  return types;
}

/**
 * The node types of a stored body the editor cannot show (an import, a WordPress pull, a newer version of Tòa Soạn):
 * Lexical refuses the whole document over one of them, and an editor opened without them would save the body back
 * without them.
 */
export function unknownNodeTypes(body: BodyDocument): string[] {
  return [...bodyNodeTypes(body)].filter((type) => !EDITOR_NODE_TYPES.has(type)).sort();
}

/** The types the stored body had that the body about to be saved lost, among those the editor cannot make itself. */
export function droppedUnknownTypes(stored: BodyDocument | null, next: BodyDocument | null): string[] {
  if (!stored) return [];
  const kept = next ? bodyNodeTypes(next) : new Set<string>();
  return unknownNodeTypes(stored).filter((type) => !kept.has(type));
}
