import { s } from '../common/codec.ts';
import { ValidPaillierProofSchema } from '../zk/paillier-valid.ts';
import { TwoPaillierEqualProofSchema } from '../zk/two-paillier-equal.ts';
import {
  ciphertextField,
  commitmentField,
  commitmentRandField,
  paillierModulusField,
  scalarField,
  sidField,
} from './wire.ts';

/**
 * Refresh and backup pair (3 frames each; same algebra, distinct frame types and proof tags so a frame of
 * one can never be fed to the other). 1 P1→P2 commitment to ρ1, the new N', c_key' = Enc_{N'}(x1), the
 * validity proof of N' and the proof that c_key and c_key' hold the same x1; 2 P2→P1 ρ2; 3 P1→P2 opening.
 */
export type RefreshPurpose = 'refresh' | 'backup';

export function refreshMessages<P extends RefreshPurpose>(purpose: P) {
  return {
    msg1: s.frame(`ecdsa.${purpose}.1` as `ecdsa.${P}.1`, {
      sid: sidField,
      com: commitmentField,
      N: paillierModulusField,
      cKey: ciphertextField,
      validity: ValidPaillierProofSchema,
      equal: TwoPaillierEqualProofSchema,
    }),
    msg2: s.frame(`ecdsa.${purpose}.2` as `ecdsa.${P}.2`, { sid: sidField, rho2: scalarField }),
    msg3: s.frame(`ecdsa.${purpose}.3` as `ecdsa.${P}.3`, {
      sid: sidField,
      rho1: scalarField,
      rand: commitmentRandField,
    }),
    aux: {
      commitRho1: `ecdsa.${purpose}.rho1.commit`,
      validity: `ecdsa.${purpose}.paillier-valid`,
      equal: `ecdsa.${purpose}.c_key-equal`,
    },
  };
}
