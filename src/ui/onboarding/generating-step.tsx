import { OperationProgressView } from '../components/operation-progress.tsx';
import { useOperationProgress } from '../wallet-events.ts';

/** Shown while both key pairs are made with the enclave. */
export function GeneratingStep() {
  const progress = useOperationProgress(true);
  return (
    <section>
      <h1>Making your keys</h1>
      <OperationProgressView progress={progress} title="Making your two key pairs with the enclave" />
      <p>
        This takes a few seconds. Both sides prove to each other that they follow the protocol, so nobody, not
        even the enclave, learns your half.
      </p>
    </section>
  );
}
