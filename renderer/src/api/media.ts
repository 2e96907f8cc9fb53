import type { ChannelOutput } from '../../../shared/contract';
import { call } from './client';

/** A chosen file as a data: URL (the renderer has no file system: the file's bytes go to the core). */
export function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A chosen file's bytes as base64. */
export async function readAsBase64(file: File): Promise<string> {
  return (await readDataUrl(file)).replace(/^data:[^,]*,/, '');
}

/** Sends a picked, dropped or pasted file to the media store; the store decides whether it is an image. */
export async function importImageFile(file: File): Promise<ChannelOutput<'media.import'>> {
  return call('media.import', { fileName: file.name || 'anh', dataBase64: await readAsBase64(file) });
}
