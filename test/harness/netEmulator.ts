// The real network path for the integration stage (issue 14): the emulator serving its tenants over HTTPS under
// their public names (https://acme.eu.qlikcloud.com) with a CA made for the run, behind the test CONNECT proxy.
// The harness starts it before code-server, because the extension host must trust that CA the way a person trusts a
// private CA, from its start: NODE_EXTRA_CA_CERTS=<ca.pem> in its environment. The suite (network.test.ts) finds it
// through QCK_NET_EMULATOR and sets http.proxy itself, so that the other suites run as before.
// Its tokens are JWTs of the emulator: the host's own end-of-run secret scan (zz-secrets.test.ts) finds any of them on
// disk by the header every emulator token starts with.
import { startEmulator, type EmulatorTenant, type RunningEmulator } from '../emulator/index';

export const NET_EMULATOR_VAR = 'QCK_NET_EMULATOR';

/** What the suite gets to know (the tokens it signs in with included; only through the environment, never a file). */
export interface NetEmulatorInfo {
  tenants: EmulatorTenant[];
  control: string;
  proxy: string;
  foreign: string;
  caFile: string;
}

export interface NetEmulator {
  /** For the extension host: the CA to trust, and where the suite finds the emulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startNetEmulator(): Promise<NetEmulator> {
  const emulator: RunningEmulator = await startEmulator({ tls: true, proxy: true, seed: 'demo', migrationSeconds: 2, quiet: true });
  if (!emulator.caFile || !emulator.proxy) throw new Error('the emulator started without its CA or proxy');
  const info: NetEmulatorInfo = {
    tenants: emulator.tenants,
    control: emulator.control,
    proxy: emulator.proxy.url,
    foreign: emulator.foreign,
    caFile: emulator.caFile,
  };
  return {
    env: { NODE_EXTRA_CA_CERTS: emulator.caFile, [NET_EMULATOR_VAR]: JSON.stringify(info) },
    close: () => emulator.close(),
  };
}

/** In the extension host: the harness's emulator, or undefined when the stage was started without it. */
export function netEmulatorInfo(): NetEmulatorInfo | undefined {
  const text = process.env[NET_EMULATOR_VAR];
  return text ? (JSON.parse(text) as NetEmulatorInfo) : undefined;
}
