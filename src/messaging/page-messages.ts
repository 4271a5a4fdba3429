/**
 * The typed message API between the extension's own pages (popup, onboarding, approval) and the background.
 * Each request type maps to its response type; the background refuses these from content scripts and pages.
 */
export interface EnclaveStatus {
  reachable: boolean;
  url: string;
  service?: string;
  versions?: number[];
  error?: string;
}

export interface PageRequests {
  'status.get': {
    request: Record<string, never>;
    response: { enclave: EnclaveStatus; chainId: number; chainName: string };
  };
}

export type PageRequestType = keyof PageRequests;

export interface PageMessage<T extends PageRequestType = PageRequestType> {
  channel: 'twofold:page';
  type: T;
  payload: PageRequests[T]['request'];
}

export type PageResult<T extends PageRequestType> =
  | { ok: true; value: PageRequests[T]['response'] }
  | { ok: false; error: { code: string; message: string } };
