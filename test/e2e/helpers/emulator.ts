import { startTestEmulator, type EmulatorOptions, type TestEmulator } from '../../harness/emulator';

export type { TestEmulator };

/** The emulator for the enclosing suite, in the test process; reset before each test, stopped afterwards. */
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
    if (!emulator) throw new Error('useEmulator() must be called inside describe()');
    return emulator;
  };
}
