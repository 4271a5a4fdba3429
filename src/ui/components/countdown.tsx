import { useEffect, useState } from 'preact/hooks';

export function formatRemaining(ms: number): string {
  if (ms <= 0) return 'closed';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${String(sec).padStart(2, '0')} s`;
}

/** Time left until `until` (epoch ms), ticking every second. */
export function Countdown({ until, testId }: { until: number; testId?: string }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <span data-testid={testId} role="timer">
      {formatRemaining(until - now)}
    </span>
  );
}
