import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $insertNodeToNearestRoot } from '@lexical/utils';
import {
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  createCommand,
  DROP_COMMAND,
  mergeRegister,
  PASTE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';
import { importImageFile } from '../../api/media';
import { $createImageNode } from '../nodes/ImageNode';

export const INSERT_IMAGE_FILES_COMMAND = createCommand<File[]>('INSERT_IMAGE_FILES_COMMAND');

function imageFiles(data: DataTransfer | null): File[] {
  return Array.from(data?.files ?? []).filter((file) => file.type.startsWith('image/') || file.type === '');
}

interface Props {
  onBusy: (fileName: string | null) => void;
  onAdded: (fileName: string) => void;
  onError: (error: unknown) => void;
}

/**
 * Images from a file dialog, a drop or a paste go through the media store first; the figure is inserted only
 * once the store has accepted the file, so a refused file leaves the document as it was.
 */
export function ImagesPlugin({ onBusy, onAdded, onError }: Props) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const insertFiles = async (target: LexicalEditor, files: File[]) => {
      for (const file of files) {
        onBusy(file.name);
        try {
          const stored = await importImageFile(file);
          target.update(() => {
            $insertNodeToNearestRoot(
              $createImageNode({ src: stored.ref, alt: '', caption: '', width: stored.width, height: stored.height }),
            );
          });
          onAdded(file.name);
        } catch (error) {
          onError(error);
        } finally {
          onBusy(null);
        }
      }
    };
    return mergeRegister(
      editor.registerCommand(
        INSERT_IMAGE_FILES_COMMAND,
        (files) => {
          void insertFiles(editor, files);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const files = imageFiles(event.dataTransfer);
          if (files.length === 0) return false;
          event.preventDefault();
          void insertFiles(editor, files);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const files = event instanceof ClipboardEvent ? imageFiles(event.clipboardData) : [];
          // A paste from Word carries its text as HTML and a picture of it as a file: the text wins.
          if (
            files.length === 0 ||
            (event instanceof ClipboardEvent && event.clipboardData?.types.includes('text/html'))
          )
            return false;
          event.preventDefault();
          void insertFiles(editor, files);
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    );
  }, [editor, onBusy, onAdded, onError]);
  return null;
}
