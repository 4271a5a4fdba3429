import { useState } from 'preact/hooks';
import type { FeeEstimate, NativeTransfer } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import { ErrorNote } from '../../components/error-note.tsx';
import { Note } from '../../components/note.tsx';
import { OperationProgressView } from '../../components/operation-progress.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import { useOperationProgress } from '../../wallet-events.ts';
import { transferInputProblem } from './send-input.ts';
import { SendReview } from './send-review.tsx';

/** Native transfer: form → review with fee → co-sign and broadcast → tx hash. */
export function SendView({ chainId }: { chainId: number }) {
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [review, setReview] = useState<{ transfer: NativeTransfer; fee: FeeEstimate } | null>(null);
  const [txHash, setTxHash] = useState<string | null>(null);
  const problem = to || amount ? transferInputProblem(to, amount) : null;

  const estimate = useAction(async () => {
    const transfer = { to: to.trim(), amount: amount.trim(), chainId };
    setReview({ transfer, fee: await askBackground('send.estimate', transfer) });
  });
  const send = useAction(async () => {
    if (!review) return;
    setTxHash((await askBackground('send.native', review.transfer)).txHash);
  });
  const progress = useOperationProgress(send.busy);

  if (txHash)
    return (
      <section>
        <h1>Sent</h1>
        <Note kind="ok" title="The network accepted the transaction">
          It is final once it is in a block.
        </Note>
        <p>Transaction hash</p>
        <div class="address-row">
          <span class="mono" data-testid="send-tx-hash">
            {txHash}
          </span>
          <CopyButton value={txHash} />
        </div>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setTxHash(null);
            setReview(null);
            setAmount('');
          }}
        >
          New transfer
        </button>
      </section>
    );

  if (review)
    return (
      <section>
        <h1>Check and send</h1>
        <SendReview transfer={review.transfer} fee={review.fee} />
        <ErrorNote error={send.error} />
        {send.busy && <OperationProgressView progress={progress} title="Co-signing with the enclave" />}
        <div class="actions">
          <button
            type="button"
            data-testid="send-confirm"
            disabled={send.busy}
            onClick={() => void send.run()}
          >
            {send.busy ? 'Sending…' : 'Sign and send'}
          </button>
          <button type="button" class="secondary" disabled={send.busy} onClick={() => setReview(null)}>
            Back
          </button>
        </div>
      </section>
    );

  return (
    <section>
      <h1>Send</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (to && amount && !problem) void estimate.run();
        }}
      >
        <TextField
          label="To (0x address)"
          testId="send-to"
          value={to}
          onValue={setTo}
          placeholder="0x…"
          autoFocus
        />
        <TextField
          label="Amount"
          testId="send-amount"
          value={amount}
          onValue={setAmount}
          inputMode="decimal"
          placeholder="0.0"
        />
        {problem && <p role="status">{problem}</p>}
        <ErrorNote error={estimate.error} />
        <div class="actions">
          <button
            type="submit"
            data-testid="send-review"
            disabled={!to || !amount || !!problem || estimate.busy}
          >
            {estimate.busy ? 'Estimating the fee…' : 'Review'}
          </button>
        </div>
      </form>
    </section>
  );
}
