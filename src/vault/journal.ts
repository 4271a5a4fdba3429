/**
 * The operation journal: one entry per multi-step operation (generate, refresh, backup, recover...), written
 * before each step, so a service worker killed mid-way finds the entry at the next start and resolves it.
 * Non-secret state lives in `data`; secret parts (a new share before it is stored, say) are sealed under the
 * vault key, bound to the entry id, operation, wallet and part name.
 */
import { open, seal } from './aead.ts';
import type { VaultContext } from './context.ts';
import { encodeAssociatedData, randomId, wipe } from './encoding.ts';
import { VaultError } from './errors.ts';
import type { JournalRecord, SealedPart } from './schema.ts';
import { checkBytes, checkId, checkKind } from './validate.ts';

const JOURNAL_DOMAIN = 'twofold/vault/journal-secret/v1';
const OP_RE = /^[a-z][A-Za-z0-9.-]{0,63}$/;

export interface JournalEntry {
  id: string;
  op: string;
  walletId: string | undefined;
  step: string;
  data: unknown;
  /** Names of the sealed secret parts (open them with `journal.openSecret`). */
  secretNames: string[];
  createdAt: number;
  updatedAt: number;
}

export interface JournalBegin {
  /** Defaults to a random id; pass one to reference the entry in the same `vault.write` batch. */
  id?: string;
  walletId?: string;
  step?: string;
  /** Secret parts to seal; null in an update removes a part. */
  secrets?: Record<string, Uint8Array>;
}

export interface JournalPatch {
  step?: string;
  data?: unknown;
  secrets?: Record<string, Uint8Array | null>;
}

export function checkOp(op: unknown): string {
  if (typeof op !== 'string' || !OP_RE.test(op)) throw new VaultError('INVALID_ARGUMENT', 'op');
  return op;
}

export function checkStep(step: unknown): string {
  if (typeof step !== 'string' || step.length > 64) throw new VaultError('INVALID_ARGUMENT', 'step');
  return step;
}

function secretAssociatedData(rec: Pick<JournalRecord, 'id' | 'op' | 'walletId'>, name: string): Uint8Array {
  return encodeAssociatedData(JOURNAL_DOMAIN, [rec.id, rec.op, rec.walletId ?? '', name]);
}

export function sealJournalSecret(
  key: Uint8Array,
  rec: Pick<JournalRecord, 'id' | 'op' | 'walletId'>,
  name: string,
  plaintext: Uint8Array,
): SealedPart {
  checkKind(name, 'secret name');
  return seal(key, checkBytes(plaintext, 'secret'), secretAssociatedData(rec, name));
}

export function newJournalId(id?: string): string {
  return id === undefined ? randomId() : checkId(id, 'id');
}

function toEntry(r: JournalRecord): JournalEntry {
  return {
    id: r.id,
    op: r.op,
    walletId: r.walletId,
    step: r.step,
    data: r.data,
    secretNames: Object.keys(r.secrets).sort(),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export class Journal {
  constructor(private readonly ctx: VaultContext) {}

  /** Record the start of an operation; returns the entry id. Needs the vault unlocked only if `secrets` are given. */
  async begin(op: string, data: unknown, opts: JournalBegin = {}): Promise<string> {
    const id = newJournalId(opts.id);
    await this.ctx.write([{ type: 'journalBegin', ...opts, id, op, data }]);
    return id;
  }

  /** Advance an entry (NOT_FOUND if it does not exist). */
  update(id: string, patch: JournalPatch): Promise<void> {
    return this.ctx.write([{ type: 'journalUpdate', id, ...patch }]);
  }

  /** The operation is resolved (confirmed or rolled back): remove its entry and secrets. Idempotent. */
  complete(id: string): Promise<void> {
    return this.ctx.write([{ type: 'journalComplete', id }]);
  }

  /** Unresolved entries, oldest first. Works while locked (secrets stay sealed). */
  async listPending(): Promise<JournalEntry[]> {
    const recs = await this.ctx.run((db) => db.getAllFromIndex('journal', 'byCreated'));
    return recs.map(toEntry);
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    const rid = checkId(id, 'id');
    const rec = await this.ctx.run((db) => db.get('journal', rid));
    return rec && toEntry(rec);
  }

  /** Open one secret part (caller wipes it); undefined if the entry or part is absent. Needs the vault unlocked. */
  async openSecret(id: string, name: string): Promise<Uint8Array | undefined> {
    const rid = checkId(id, 'id');
    const key = await this.ctx.requireKey();
    try {
      const rec = await this.ctx.run((db) => db.get('journal', rid));
      const part = rec && Object.hasOwn(rec.secrets, name) ? rec.secrets[name] : undefined;
      if (!rec || !part) return undefined;
      const pt = open(key, part, secretAssociatedData(rec, name));
      if (!pt) throw new VaultError('RECORD_TAMPERED');
      return pt;
    } finally {
      wipe(key);
    }
  }
}
