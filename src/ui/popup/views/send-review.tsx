import type { FeeEstimate, NativeTransfer } from '../../../messaging/page-messages.ts';

/** What will be signed: recipient, amount and the most the fee can cost. */
export function SendReview({ transfer, fee }: { transfer: NativeTransfer; fee: FeeEstimate }) {
  return (
    <dl data-testid="send-review-details">
      <dt>To</dt>
      <dd class="mono">{transfer.to}</dd>
      <dt>Amount</dt>
      <dd>
        {transfer.amount} {fee.symbol}
      </dd>
      <dt>Network fee (at most)</dt>
      <dd data-testid="send-fee">
        {fee.maxFeeFormatted} {fee.symbol}
      </dd>
      <dt>Network</dt>
      <dd>chain {fee.chainId}</dd>
    </dl>
  );
}
