/** Offers text as a file to save (a Blob link; Electron shows its save dialog, a browser its download). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns; let them before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
