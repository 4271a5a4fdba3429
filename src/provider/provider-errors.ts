/** EIP-1193 / JSON-RPC error codes the provider returns (SPEC §8). */
export const ProviderErrorCode = {
  userRejected: 4001,
  unauthorized: 4100,
  unsupportedMethod: 4200,
  disconnected: 4900,
  chainDisconnected: 4901,
  unrecognizedChain: 4902,
  invalidParams: -32602,
  internal: -32603,
} as const;

export type ProviderErrorCodeValue = (typeof ProviderErrorCode)[keyof typeof ProviderErrorCode];

/** A serialisable provider error, thrown in the background and re-created in the page. */
export class ProviderRpcError extends Error {
  override readonly name = 'ProviderRpcError';
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  toJSON(): { code: number; message: string; data?: unknown } {
    return {
      code: this.code,
      message: this.message,
      ...(this.data === undefined ? {} : { data: this.data }),
    };
  }
}

export const providerErrors = {
  userRejected: (m = 'The user rejected the request.') => new ProviderRpcError(4001, m),
  unauthorized: (m = 'The requested account and/or method has not been authorized by the user.') =>
    new ProviderRpcError(4100, m),
  unsupportedMethod: (method: string) =>
    new ProviderRpcError(4200, `The wallet does not support the method "${method}".`),
  disconnected: (m = 'The wallet is disconnected from all chains.') => new ProviderRpcError(4900, m),
  unrecognizedChain: (chainId: string) =>
    new ProviderRpcError(4902, `Unrecognized chain ID "${chainId}". Try adding the chain first.`),
  invalidParams: (m: string) => new ProviderRpcError(-32602, m),
  internal: (m = 'Internal wallet error.') => new ProviderRpcError(-32603, m),
};
