/**
 * The one way the atlas offers a file: a temporary download link, removed at once; nothing is
 * inserted into the page as HTML. The object URL lives long enough for a large PDF to be saved.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 30_000);
}

/** Offers text as a file download, named as given. */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  downloadBlob(new Blob([text], { type: mimeType }), fileName);
}
