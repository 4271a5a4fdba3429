import { useEffect, useState } from 'preact/hooks';
import type { SolanaClusterInfo } from '../../../chains/solana/solana-clusters.ts';
import { askBackground } from '../../background-client.ts';
import { OperationProgressView } from '../../components/operation-progress.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import { useOperationProgress } from '../../wallet-events.ts';
import { SolanaErrorNote } from './solana-error-note.tsx';
import { solanaTransferInputProblem } from './solana-send-input.ts';
import { TransferConfirm } from './transfer-confirm.tsx';
import { TransferResult } from './transfer-result.tsx';

/** SOL transfer on the selected cluster: form → review → co-sign and send → signature. */
export function SolanaSendView() {
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [cluster, setCluster] = useState<SolanaClusterInfo | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [signature, setSignature] = useState<string | null>(null);
  const problem = to || amount ? solanaTransferInputProblem(to, amount) : null;

  const load = useAction(async () => {
    const r = await askBackground('solana.clusters', {});
    setCluster(r.clusters.find((c) => c.cluster === r.selected) ?? null);
  });
  // the review names the cluster the transfer goes to
  useEffect(() => {
    void load.run();
  }, []);
  const send = useAction(async () => {
    setSignature((await askBackground('solana.send', { to: to.trim(), amount: amount.trim() })).signature);
  });
  const progress = useOperationProgress(send.busy);

  if (signature)
    return (
      <TransferResult
        heading="Sent"
        noteTitle="The cluster accepted the transaction"
        idLabel="Transaction signature"
        id={signature}
        idTestId="solana-send-result"
        againLabel="New transfer"
        onAgain={() => {
          setSignature(null);
          setReviewing(false);
          setAmount('');
        }}
      >
        It is final once the cluster confirms it.
      </TransferResult>
    );

  if (reviewing)
    return (
      <section>
        <h1>Check and send SOL</h1>
        <dl data-testid="solana-send-review">
          <dt>To</dt>
          <dd class="mono">{to.trim()}</dd>
          <dt>Amount</dt>
          <dd>{amount.trim()} SOL</dd>
          <dt>Network fee</dt>
          <dd>paid in SOL by your address (usually 0.000005)</dd>
          <dt>Cluster</dt>
          <dd>{cluster ? cluster.name : 'the selected Solana cluster'}</dd>
        </dl>
        <SolanaErrorNote error={send.error} />
        {send.busy && <OperationProgressView progress={progress} title="Co-signing with the enclave" />}
        <TransferConfirm
          testId="solana-send-submit"
          label="Sign and send"
          busyLabel="Sending…"
          busy={send.busy}
          onConfirm={() => void send.run()}
          onBack={() => setReviewing(false)}
        />
      </section>
    );

  return (
    <section data-testid="solana-send-view">
      <h1>Send SOL</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (to && amount && !problem) setReviewing(true);
        }}
      >
        <TextField label="To (Solana address)" testId="solana-send-to" value={to} onValue={setTo} autoFocus />
        <TextField
          label="Amount (SOL)"
          testId="solana-send-amount"
          value={amount}
          onValue={setAmount}
          inputMode="decimal"
          placeholder="0.0"
        />
        {problem && <p role="status">{problem}</p>}
        <SolanaErrorNote error={load.error} />
        <div class="actions">
          <button
            type="submit"
            data-testid="solana-send-review-button"
            disabled={!to || !amount || !!problem}
          >
            Review
          </button>
        </div>
      </form>
    </section>
  );
}
