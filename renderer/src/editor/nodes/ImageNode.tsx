import {
  $applyNodeReplacement,
  $getNodeByKey,
  DecoratorNode,
  type DOMExportOutput,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { JSX } from 'react';
import { FigureView } from './FigureView';

export type SerializedImageNode = Spread<
  { src: string; alt: string; caption: string; width?: number; height?: number },
  SerializedLexicalNode
>;

export interface ImagePayload {
  /** A media reference from the media store: 'media:<sha256>.<ext>'. */
  src: string;
  alt: string;
  caption: string;
  width?: number;
  height?: number;
}

/** A block figure: an image from the media store with its alt text and caption, both plain text. */
export class ImageNode extends DecoratorNode<JSX.Element> {
  __src: string;
  __alt: string;
  __caption: string;
  __width: number | undefined;
  __height: number | undefined;

  static override getType(): string {
    return 'image';
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(
      { src: node.__src, alt: node.__alt, caption: node.__caption, width: node.__width, height: node.__height },
      node.__key,
    );
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode(json);
  }

  constructor(payload: ImagePayload, key?: NodeKey) {
    super(key);
    this.__src = payload.src;
    this.__alt = payload.alt;
    this.__caption = payload.caption;
    this.__width = payload.width;
    this.__height = payload.height;
  }

  override exportJSON(): SerializedImageNode {
    return {
      type: 'image',
      version: 1,
      src: this.__src,
      alt: this.__alt,
      caption: this.__caption,
      ...(this.__width ? { width: this.__width } : {}),
      ...(this.__height ? { height: this.__height } : {}),
    };
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('div');
    element.className = 'editor-figure-host';
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  /** Copy as a figure, so pasting into another program keeps the picture's place and caption. */
  override exportDOM(): DOMExportOutput {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = this.__caption;
    figure.append(caption);
    return { element: figure };
  }

  override isInline(): false {
    return false;
  }

  setAlt(alt: string): void {
    this.getWritable().__alt = alt;
  }

  setCaption(caption: string): void {
    this.getWritable().__caption = caption;
  }

  override decorate(editor: LexicalEditor): JSX.Element {
    return (
      <FigureView editor={editor} nodeKey={this.__key} src={this.__src} alt={this.__alt} caption={this.__caption} />
    );
  }
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}

/** Edits the figure's text from its inputs; one history step per change. */
export function updateFigureText(editor: LexicalEditor, key: NodeKey, field: 'alt' | 'caption', value: string): void {
  editor.update(() => {
    const node = $getNodeByKey(key);
    if (!$isImageNode(node)) return;
    if (field === 'alt') node.setAlt(value);
    else node.setCaption(value);
  });
}
