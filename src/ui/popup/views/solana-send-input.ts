/** Client-side checks of a SOL transfer before asking the background (which checks again with kit). */
export function solanaTransferInputProblem(to: string, amount: string): string | null {
  // base58 alphabet, 32–44 characters: the shape of an ed25519 public key
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(to.trim()))
    return 'The recipient must be a Solana address (32–44 base58 characters).';
  if (!/^\d{1,12}(\.\d{1,9})?$/.test(amount.trim()))
    return 'Write the amount in SOL as a number with at most 9 decimals, e.g. 0.05.';
  if (/^0+(\.0+)?$/.test(amount.trim())) return 'The amount must be more than zero.';
  return null;
}

// What to do next for the Solana page API's codes (the shared ErrorNote only knows the enclave's).
const NEXT_STEP: Record<string, string> = {
  RPC_ERROR: "Check the cluster's RPC URL, or that the account has enough SOL for the amount and the fee.",
  INVALID_ARGUMENT: 'Correct the recipient or the amount and review again.',
  SIGNING_FAILED: 'Nothing was sent. Open Health to check your key pairs, then try again.',
  NO_WALLET: 'Unlock the wallet and try again.',
  LOCKED: 'Unlock the wallet and try again.',
};

export function solanaNextStep(code: string): string | null {
  return NEXT_STEP[code] ?? null;
}
