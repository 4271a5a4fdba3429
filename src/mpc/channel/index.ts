export { ChannelError, type ChannelErrorCode } from './errors.ts';
export {
  type ChannelAuthClaim,
  ChannelInitiator,
  ChannelResponder,
  type ChannelSigner,
  ed25519Signer,
  type HandshakeFrame,
} from './handshake.ts';
export { type SealedFrame, SecureSession } from './secure-session.ts';
export { CHANNEL_VERSION, type ChannelAuthMode, channelSchemas, walletIdSchema } from './wire.ts';
