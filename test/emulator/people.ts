import { HOSTILE_PAYLOAD } from './hostile';
import type { SeedName, TenantInfo, User, UserStatus } from './state';
import { hexId, prng, qlikId, randomHex } from './util';

const DAY = 86_400_000;
const NAMES = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'soylent', 'stark', 'wayne', 'wonka', 'cyberdyne'];
const PLACES: [string, string][] = [
  ['eu', 'eu-west-1'],
  ['us', 'us-east-1'],
  ['ap', 'ap-southeast-2'],
  ['de', 'eu-central-1'],
  ['uk', 'eu-west-2'],
];

interface Person {
  name: string;
  /** The local part of the e-mail address, when it is not the ASCII form of the name. */
  local?: string;
  status?: UserStatus;
}

/**
 * The extra users of a tenant, in order (the demo seed has the first four, each owning six keys). Some names are
 * outside ASCII (one e-mail address too, as SMTPUTF8 allows), one user has left (disabled, keys kept), and one
 * display name is what an attacker would type there (the hostile payload), for the tests of the text doors.
 */
const PEOPLE: Person[] = [
  { name: 'Grace Hopper' },
  { name: 'Zoë Ångström' },
  { name: 'José Núñez', local: 'josé.núñez', status: 'disabled' },
  { name: `Mallory${HOSTILE_PAYLOAD}`, local: 'mallory' },
  { name: 'Margaret Hamilton' },
  { name: '李小龙', local: 'xiaolong.li' },
  { name: 'Barbara Liskov' },
  { name: 'Dennis Ritchie' },
  { name: 'Ørjan Ødegård', local: 'orjan.odegard' },
  { name: 'Radia Perlman' },
  { name: 'Αλέξανδρος Παπαδόπουλος', local: 'alexandros.papadopoulos' },
  { name: 'Katherine Johnson' },
];

/** How many users beyond the admin, developer, plain user and OAuth client each seed has. */
const EXTRA_USERS: Record<SeedName, number> = { empty: 0, demo: 4, large: 198, estate: 28 };

export function tenantName(index: number): string {
  return index < NAMES.length ? NAMES[index] : `tenant${index + 1}`;
}

/** The ASCII form of a name for its e-mail address: accents dropped, everything else a dot. */
function mailLocal(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function person(rng: () => number, p: Person, roles: User['roles'], createdMs: number, tenant: string): User {
  const id = hexId(rng);
  const email = `${p.local ?? mailLocal(p.name)}@${tenant}.example.com`;
  // Whoever had the Developer role has the permission that replaced it.
  const u: User = { id, name: p.name, email, subject: `auth0|${id}`, roles, createdMs, manageApiKeys: roles.includes('Developer') };
  if (p.status) u.status = p.status;
  return u;
}

/** Users, IDs and the OAuth client of a tenant: fixed for the life of the emulator. */
export function makeTenantInfo(index: number, seed: SeedName, nowMs: number): TenantInfo {
  const name = tenantName(index);
  const rng = prng(`tenant:${name}`);
  const [region, datacenter] = PLACES[index % PLACES.length];
  const createdMs = nowMs - 900 * DAY;
  const admin = person(rng, { name: 'Ada Admin' }, ['TenantAdmin', 'Developer'], createdMs, name);
  const developer = person(rng, { name: 'Dev Eloper' }, ['Developer'], createdMs + DAY, name);
  const user = person(rng, { name: 'Una User' }, [], createdMs + 2 * DAY, name);
  const clientId = randomHex(16);
  const client = person(rng, { name: 'Automation client' }, ['TenantAdmin'], createdMs + 3 * DAY, name);
  client.clientId = clientId;
  client.subject = `qlikbot\\${clientId}`;
  const users = new Map<string, User>();
  for (const u of [admin, developer, user, client]) users.set(u.id, u);
  for (let i = 0; i < EXTRA_USERS[seed]; i++) {
    const p: Person = PEOPLE[i] ?? { name: `User ${String(i + 1).padStart(3, '0')}`, status: i % 25 === 24 ? 'disabled' : undefined };
    const u = person(rng, p, i % 3 === 0 ? ['Developer'] : [], createdMs + (10 + i) * DAY, name);
    users.set(u.id, u);
  }
  return {
    index,
    name,
    tenantId: qlikId(rng),
    region,
    datacenter,
    hostname: `${name}.${region}.qlikcloud.com`,
    createdMs,
    admin,
    developer,
    user,
    client,
    clientSecret: randomHex(32),
    users,
  };
}
