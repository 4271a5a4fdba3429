/**
 * Decoding a wire transaction for the approval window, with @solana/kit and the System / SPL Token program
 * clients (never by hand). Only the compiled message is used, so v0 transactions with address lookup tables
 * decode too; accounts that come from a lookup table are shown as such.
 */

import {
  AccountRole,
  type Address,
  type CompiledTransactionMessage as AnyCompiledMessage,
  getCompiledTransactionMessageDecoder,
  getTransactionDecoder,
  type Instruction,
  type LegacyCompiledTransactionMessage,
  type Transaction,
  type V0CompiledTransactionMessage,
} from '@solana/kit';
import {
  identifySystemInstruction,
  parseTransferSolInstruction,
  SYSTEM_PROGRAM_ADDRESS,
  SystemInstruction,
} from '@solana-program/system';
import {
  identifyTokenInstruction,
  parseTransferCheckedInstruction,
  parseTransferInstruction,
  TOKEN_PROGRAM_ADDRESS,
  TokenInstruction,
} from '@solana-program/token';

/** Versions the wallet decodes and signs (v1 messages are refused until a dApp needs them). */
type CompiledTransactionMessage = LegacyCompiledTransactionMessage | V0CompiledTransactionMessage;

export interface SolanaInstructionView {
  programId: string;
  /** A known program's name, or null. */
  programName: string | null;
  /** e.g. "Transfer SOL", or "Unknown instruction". */
  action: string;
  fields: { label: string; value: string }[];
}

export interface SolanaTransactionView {
  version: 'legacy' | '0';
  feePayer: string;
  /** The message's recent blockhash (or durable nonce value). */
  lifetimeToken: string;
  signers: string[];
  instructions: SolanaInstructionView[];
  /** How many address lookup tables a v0 message loads accounts from. */
  lookupTables: number;
}

export interface DecodedSolanaTransaction {
  transaction: Transaction;
  compiled: CompiledTransactionMessage;
  view: SolanaTransactionView;
}

export class SolanaDecodeError extends Error {
  override readonly name = 'SolanaDecodeError';
}

const KNOWN_PROGRAMS: Record<string, string> = {
  [SYSTEM_PROGRAM_ADDRESS]: 'System Program',
  [TOKEN_PROGRAM_ADDRESS]: 'SPL Token',
  TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb: 'SPL Token-2022',
  ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL: 'Associated Token Account',
  ComputeBudget111111111111111111111111111111: 'Compute Budget',
  MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr: 'Memo',
};

/** Exact decimal rendering of an integer amount with `decimals` places (no float rounding). */
export function formatUnits(amount: bigint, decimals: number): string {
  if (decimals === 0) return amount.toString();
  const base = 10n ** BigInt(decimals);
  const frac = (amount % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return frac ? `${amount / base}.${frac}` : `${amount / base}`;
}

export const formatSol = (lamports: bigint) => `${formatUnits(lamports, 9)} SOL (${lamports} lamports)`;

function roleOf(index: number, c: CompiledTransactionMessage): AccountRole {
  const h = c.header;
  const nStatic = c.staticAccounts.length;
  const signer = index < h.numSignerAccounts;
  const writable = signer
    ? index < h.numSignerAccounts - h.numReadonlySignerAccounts
    : index < nStatic - h.numReadonlyNonSignerAccounts;
  if (signer) return writable ? AccountRole.WRITABLE_SIGNER : AccountRole.READONLY_SIGNER;
  return writable ? AccountRole.WRITABLE : AccountRole.READONLY;
}

/** The instruction with its accounts resolved, or null if an account comes from a lookup table. */
function resolvedInstruction(
  ix: CompiledTransactionMessage['instructions'][number],
  c: CompiledTransactionMessage,
): (Instruction & { accounts: { address: Address; role: AccountRole }[]; data: Uint8Array }) | null {
  const program = c.staticAccounts[ix.programAddressIndex];
  if (!program) return null;
  const accounts: { address: Address; role: AccountRole }[] = [];
  for (const i of ix.accountIndices ?? []) {
    const address = c.staticAccounts[i];
    if (!address) return null;
    accounts.push({ address, role: roleOf(i, c) });
  }
  return { programAddress: program, accounts, data: new Uint8Array(ix.data ?? []) };
}

function describeSystem(
  ix: NonNullable<ReturnType<typeof resolvedInstruction>>,
): SolanaInstructionView | null {
  if (identifySystemInstruction(ix.data) !== SystemInstruction.TransferSol) return null;
  const p = parseTransferSolInstruction(ix);
  return {
    programId: ix.programAddress,
    programName: 'System Program',
    action: 'Transfer SOL',
    fields: [
      { label: 'From', value: p.accounts.source.address },
      { label: 'To', value: p.accounts.destination.address },
      { label: 'Amount', value: formatSol(p.data.amount) },
    ],
  };
}

function describeToken(
  ix: NonNullable<ReturnType<typeof resolvedInstruction>>,
): SolanaInstructionView | null {
  const kind = identifyTokenInstruction(ix.data);
  if (kind === TokenInstruction.Transfer) {
    const p = parseTransferInstruction(ix);
    return {
      programId: ix.programAddress,
      programName: 'SPL Token',
      action: 'Transfer tokens',
      fields: [
        { label: 'From token account', value: p.accounts.source.address },
        { label: 'To token account', value: p.accounts.destination.address },
        { label: 'Owner', value: p.accounts.authority.address },
        { label: 'Amount (base units)', value: p.data.amount.toString() },
      ],
    };
  }
  if (kind === TokenInstruction.TransferChecked) {
    const p = parseTransferCheckedInstruction(ix);
    return {
      programId: ix.programAddress,
      programName: 'SPL Token',
      action: 'Transfer tokens (checked)',
      fields: [
        { label: 'From token account', value: p.accounts.source.address },
        { label: 'To token account', value: p.accounts.destination.address },
        { label: 'Mint', value: p.accounts.mint.address },
        { label: 'Owner', value: p.accounts.authority.address },
        { label: 'Amount', value: formatUnits(p.data.amount, p.data.decimals) },
      ],
    };
  }
  return null;
}

function describeInstruction(
  ix: CompiledTransactionMessage['instructions'][number],
  c: CompiledTransactionMessage,
): SolanaInstructionView {
  const programId = c.staticAccounts[ix.programAddressIndex] ?? 'unknown';
  const resolved = resolvedInstruction(ix, c);
  if (resolved) {
    try {
      const known =
        resolved.programAddress === SYSTEM_PROGRAM_ADDRESS
          ? describeSystem(resolved)
          : resolved.programAddress === TOKEN_PROGRAM_ADDRESS
            ? describeToken(resolved)
            : null;
      if (known) return known;
    } catch {
      // Malformed data for a known program: shown as unknown below, with its raw size.
    }
  }
  const staticCount = c.staticAccounts.length;
  return {
    programId,
    programName: KNOWN_PROGRAMS[programId] ?? null,
    action: 'Unknown instruction',
    fields: [
      {
        label: 'Accounts',
        value: (ix.accountIndices ?? [])
          .map((i) => c.staticAccounts[i] ?? `lookup table account #${i - staticCount}`)
          .join(', '),
      },
      { label: 'Data', value: `${ix.data?.length ?? 0} bytes` },
    ],
  };
}

/** Decode wire bytes; throws SolanaDecodeError for anything that is not a transaction kit can read. */
export function decodeSolanaTransaction(wire: Uint8Array): DecodedSolanaTransaction {
  let transaction: Transaction;
  let any: AnyCompiledMessage;
  try {
    transaction = getTransactionDecoder().decode(wire);
    any = getCompiledTransactionMessageDecoder().decode(transaction.messageBytes);
  } catch {
    throw new SolanaDecodeError('Not a Solana wire transaction.');
  }
  if (any.version !== 'legacy' && any.version !== 0)
    throw new SolanaDecodeError('Only legacy and v0 transactions are supported.');
  const compiled: CompiledTransactionMessage = any;
  const feePayer = compiled.staticAccounts[0];
  if (!feePayer) throw new SolanaDecodeError('The transaction has no fee payer.');
  const lifetime = (compiled as { lifetimeToken?: string }).lifetimeToken;
  const view: SolanaTransactionView = {
    version: compiled.version === 'legacy' ? 'legacy' : '0',
    feePayer,
    lifetimeToken: typeof lifetime === 'string' ? lifetime : '',
    signers: compiled.staticAccounts.slice(0, compiled.header.numSignerAccounts),
    instructions: compiled.instructions.map((ix) => describeInstruction(ix, compiled)),
    lookupTables: 'addressTableLookups' in compiled ? (compiled.addressTableLookups?.length ?? 0) : 0,
  };
  return { transaction, compiled, view };
}
