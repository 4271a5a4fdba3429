/**
 * Save text as a file the user keeps (the encrypted backup). Both browsers honour `<a download>` on a blob:
 * URL in an extension page without the `downloads` permission (which would add an install warning). The
 * anchor must be in the document for Firefox to act on click(), and the page must stay open until the
 * download has started: call this from a tab (onboarding.html), not from the toolbar popup, which Firefox
 * closes when its downloads panel opens.
 */
export function saveTextFile(
  fileName: string,
  text: string,
  opts: { type?: string; doc?: Document; revokeAfterMs?: number } = {},
): void {
  const doc = opts.doc ?? document;
  const url = URL.createObjectURL(new Blob([text], { type: opts.type ?? 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // The browser reads the blob asynchronously; keep the URL alive long enough for it to start.
  setTimeout(() => URL.revokeObjectURL(url), opts.revokeAfterMs ?? 60_000);
}
