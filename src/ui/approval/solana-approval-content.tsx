import type { SolanaApprovalContent } from '../../provider/solana/solana-approval.ts';
import type { SolanaSignInFields } from '../../provider/solana/solana-sign-in-message.ts';
import type { SolanaTransactionView } from '../../provider/solana/solana-transaction-view.ts';
import { describeMessage } from './decode.ts';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function SolanaTransaction({
  tx,
  mode,
  cluster,
}: {
  tx: SolanaTransactionView;
  mode: 'send' | 'sign';
  cluster: string;
}) {
  return (
    <section data-testid="solana-transaction">
      <h2>{mode === 'send' ? 'Send Solana transaction' : 'Sign Solana transaction (not sent)'}</h2>
      <dl>
        <Row label="Cluster" value={cluster} />
        <Row label="Fee payer" value={tx.feePayer} testId="sol-fee-payer" />
        <Row label="Version" value={tx.version} />
        <Row label="Signers" value={tx.signers.join(', ')} />
        {tx.lookupTables > 0 && <Row label="Address lookup tables" value={String(tx.lookupTables)} />}
      </dl>
      <ol class="instructions">
        {tx.instructions.map((ix, i) => (
          <li key={i} data-testid="sol-instruction">
            <strong data-testid="sol-instruction-action">
              {ix.programName ?? ix.programId}: {ix.action}
            </strong>
            <dl>
              {ix.programName === null && <Row label="Program" value={ix.programId} />}
              {ix.fields.map((f) => (
                <Row key={f.label} label={f.label} value={f.value} />
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

// Every optional SIWS field, in message order, with the label the message itself uses.
const SIGN_IN_FIELDS: [keyof SolanaSignInFields, string][] = [
  ['uri', 'URI'],
  ['version', 'Version'],
  ['chainId', 'Chain ID'],
  ['nonce', 'Nonce'],
  ['issuedAt', 'Issued At'],
  ['expirationTime', 'Expiration Time'],
  ['notBefore', 'Not Before'],
  ['requestId', 'Request ID'],
];

function SolanaSignIn({ signIn: f, message }: { signIn: SolanaSignInFields; message: string }) {
  return (
    <section data-testid="solana-sign-in">
      <h2>Sign in with Solana</h2>
      <p>
        <strong data-testid="sol-sign-in-domain">{f.domain}</strong> asks you to sign in with your Solana
        account. Signing in also connects this site to Twofold.
      </p>
      <dl>
        <Row label="Domain" value={f.domain} />
        <Row label="Account" value={f.address} testId="sol-account" />
        {f.statement !== undefined && (
          <Row label="Statement" value={f.statement} testId="sol-sign-in-statement" />
        )}
        {SIGN_IN_FIELDS.map(([k, label]) => {
          const v = f[k];
          return typeof v === 'string' ? <Row key={k} label={label} value={v} /> : null;
        })}
      </dl>
      {f.resources && (
        <>
          <h3>Resources</h3>
          <ul data-testid="sol-sign-in-resources">
            {f.resources.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Exact message to sign</summary>
        <pre data-testid="message-text">{message}</pre>
      </details>
    </section>
  );
}

/** The Solana requests' bodies in the approval window. */
export function SolanaApprovalContentView({ content: c }: { content: SolanaApprovalContent }) {
  switch (c.kind) {
    case 'solanaConnect':
      return (
        <section>
          <h2>Connect to this site (Solana)</h2>
          <p>The site will see your Solana address and can ask you to sign. It cannot sign without you.</p>
          <dl>
            <Row label="Account" value={c.address} testId="sol-account" />
            <Row label="Cluster" value={c.cluster} />
          </dl>
        </section>
      );
    case 'solanaSignMessage': {
      const m = describeMessage(c.messageHex);
      return (
        <section>
          <h2>Sign message (Solana)</h2>
          <dl>
            <Row label="Account" value={c.address} />
          </dl>
          {m.text !== null ? (
            <pre data-testid="message-text">{m.text}</pre>
          ) : (
            <pre data-testid="message-hex">{m.hex}</pre>
          )}
        </section>
      );
    }
    case 'solanaTransaction':
      return <SolanaTransaction tx={c.tx} mode={c.mode} cluster={c.cluster} />;
    case 'solanaSignIn':
      return <SolanaSignIn signIn={c.signIn} message={c.message} />;
  }
}
