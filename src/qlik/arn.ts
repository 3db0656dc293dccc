// AWS KMS key ARN parsing. Pure: no I/O, safe to bundle into a webview.
import * as l10n from '@vscode/l10n';
import { hasSpaceOrInvisible } from './jsonPatch';

export type AwsPartition = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface KmsKeyArn {
  /** The ARN as typed, without surrounding whitespace. */
  arn: string;
  partition: AwsPartition;
  region: string;
  account: string;
  keyId: string;
  /** Multi-region keys have IDs that start with `mrk-`. */
  multiRegion: boolean;
}

export type ArnParseResult = { ok: true; value: KmsKeyArn; warnings: string[] } | { ok: false; error: string; problems: string[] };

const PARTITIONS: readonly AwsPartition[] = ['aws', 'aws-us-gov', 'aws-cn'];
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK = /^mrk-[0-9a-f]{32}$/;

export function singleRegionWarning(): string {
  return l10n.t(
    'This is a single-region key. New providers should be multi-region keys (mrk-…) with a replica in the tenant’s disaster-recovery region.',
  );
}

const EXAMPLE = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-…';

function fail(problems: string[]): ArnParseResult {
  return { ok: false, error: problems[0] ?? l10n.t('This is not a valid AWS KMS key ARN.'), problems };
}

function regionProblem(partition: AwsPartition, region: string): string | undefined {
  if (region === '') return l10n.t('The region is missing.');
  if (!REGION.test(region)) return l10n.t('"{0}" is not an AWS region (for example eu-west-1).', region);
  if (partition === 'aws-us-gov' && !region.startsWith('us-gov-')) return l10n.t('The aws-us-gov partition needs a us-gov-… region.');
  if (partition === 'aws-cn' && !region.startsWith('cn-')) return l10n.t('The aws-cn partition needs a cn-… region.');
  if (partition === 'aws' && (region.startsWith('us-gov-') || region.startsWith('cn-'))) {
    return l10n.t('The region {0} belongs to another partition than "aws".', region);
  }
  return undefined;
}

function keyIdProblem(keyId: string): string | undefined {
  if (keyId === '') return l10n.t('The key ID is missing.');
  const lower = keyId.toLowerCase();
  if (lower.startsWith('mrk-')) {
    if (keyId !== lower) return l10n.t('The key ID must be in lowercase.');
    return MRK.test(keyId) ? undefined : l10n.t('A multi-region key ID must be "mrk-" followed by 32 hexadecimal characters.');
  }
  if (UUID.test(lower)) return keyId === lower ? undefined : l10n.t('The key ID must be in lowercase.');
  return l10n.t('The key ID must be a UUID (like 1234abcd-12ab-34cd-56ef-1234567890ab) or "mrk-" followed by 32 hexadecimal characters.');
}

/** Parses an AWS KMS key ARN; alias ARNs and other services are refused, with the reason in words. */
export function parseKmsKeyArn(input: string): ArnParseResult {
  if (typeof input !== 'string') return fail([l10n.t('Enter the ARN of an AWS KMS key.')]);
  const arn = input.trim();
  if (arn === '') return fail([l10n.t('Enter the ARN of an AWS KMS key.')]);
  if (hasSpaceOrInvisible(arn)) {
    return fail([l10n.t('The ARN must not contain spaces or invisible characters.')]);
  }
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) {
    return fail([l10n.t('This is not an ARN: it should look like {0}.', EXAMPLE)]);
  }
  if (parts.length > 6) return fail([l10n.t('The ARN has too many ":"-separated parts for a KMS key ARN.')]);
  const [, partitionText, service, region, account, resource] = parts as [string, string, string, string, string, string];
  const problems: string[] = [];
  const partition = PARTITIONS.find((p) => p === partitionText);
  if (!partition) problems.push(l10n.t('The partition must be aws, aws-us-gov or aws-cn, not "{0}".', partitionText));
  if (service !== 'kms') problems.push(l10n.t('This is an ARN for the "{0}" service, not for AWS KMS.', service));
  const rp = partition ? regionProblem(partition, region) : region === '' ? l10n.t('The region is missing.') : undefined;
  if (rp) problems.push(rp);
  if (!ACCOUNT.test(account)) problems.push(l10n.t('The account ID must be 12 digits.'));
  if (resource.startsWith('alias/')) {
    problems.push(l10n.t('This is an alias ARN: Qlik Cloud needs the ARN of the key itself (…:key/…), not of an alias.'));
  } else if (!resource.startsWith('key/')) {
    problems.push(l10n.t('The resource must be "key/" followed by the key ID.'));
  } else {
    const kp = keyIdProblem(resource.slice(4));
    if (kp) problems.push(kp);
  }
  if (problems.length > 0 || !partition) return fail(problems);
  const keyId = resource.slice(4);
  const multiRegion = keyId.startsWith('mrk-');
  return {
    ok: true,
    value: { arn, partition, region, account, keyId, multiRegion },
    warnings: multiRegion ? [] : [singleRegionWarning()],
  };
}

/** Best-effort split of an ARN the service returned, for display only (no validation). */
export function describeArn(arn: string): { region?: string; account?: string; keyId?: string } {
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length !== 6) return {};
  const resource = parts[5] ?? '';
  return {
    region: parts[3] || undefined,
    account: parts[4] || undefined,
    keyId: resource.startsWith('key/') ? resource.slice(4) || undefined : undefined,
  };
}
