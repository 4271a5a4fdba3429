/** Client-side checks of a native transfer before asking the background (which checks again). */
export function transferInputProblem(to: string, amount: string): string | null {
  if (!/^0x[0-9a-fA-F]{40}$/.test(to.trim())) return 'The recipient must be an 0x address of 40 hex digits.';
  if (!/^\d+(\.\d+)?$/.test(amount.trim())) return 'Write the amount as a number, e.g. 0.05.';
  if (/^0+(\.0+)?$/.test(amount.trim())) return 'The amount must be more than zero.';
  return null;
}
