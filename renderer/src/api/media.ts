import type { ChannelOutput } from '../../../shared/contract';
import { call } from './client';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Sends a picked, dropped or pasted file to the media store; the store decides whether it is an image. */
export async function importImageFile(file: File): Promise<ChannelOutput<'media.import'>> {
  return call('media.import', { fileName: file.name || 'anh', dataBase64: await readAsBase64(file) });
}
