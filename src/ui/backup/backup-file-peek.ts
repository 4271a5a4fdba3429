/**
 * Read a backup file's clear header (addresses, date) to show which wallet it is before asking for the
 * password. Unauthenticated until the background opens the file: for display only.
 */
export interface BackupPeek {
  evm: string;
  solana: string;
  createdAt: string;
}

export function peekBackupFile(text: string): BackupPeek | null {
  try {
    const h = (JSON.parse(text) as { header?: Record<string, unknown> }).header;
    const a = h?.addresses as { evm?: unknown; solana?: unknown } | undefined;
    if (h?.format !== 'twofold-backup' || typeof a?.evm !== 'string' || typeof a.solana !== 'string')
      return null;
    return { evm: a.evm, solana: a.solana, createdAt: typeof h.createdAt === 'string' ? h.createdAt : '' };
  } catch {
    return null;
  }
}
