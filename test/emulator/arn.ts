/** AWS KMS key ARNs, disaster-recovery regions and the reserved accounts that simulate AWS-side failures. */
export interface KeyArn {
  partition: string;
  region: string;
  account: string;
  keyId: string;
  multiRegion: boolean;
}

const ARN =
  /^arn:(aws|aws-us-gov|aws-cn):kms:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseKeyArn(arn: string): KeyArn | undefined {
  const m = ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3], keyId: m[4], multiRegion: m[4].startsWith('mrk-') };
}

/** Primary region → Qlik Cloud disaster-recovery region (where the replica key must live). */
export const DR_REGIONS: Readonly<Record<string, string>> = {
  'eu-west-1': 'eu-west-3',
  'eu-west-3': 'eu-west-1',
  'eu-west-2': 'eu-west-1',
  'eu-central-1': 'eu-west-1',
  'eu-north-1': 'eu-central-1',
  'us-east-1': 'us-west-2',
  'us-east-2': 'us-west-2',
  'us-west-2': 'us-east-1',
  'ca-central-1': 'us-east-1',
  'ap-southeast-1': 'ap-northeast-1',
  'ap-southeast-2': 'ap-southeast-4',
  'ap-northeast-1': 'ap-northeast-3',
  'ap-south-1': 'ap-south-2',
  'sa-east-1': 'us-east-1',
  'us-gov-west-1': 'us-gov-east-1',
  'us-gov-east-1': 'us-gov-west-1',
  'cn-north-1': 'cn-northwest-1',
  'cn-northwest-1': 'cn-north-1',
};

export function drRegion(region: string): string {
  return DR_REGIONS[region] ?? (region === 'us-west-2' ? 'us-east-1' : 'us-west-2');
}

export function replicaArn(arn: KeyArn): { arn: string; region: string } {
  const region = drRegion(arn.region);
  return { arn: `arn:${arn.partition}:kms:${region}:${arn.account}:key/${arn.keyId}`, region };
}

/** Reserved AWS account IDs: deterministic stand-ins for conditions that live in AWS, not in Qlik. */
export const RESERVED_ACCOUNTS = {
  forbidden: '000000000403', // key policy forbids Qlik: 403 on register
  unreachable: '000000000408', // KMS does not answer: 408 on register and on test
  registerFails: '000000000406', // 406 on register
  nonCompliant: '000000000088', // registers; compliance error Encryption-88, drCompliant false
  migrateInitFails: '000000000412', // migrate to it: 412
  migratePrepareFails: '000000000424', // migrate to it: 424
} as const;
