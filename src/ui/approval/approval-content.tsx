import type { ApprovalView, TransactionView } from '../../provider/approvals/approval-types.ts';
import { describeMessage, formatGwei, formatNative, type TreeNode, typedDataTree } from './decode.ts';
import { SolanaApprovalContentView } from './solana-approval-content.tsx';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

function Transaction({ tx, symbol, mode }: { tx: TransactionView; symbol: string; mode: 'send' | 'sign' }) {
  return (
    <section>
      <h2>{mode === 'send' ? 'Send transaction' : 'Sign transaction (not sent)'}</h2>
      <dl>
        <Row label="From" value={tx.from} />
        <Row label="To" value={tx.to ?? 'new contract'} testId="tx-to" />
        <Row label="Value" value={formatNative(tx.value, symbol)} testId="tx-value" />
        <Row label="Gas limit" value={BigInt(tx.gas).toString()} />
        {tx.type === 'eip1559' ? (
          <>
            <Row label="Max fee per gas" value={formatGwei(tx.maxFeePerGas)} />
            <Row label="Max priority fee" value={formatGwei(tx.maxPriorityFeePerGas)} />
            <Row
              label="Max network fee"
              value={formatNative(
                `0x${(BigInt(tx.gas) * BigInt(tx.maxFeePerGas ?? '0x0')).toString(16)}`,
                symbol,
              )}
            />
          </>
        ) : (
          <Row label="Gas price" value={formatGwei(tx.gasPrice)} />
        )}
        <Row label="Nonce" value={String(tx.nonce)} />
        {tx.data && tx.data !== '0x' && <Row label="Data" value={tx.data} testId="tx-data" />}
      </dl>
    </section>
  );
}

function Tree({ nodes }: { nodes: TreeNode[] }) {
  return (
    <ul class="tree">
      {nodes.map((n) => (
        <li key={n.label}>
          <span class="tree-label">{n.label}</span>
          {n.type && <span class="tree-type"> {n.type}</span>}
          {n.value !== undefined && <span class="tree-value">: {n.value}</span>}
          {n.children && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function TypedData({ json }: { json: string }) {
  const t = typedDataTree(json);
  return (
    <section data-testid="typed-data">
      <h2>Sign typed data: {t.primaryType}</h2>
      <h3>Domain</h3>
      <Tree nodes={t.domain} />
      <h3>Message</h3>
      <Tree nodes={t.message} />
    </section>
  );
}

function Message({ hex }: { hex: `0x${string}` }) {
  const m = describeMessage(hex);
  return (
    <section>
      <h2>Sign message</h2>
      {m.text !== null ? (
        <pre data-testid="message-text">{m.text}</pre>
      ) : (
        <pre data-testid="message-hex">{m.hex}</pre>
      )}
    </section>
  );
}

/** The decoded body of one request. */
export function ApprovalContentView({ view }: { view: ApprovalView }) {
  const c = view.content;
  switch (c.kind) {
    case 'connect':
      return (
        <section>
          <h2>Connect to this site</h2>
          <p>The site will see your address and can ask you to sign. It cannot sign without you.</p>
          <dl>
            <Row label="Account" value={c.address} />
          </dl>
        </section>
      );
    case 'switchChain':
      return (
        <section>
          <h2>Switch network</h2>
          <dl>
            <Row label="From" value={`${c.from.name} (${c.from.chainId})`} />
            <Row label="To" value={`${c.to.name} (${c.to.chainId})`} testId="switch-to" />
          </dl>
        </section>
      );
    case 'addChain':
      return (
        <section>
          <h2>Add and switch to a network</h2>
          <dl>
            <Row label="Name" value={c.chain.name} />
            <Row label="Chain ID" value={String(c.chain.chainId)} testId="add-chain-id" />
            <Row label="RPC URL" value={c.chain.rpcUrl} />
            <Row label="Currency" value={c.chain.nativeCurrency.symbol} />
            {c.chain.blockExplorerUrl && <Row label="Explorer" value={c.chain.blockExplorerUrl} />}
          </dl>
        </section>
      );
    case 'personalSign':
      return <Message hex={c.messageHex} />;
    case 'typedData':
      return <TypedData json={c.json} />;
    case 'transaction':
      return <Transaction tx={c.tx} symbol={view.chain.symbol} mode={c.mode} />;
    default:
      return <SolanaApprovalContentView content={c} />;
  }
}
