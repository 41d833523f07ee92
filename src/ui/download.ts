/** Saves text or a data URL as a file through a temporary link. */
export function download(name: string, content: string, type = 'text/plain'): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
