/**
 * A minimal dApp page for provider e2e tests that need no wallet account: it records every provider event
 * and every raw frame the relay posts into the page, and exposes `__req(method, params)` that resolves to
 * `{ result }` or `{ error: { code, message } }` (so a rejection is data, not a thrown exception).
 */
export const PROBE_DAPP_HTML = `<!doctype html><html><head><meta charset="utf-8"><script>
  window.__events = [];
  window.__frames = [];
  window.addEventListener('message', (e) => {
    if (e.source === window && e.data && e.data.target === 'twofold:inpage') window.__frames.push(e.data);
  });
  for (const name of ['connect', 'disconnect', 'chainChanged', 'accountsChanged', 'message'])
    window.ethereum.on(name, (data) => window.__events.push({ name, data: data instanceof Error ? { code: data.code } : data }));
  window.__req = (method, params) =>
    window.ethereum.request(params === undefined ? { method } : { method, params }).then(
      (result) => ({ result }),
      (e) => ({ error: { code: e.code, message: e.message } }),
    );
</script></head><body><h1>probe dApp</h1></body></html>`;

/** A page that embeds another origin's page in an iframe. */
export const framingPage = (src: string) =>
  `<!doctype html><html><head><meta charset="utf-8">${PROBE_DAPP_HTML.match(/<script>[\s\S]*<\/script>/)![0]}</head><body><iframe id="child" src="${src}"></iframe></body></html>`;

/**
 * The cross-origin child: forges a provider request frame and posts it to its parent (top) window, then
 * tells the parent it is done. The parent's relay must ignore the frame: it did not come from the parent's
 * own window.
 */
export const FORGING_CHILD_HTML = `<!doctype html><html><head><meta charset="utf-8"></head><body><script>
  window.addEventListener('message', (e) => {
    if (e.data !== 'forge') return;
    parent.postMessage({ target: 'twofold:relay', kind: 'request', id: 'forged-1',
      method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }, '*');
    parent.postMessage({ target: 'twofold:relay', kind: 'request', id: 'forged-2', method: 'eth_chainId' }, '*');
    parent.postMessage('forged', '*');
  });
  parent.postMessage('child-ready', '*');
</script></body></html>`;
