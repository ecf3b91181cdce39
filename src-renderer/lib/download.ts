/** Hands text to the browser's download machinery under the given file name. */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoking at once can cancel the download in Chromium; the next task is late enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
