import type { ServiceErrorCode } from '../../src/mpc/channel/service-wire.ts';

/** A refusal the service sends to the client as a structured `error` frame. Messages never hold secrets. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** Finer cause, e.g. the MPC error code of a refused protocol message. */
    readonly detail?: string,
  ) {
    super(message);
  }
}
