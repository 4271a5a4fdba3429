import { useCallback, useRef, useState } from 'preact/hooks';
import { BackgroundRequestError } from '../background-client.ts';

export interface UserError {
  code: string;
  message: string;
}

/** Turn anything thrown into what a person can read: the background's {code, message}, or a generic one. */
export function toUserError(e: unknown): UserError {
  if (e instanceof BackgroundRequestError) return { code: e.code, message: e.message };
  const o = e as { code?: unknown; message?: unknown } | null;
  if (o && typeof o.code === 'string' && typeof o.message === 'string')
    return { code: o.code, message: o.message };
  return { code: 'UNEXPECTED', message: 'Something went wrong in this page. Close it and try again.' };
}

/** One user action at a time: busy flag, last error, and a runner that never throws. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const running = useRef(false);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        return await fn(...args);
      } catch (e) {
        setError(toUserError(e));
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [fn],
  );
  return { run, busy, error, setError };
}
