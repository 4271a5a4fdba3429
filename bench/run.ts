import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Bench, type BenchModule, type BenchRow } from './harness.ts';

/**
 * `npm run bench [-- --only ecdsa,frost] [-- --json FILE]`: runs every bench/*.bench.ts whose prefix is
 * selected (all by default; the noble baselines always), prints a table with each figure's ratio to the
 * single-party baseline of the same run.
 */
const args = process.argv.slice(2);
const argValue = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = argValue('--only')
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const jsonFile = argValue('--json');

const here = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort((a, b) => (a === 'noble.bench.ts' ? -1 : b === 'noble.bench.ts' ? 1 : a.localeCompare(b)));

const bench = new Bench();
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as BenchModule;
  if (
    mod.prefix !== 'noble' &&
    only &&
    !only.some((p) => mod.prefix.startsWith(p) || p.startsWith(mod.prefix))
  )
    continue;
  process.stderr.write(`bench: ${f}\n`);
  await mod.run(bench);
}

const base = (name: string) => bench.rows.find((r) => r.name === name)?.median;
function ratio(r: BenchRow): string {
  if (r.unit !== 'ms' || r.name.startsWith('noble.')) return '';
  const floor = r.name.startsWith('frost') ? base('noble.ed25519.sign') : base('noble.secp256k1.sign');
  return floor ? `${(r.median / floor).toFixed(0)}x` : '';
}
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(x < 10 ? 2 : 1));
const table = bench.rows.map((r) => ({
  name: r.name,
  median: fmt(r.median),
  p95: fmt(r.p95),
  unit: r.unit,
  n: r.n,
  'x single-party': ratio(r),
  note: r.note ?? '',
}));
console.table(table);
if (jsonFile) {
  writeFileSync(
    jsonFile,
    JSON.stringify(
      bench.rows.map(({ name, median, p95, unit, n }) => ({ name, median, p95, unit, n })),
      null,
      2,
    ),
  );
  console.log(`wrote ${jsonFile}`);
}
