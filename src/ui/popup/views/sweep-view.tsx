import { useState } from 'preact/hooks';
import type { WalletStatus } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { TextField } from '../../components/text-field.tsx';
import { type UserError, useAction } from '../../components/use-action.ts';
import { SolanaErrorNote } from './solana-error-note.tsx';
import {
  evmSweepSummary,
  type SweepAsset,
  type SweepSummary,
  solanaSweepSummary,
  sweepDestinationProblem,
} from './sweep-input.ts';
import { TransferConfirm } from './transfer-confirm.tsx';
import { TransferResult } from './transfer-result.tsx';

/** Only the Solana API's codes have their own next step. */
function SweepError({ error, asset }: { error: UserError | null; asset: SweepAsset }) {
  return asset === 'solana' ? <SolanaErrorNote error={error} /> : <ErrorNote error={error} />;
}

/** Review: what moves, the fee, where, and what may stay behind. */
function SweepReview({ s }: { s: SweepSummary }) {
  return (
    <dl data-testid="sweep-review-details">
      <dt>Amount that moves (everything minus the fee)</dt>
      <dd>
        <strong data-testid="sweep-amount">
          {s.amount} {s.symbol}
        </strong>
      </dd>
      <dt>{s.feeIsBound ? 'Network fee (at most)' : 'Network fee'}</dt>
      <dd data-testid="sweep-fee">
        {s.fee} {s.symbol}
      </dd>
      <dt>Network</dt>
      <dd>{s.network}</dd>
      <dt>From (this wallet)</dt>
      <dd class="mono">{s.from}</dd>
      <dt>To</dt>
      <dd class="mono" data-testid="sweep-destination">
        {s.to}
      </dd>
    </dl>
  );
}

/**
 * Move funds (sweep): the whole balance of one asset to another address, for leaving an exported wallet
 * (SPEC §4.7) or any wallet. Form → review (from a fresh quote) → sign and send → hash or signature.
 */
export function SweepView(props: { status: WalletStatus; chainId: number }) {
  const [asset, setAsset] = useState<SweepAsset>('evm');
  const [to, setTo] = useState('');
  const [review, setReview] = useState<SweepSummary | null>(null);
  const [result, setResult] = useState<{ id: string; moved: SweepSummary } | null>(null);
  const own = asset === 'evm' ? props.status.addresses?.evm : props.status.addresses?.solana;
  const problem = to ? sweepDestinationProblem(asset, to, own) : null;
  const dest = to.trim();

  const quote = useAction(async () => {
    setReview(
      asset === 'evm'
        ? evmSweepSummary(await askBackground('sweep.evm.quote', { to: dest, chainId: props.chainId }))
        : solanaSweepSummary(await askBackground('solana.sweep.quote', { to: dest })),
    );
  });
  const sweep = useAction(async () => {
    if (asset === 'evm') {
      const r = await askBackground('sweep.evm', { to: dest, chainId: props.chainId });
      setResult({ id: r.txHash, moved: evmSweepSummary(r) });
    } else {
      const r = await askBackground('solana.sweep', { to: dest });
      setResult({ id: r.signature, moved: solanaSweepSummary(r) });
    }
  });

  if (result)
    return (
      <TransferResult
        testId="sweep-view"
        heading="Funds sent"
        noteTitle={`${result.moved.amount} ${result.moved.symbol} on its way`}
        idLabel={asset === 'evm' ? 'Transaction hash' : 'Transaction signature'}
        id={result.id}
        idTestId="sweep-result"
        againLabel="Move another asset"
        onAgain={() => {
          setResult(null);
          setReview(null);
          setTo('');
        }}
      >
        The network accepted the transaction; it is final once it is in a block. Check the destination wallet
        before you rely on it.
      </TransferResult>
    );

  if (review)
    return (
      <section data-testid="sweep-view">
        <h1>Check and move everything</h1>
        <SweepReview s={review} />
        {review.dustMayRemain && (
          <Note kind="info" title="A little dust may remain">
            The network charges less than the maximum fee reserved here, and the unused part is refunded to
            this wallet: a tiny amount can stay behind.
          </Note>
        )}
        <p>
          <small>The balance and fee are read again when you confirm; the result shows what moved.</small>
        </p>
        <SweepError error={sweep.error} asset={asset} />
        <TransferConfirm
          testId="sweep-confirm"
          label="Move everything"
          busyLabel="Signing and sending…"
          busy={sweep.busy}
          danger
          onConfirm={() => void sweep.run()}
          onBack={() => setReview(null)}
        />
      </section>
    );

  return (
    <section data-testid="sweep-view">
      <h1>Move funds</h1>
      {props.status.keyExported ? (
        <Note kind="error" title="Key exported">
          Anyone who saw the exported keys can take these funds. Move everything to an address of a new wallet
          that only you control.
        </Note>
      ) : (
        <p>Send the whole balance of one asset to another address; only the network fee is kept back.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (dest && !problem) void quote.run();
        }}
      >
        <label class="field">
          <span>Asset</span>
          <select
            data-testid="sweep-asset"
            value={asset}
            onChange={(e) => {
              setAsset((e.currentTarget as HTMLSelectElement).value as SweepAsset);
              quote.setError(null);
            }}
          >
            <option value="evm">EVM: native coin of the selected network</option>
            <option value="solana">Solana: SOL on the selected cluster</option>
          </select>
        </label>
        <TextField
          label={asset === 'evm' ? 'To (0x address)' : 'To (Solana address)'}
          testId="sweep-to"
          value={to}
          onValue={setTo}
          placeholder={asset === 'evm' ? '0x…' : 'base58 address'}
          autoFocus
        />
        {problem && <p role="status">{problem}</p>}
        <SweepError error={quote.error} asset={asset} />
        <div class="actions">
          <button type="submit" data-testid="sweep-review" disabled={!dest || !!problem || quote.busy}>
            {quote.busy ? 'Reading balance and fee…' : 'Review'}
          </button>
        </div>
      </form>
    </section>
  );
}
