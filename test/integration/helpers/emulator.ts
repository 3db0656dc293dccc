import { startTestEmulator, type EmulatorOptions, type TestEmulator } from '../../harness/emulator';

export type { TestEmulator };
export { startTestEmulator };

/**
 * Starts the emulator inside the extension host for the enclosing mocha suite and stops it afterwards.
 * State is reset before each test. Call it at the top of a describe(); use the returned getter inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): () => TestEmulator {
  let emulator: TestEmulator | undefined;
  before(async () => {
    emulator = await startTestEmulator(options);
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
  after(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  return () => {
    if (!emulator) throw new Error('the emulator is not running: call useEmulator() inside describe()');
    return emulator;
  };
}
