import { useState } from 'preact/hooks';
import type { FeeEstimate, NativeTransfer } from '../../../messaging/page-messages.ts';
import { askBackground } from '../../background-client.ts';
import { ErrorNote } from '../../components/error-note.tsx';
import { OperationProgressView } from '../../components/operation-progress.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useAction } from '../../components/use-action.ts';
import { useOperationProgress } from '../../wallet-events.ts';
import { transferInputProblem } from './send-input.ts';
import { SendReview } from './send-review.tsx';
import { TransferConfirm } from './transfer-confirm.tsx';
import { TransferResult } from './transfer-result.tsx';

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
      <TransferResult
        heading="Sent"
        noteTitle="The network accepted the transaction"
        idLabel="Transaction hash"
        id={txHash}
        idTestId="send-tx-hash"
        againLabel="New transfer"
        onAgain={() => {
          setTxHash(null);
          setReview(null);
          setAmount('');
        }}
      >
        It is final once it is in a block.
      </TransferResult>
    );

  if (review)
    return (
      <section>
        <h1>Check and send</h1>
        <SendReview transfer={review.transfer} fee={review.fee} />
        <ErrorNote error={send.error} />
        {send.busy && <OperationProgressView progress={progress} title="Co-signing with the enclave" />}
        <TransferConfirm
          testId="send-confirm"
          label="Sign and send"
          busyLabel="Sending…"
          busy={send.busy}
          onConfirm={() => void send.run()}
          onBack={() => setReview(null)}
        />
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
