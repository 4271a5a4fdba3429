import { startProviderRelay } from '@/src/provider/relay.ts';

// Isolated world: forwards the page's provider frames to the background over a runtime port.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    startProviderRelay();
  },
});
