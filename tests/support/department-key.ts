import { randomBytes } from 'node:crypto';
import type { SigningKeySource } from '../../functions/departments/signing-key.ts';

/** A key the unit tests' stand-ins and clients share, as the embedded hosting's DATA_DIR/keys/departments.key. */
export const TEST_DEPARTMENT_KEY = randomBytes(32);
export const testSigningKey: SigningKeySource = async () => ({ keyId: 'test', key: TEST_DEPARTMENT_KEY });
