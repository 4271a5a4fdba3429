import { formatUnits, hexToBytes, isHex } from 'viem';

/** A message as the user should read it: UTF-8 text when it is printable text, else hex. */
export function describeMessage(hex: `0x${string}`): { text: string | null; hex: string } {
  const bytes = hexToBytes(hex);
  let text: string | null = null;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Control characters (other than whitespace) would hide what is signed: show hex instead.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
    if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(decoded))
      text = decoded;
  } catch {
    text = null;
  }
  return { text, hex };
}

/** Wei (hex quantity) in the chain's unit, e.g. "1.5 ETH". */
export function formatNative(weiHex: string, symbol: string, decimals = 18): string {
  const wei = isHex(weiHex) ? BigInt(weiHex) : 0n;
  return `${formatUnits(wei, decimals)} ${symbol}`;
}

/** Gas price in gwei for display. */
export function formatGwei(weiHex: string | undefined): string {
  if (!weiHex || !isHex(weiHex)) return '—';
  return `${formatUnits(BigInt(weiHex), 9)} gwei`;
}

export interface TreeNode {
  label: string;
  type?: string;
  value?: string;
  children?: TreeNode[];
}

interface TypedField {
  name: string;
  type: string;
}

/** The EIP-712 message as a tree of typed fields (struct types resolved, arrays expanded). */
export function typedDataTree(json: string): {
  domain: TreeNode[];
  primaryType: string;
  message: TreeNode[];
} {
  const data = JSON.parse(json) as {
    types: Record<string, TypedField[]>;
    primaryType: string;
    domain: Record<string, unknown>;
    message: Record<string, unknown>;
  };
  const node = (label: string, type: string, value: unknown, depth: number): TreeNode => {
    if (depth > 8) return { label, type, value: '…' };
    const arr = /^(.*)\[(\d*)\]$/.exec(type);
    if (arr && Array.isArray(value))
      return { label, type, children: value.map((v, i) => node(`${label}[${i}]`, arr[1]!, v, depth + 1)) };
    const fields = data.types[type];
    if (fields && typeof value === 'object' && value !== null)
      return { label, type, children: struct(fields, value as Record<string, unknown>, depth + 1) };
    return { label, type, value: typeof value === 'string' ? value : JSON.stringify(value) };
  };
  const struct = (fields: TypedField[], v: Record<string, unknown>, depth: number): TreeNode[] =>
    fields.map((f) => node(f.name, f.type, v[f.name], depth));
  const domain = Object.entries(data.domain).map(([k, v]) => ({ label: k, value: String(v) }));
  const primary = data.types[data.primaryType] ?? [];
  return { domain, primaryType: data.primaryType, message: struct(primary, data.message, 0) };
}
