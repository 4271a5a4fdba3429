/** Versioned frames of the enclave service that exist before the secure channel (SPEC §7). */
export const ENCLAVE_PROTOCOL_VERSION = 1;
export const ENCLAVE_SERVICE_NAME = 'twofold-enclave-sim';

export interface HelloRequest {
  v: 1;
  t: 'hello';
}

export interface HelloResponse {
  v: 1;
  t: 'hello';
  service: typeof ENCLAVE_SERVICE_NAME;
  versions: number[];
  identityKey: string;
}

export type EnclaveErrorCode =
  | 'MALFORMED_FRAME'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_MESSAGE'
  | 'FRAME_TOO_LARGE'
  | 'SHUTTING_DOWN'
  | 'INTERNAL';

export interface ErrorFrame {
  v: 1;
  t: 'error';
  code: EnclaveErrorCode;
  message: string;
}

export function errorFrame(code: EnclaveErrorCode, message: string): ErrorFrame {
  return { v: 1, t: 'error', code, message };
}
