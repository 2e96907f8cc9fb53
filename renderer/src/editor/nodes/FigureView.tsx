import { $getNodeByKey, type LexicalEditor, type NodeKey } from 'lexical';
import { useI18n } from '../../i18n/i18n';
import { mediaUrl } from '../media-url';
import { updateFigureText } from './ImageNode';

interface Props {
  editor: LexicalEditor;
  nodeKey: NodeKey;
  src: string;
  alt: string;
  caption: string;
}

/** The figure as the writer sees it: the picture, its caption and its alt text, edited in place. */
export function FigureView({ editor, nodeKey, src, alt, caption }: Props) {
  const { t } = useI18n();
  const url = mediaUrl(src, 'web');
  const remove = () =>
    editor.update(() => {
      $getNodeByKey(nodeKey)?.remove();
    });
  return (
    <figure className="editor-figure" contentEditable={false} data-media={src}>
      {url ? <img src={url} alt={alt} draggable={false} /> : <p className="inline-error">{t('editor.imageMissing')}</p>}
      <label className="figure-field">
        <span className="field-label">{t('editor.caption')}</span>
        {/* A long caption wraps on several lines; it stays one line of text (Enter is not a line break in it). */}
        <textarea
          rows={2}
          value={caption}
          onChange={(event) => updateFigureText(editor, nodeKey, 'caption', event.target.value.replace(/\n/g, ' '))}
          onKeyDown={(event) => event.key === 'Enter' && event.preventDefault()}
          maxLength={1000}
        />
      </label>
      <label className="figure-field">
        <span className="field-label">{t('editor.altText')}</span>
        <input
          value={alt}
          onChange={(event) => updateFigureText(editor, nodeKey, 'alt', event.target.value)}
          maxLength={500}
        />
      </label>
      <button type="button" className="button button-danger-ghost figure-remove" onClick={remove}>
        {t('editor.removeImage')}
      </button>
    </figure>
  );
}
