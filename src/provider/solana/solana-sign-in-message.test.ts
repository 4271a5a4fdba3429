import { createSignInMessageText } from '@solana/wallet-standard-util';
import { describe, expect, it } from 'vitest';
import {
  bindSignInAddress,
  parseDateTime,
  SolanaSignInError,
  signInMessageText,
  signInTimeWarnings,
  validateSignInInput,
} from './solana-sign-in-message.ts';

const HOST = 'dapp.example';
const ADDRESS = 'E7ejpr8v1LX1KdT3NY1Aj5o7D86wQ1jq13YDt9N5sfPT';

function refusal(input: unknown, host = HOST): SolanaSignInError {
  try {
    bindSignInAddress(validateSignInInput(input, host), ADDRESS);
  } catch (e) {
    if (e instanceof SolanaSignInError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('SIWS input validation', () => {
  it('fills in the domain (origin host with port) and the wallet address', () => {
    expect(bindSignInAddress(validateSignInInput({}, 'localhost:5173'), ADDRESS)).toEqual({
      domain: 'localhost:5173',
      address: ADDRESS,
    });
  });

  it.each([
    ['a non-object input', 'x'],
    ['an array input', []],
    ['an unknown field', { domian: HOST }],
    ['a number where a string belongs', { statement: 5 }],
    ['null where a string belongs', { nonce: null }],
    ['an empty string', { statement: '' }],
    ['a newline in the statement', { statement: 'Sign in\nURI: https://evil.example' }],
    ['a carriage return in the nonce', { nonce: 'abcdefgh\r' }],
    ['a line separator in the request id', { requestId: 'a\u2028b' }],
    ['a too long statement', { statement: 'x'.repeat(2049) }],
    ['a domain that is not a host', { domain: 'https://dapp.example' }],
    ['a relative uri', { uri: '/login' }],
    ['a uri with spaces', { uri: 'https://dapp.example/a b' }],
    ['version other than 1', { version: '2' }],
    ['an unknown chain id', { chainId: 'ethereum:1' }],
    ['a short nonce', { nonce: 'abc1234' }],
    ['a non-alphanumeric nonce', { nonce: 'abcd-efgh' }],
    ['a date without time zone', { issuedAt: '2025-01-01T00:00:00' }],
    ['a date only', { issuedAt: '2025-01-01' }],
    ['February 30th', { expirationTime: '2025-02-30T00:00:00Z' }],
    ['hour 24', { notBefore: '2025-01-01T24:00:00Z' }],
    [
      'expiration before issuance',
      { issuedAt: '2025-01-02T00:00:00Z', expirationTime: '2025-01-01T00:00:00Z' },
    ],
    [
      'expiration before not-before',
      { notBefore: '2025-01-02T00:00:00Z', expirationTime: '2025-01-01T00:00:00Z' },
    ],
    ['a request id with a space', { requestId: 'a b' }],
    ['resources not an array', { resources: 'https://dapp.example' }],
    ['empty resources', { resources: [] }],
    ['a resource that is not a URI', { resources: ['https://dapp.example/ok', 'not a uri'] }],
    ['a resource that is not a string', { resources: [42] }],
    ['too many resources', { resources: Array.from({ length: 33 }, (_, i) => `https://r.example/${i}`) }],
  ])('refuses %s (BAD_FIELD)', (_, input) => {
    expect(refusal(input).code).toBe('BAD_FIELD');
  });

  it('refuses a domain other than the requesting host, including another port (DOMAIN_MISMATCH)', () => {
    expect(refusal({ domain: 'evil.example' }).code).toBe('DOMAIN_MISMATCH');
    expect(refusal({ domain: 'dapp.example:8443' }).code).toBe('DOMAIN_MISMATCH');
    expect(refusal({ domain: 'localhost' }, 'localhost:5173').code).toBe('DOMAIN_MISMATCH');
    expect(validateSignInInput({ domain: HOST }, HOST).domain).toBe(HOST);
  });

  it('refuses an address that is not the wallet’s (ADDRESS_MISMATCH), accepts the wallet’s', () => {
    expect(refusal({ address: '11111111111111111111111111111111' }).code).toBe('ADDRESS_MISMATCH');
    expect(bindSignInAddress(validateSignInInput({ address: ADDRESS }, HOST), ADDRESS).address).toBe(ADDRESS);
  });

  it('refuses useOffchainMessage (the feature is 1.0.0) as UNSUPPORTED', () => {
    expect(refusal({ useOffchainMessage: { messageVersion: 1 } }).code).toBe('UNSUPPORTED');
  });

  it('does not echo a refused value in the error message', () => {
    const secretish = 'https://evil.example/phish-payload';
    expect(refusal({ domain: secretish }).message).not.toContain('phish-payload');
    expect(refusal({ uri: 'x y phish-payload' }).message).not.toContain('phish-payload');
  });

  it('parses RFC 3339 date-times with offsets and fractions', () => {
    expect(parseDateTime('2025-03-01T12:30:00.123+05:30')).toBe(Date.UTC(2025, 2, 1, 7, 0, 0, 123));
    expect(parseDateTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateTime('2025-02-29T00:00:00Z')).toBeNull();
  });
});

describe('SIWS message text', () => {
  const inputs = [
    {},
    { statement: 'Sign in to Example' },
    { uri: 'https://dapp.example/login', version: '1', chainId: 'mainnet', nonce: 'a1b2c3d4' },
    {
      statement: 'Welcome — ünïcode ✓',
      uri: 'https://dapp.example',
      version: '1',
      chainId: 'solana:devnet',
      nonce: 'oNCEHYPEr123',
      issuedAt: '2025-01-01T00:00:00.000Z',
      expirationTime: '2025-01-01T00:10:00Z',
      notBefore: '2024-12-31T23:59:00+01:00',
      requestId: 'req-42:abc@x',
      resources: [
        'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
        'https://dapp.example/tos',
      ],
    },
    { requestId: 'only-request-id' },
    { resources: ['urn:isbn:0451450523'] },
  ];

  it.each(inputs.map((i) => [Object.keys(i).join(',') || '(no fields)', i]))(
    'is byte-exact with createSignInMessage for %s',
    (_, input) => {
      const fields = bindSignInAddress(validateSignInInput(input, HOST), ADDRESS);
      const text = signInMessageText(fields);
      expect(new TextEncoder().encode(text)).toEqual(
        new TextEncoder().encode(createSignInMessageText({ ...input, domain: HOST, address: ADDRESS })),
      );
      expect(text.startsWith(`${HOST} wants you to sign in with your Solana account:\n${ADDRESS}`)).toBe(
        true,
      );
    },
  );

  it('has the documented layout', () => {
    const fields = bindSignInAddress(
      validateSignInInput({ statement: 'Hi', nonce: 'abcdefgh', resources: ['https://a.example'] }, HOST),
      ADDRESS,
    );
    expect(signInMessageText(fields)).toBe(
      `${HOST} wants you to sign in with your Solana account:\n${ADDRESS}\n\nHi\n\nNonce: abcdefgh\nResources:\n- https://a.example`,
    );
  });

  it('warns when expired or not yet valid', () => {
    const now = Date.UTC(2025, 0, 1);
    const f = { domain: HOST, address: ADDRESS };
    expect(signInTimeWarnings({ ...f, expirationTime: '2024-12-31T00:00:00Z' }, now)).toEqual(['expired']);
    expect(signInTimeWarnings({ ...f, notBefore: '2025-01-02T00:00:00Z' }, now)).toEqual(['not-yet-valid']);
    expect(
      signInTimeWarnings(
        { ...f, notBefore: '2024-12-31T00:00:00Z', expirationTime: '2025-01-02T00:00:00Z' },
        now,
      ),
    ).toEqual([]);
  });
});
