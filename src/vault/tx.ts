/** Run a transaction body; on any throw abort the transaction so no partial write commits. */
export async function completeOrAbort<T>(
  tx: { done: Promise<void>; abort(): void },
  body: () => Promise<T>,
): Promise<T> {
  try {
    const result = await body();
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // already committed or aborted
    }
    await tx.done.catch(() => undefined);
    throw e;
  }
}
