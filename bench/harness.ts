/**
 * The bench harness: each `*.bench.ts` file exports `prefix` and `run(bench)`; `run.ts` loads them, always
 * runs the noble single-party baselines first, and prints one table (or writes JSON with `--json FILE`).
 * Figures are medians and p95 over n runs; nothing here asserts on time.
 */
export interface BenchRow {
  name: string;
  median: number;
  p95: number;
  unit: string;
  n: number;
  note?: string;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx]!;
}

export class Bench {
  readonly rows: BenchRow[] = [];

  /** Record already-measured values (bytes, rates, CPU ms). */
  values(name: string, values: number[], unit: string, note?: string): BenchRow {
    const sorted = [...values].sort((a, b) => a - b);
    const row: BenchRow = {
      name,
      median: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      unit,
      n: values.length,
      ...(note ? { note } : {}),
    };
    this.rows.push(row);
    return row;
  }

  /** Time `fn` n times (after `warmup` untimed runs) in milliseconds. */
  async time(
    name: string,
    n: number,
    fn: (i: number) => unknown | Promise<unknown>,
    opts: { warmup?: number; note?: string } = {},
  ): Promise<BenchRow> {
    for (let i = 0; i < (opts.warmup ?? 1); i++) await fn(-1 - i);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      samples.push(performance.now() - t0);
    }
    return this.values(name, samples, 'ms', opts.note);
  }
}

export interface BenchModule {
  /** One of: ecdsa, frost, wallet, vault, enclave, bundle. */
  prefix: string;
  run(bench: Bench): Promise<void>;
}
