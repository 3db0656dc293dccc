/**
 * The `filter` of `GET /api/v1/users`: the subset of RFC 7644 (SCIM) filters that `@qlik/api`'s `users.d.ts`
 * documents. Comparisons `<attribute> eq "<value>"` and `<attribute> co "<value>"`, joined with `and` / `or`
 * (`and` binds tighter) and grouped with parentheses; every conditional statement is case insensitive. Any
 * filter on `status` must be grouped together and applied to the whole query. Everything else is refused.
 */
export type UserFilter = { kind: 'cmp'; attr: string; op: 'eq' | 'co'; value: string } | { kind: 'and' | 'or'; items: UserFilter[] };

/** The attributes each operator supports (users.d.ts), keyed by their lowercase spelling. */
const EQ_ATTRS = [
  'id',
  'subject',
  'name',
  'email',
  'status',
  'clientId',
  'assignedRoles.id',
  'assignedRoles.name',
  'assignedGroups.id',
  'assignedGroupsAssignedRoles.name',
  'assignedScopes',
];
const CO_ATTRS = ['name', 'email', 'subject'];
const CANONICAL = new Map(EQ_ATTRS.map((a) => [a.toLowerCase(), a]));
/** Operators of RFC 7644 that the users API does not document. */
const OTHER_OPS = new Set(['ne', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'in']);
const MAX_DEPTH = 32;
const MAX_COMPARISONS = 500;

export class FilterError extends Error {}

type Token = { t: '(' | ')' } | { t: 'word'; v: string; at: number } | { t: 'string'; v: string; at: number };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
    } else if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) throw new FilterError(`Unterminated string starting at position ${start + 1}.`);
      try {
        out.push({ t: 'string', v: JSON.parse(text.slice(start, ++i)) as string, at: start });
      } catch {
        throw new FilterError(`Invalid escape in the string starting at position ${start + 1}.`);
      }
    } else {
      const m = /^[^\s()"]+/.exec(text.slice(i));
      const word = m ? m[0] : c;
      out.push({ t: 'word', v: word, at: i });
      i += word.length;
    }
  }
  return out;
}

/** Parses a filter; throws `FilterError` with a reason a person can act on. */
export function parseUserFilter(text: string): UserFilter {
  const tokens = tokenize(text);
  let pos = 0;
  let comparisons = 0;
  const peekWord = (): string | undefined => {
    const tk = tokens[pos];
    return tk?.t === 'word' ? tk.v.toLowerCase() : undefined;
  };
  const where = (): string => {
    const tk = tokens[pos];
    if (tk === undefined) return 'at the end';
    return 'at' in tk ? `at position ${tk.at + 1}` : `at "${tk.t}"`;
  };
  const list = (kind: 'and' | 'or', next: (depth: number) => UserFilter, depth: number): UserFilter => {
    const items = [next(depth)];
    while (peekWord() === kind) {
      pos++;
      items.push(next(depth));
    }
    return items.length === 1 ? items[0] : { kind, items };
  };
  const orExpr = (depth: number): UserFilter => list('or', andExpr, depth);
  const andExpr = (depth: number): UserFilter => list('and', unary, depth);
  const unary = (depth: number): UserFilter => {
    const tk = tokens[pos];
    if (tk?.t === '(') {
      if (depth >= MAX_DEPTH) throw new FilterError(`The filter is nested more than ${MAX_DEPTH} levels deep.`);
      pos++;
      const inner = orExpr(depth + 1);
      if (tokens[pos]?.t !== ')') throw new FilterError(`Expected ")" ${where()}.`);
      pos++;
      return inner;
    }
    if (tk?.t !== 'word') throw new FilterError(`Expected an attribute ${where()}.`);
    if (tk.v.toLowerCase() === 'not') throw new FilterError('The operator "not" is not supported.');
    const attr = CANONICAL.get(tk.v.toLowerCase());
    if (!attr) throw new FilterError(`Unknown attribute "${tk.v}" at position ${tk.at + 1}.`);
    pos++;
    const opTk = tokens[pos];
    const op = opTk?.t === 'word' ? opTk.v.toLowerCase() : undefined;
    if (op === undefined) throw new FilterError(`Expected an operator after "${tk.v}" ${where()}.`);
    if (OTHER_OPS.has(op)) throw new FilterError(`The operator "${op}" is not supported; use eq or co.`);
    if (op !== 'eq' && op !== 'co') throw new FilterError(`Unknown operator "${opTk?.t === 'word' ? opTk.v : ''}" ${where()}.`);
    if (op === 'co' && !CO_ATTRS.includes(attr)) throw new FilterError(`The attribute "${attr}" does not support co.`);
    pos++;
    const valueTk = tokens[pos];
    if (valueTk?.t !== 'string') throw new FilterError(`Expected a quoted string after "${tk.v} ${op}" ${where()}.`);
    pos++;
    if (++comparisons > MAX_COMPARISONS) throw new FilterError(`The filter has more than ${MAX_COMPARISONS} comparisons.`);
    return { kind: 'cmp', attr, op, value: valueTk.v };
  };
  if (tokens.length === 0) throw new FilterError('The filter is empty.');
  const tree = orExpr(0);
  if (pos < tokens.length) throw new FilterError(`Expected "and" or "or" ${where()}.`);
  checkStatusGrouping(tree);
  return tree;
}

function mentionsStatus(f: UserFilter): boolean {
  return f.kind === 'cmp' ? f.attr === 'status' : f.items.some(mentionsStatus);
}

function onlyStatus(f: UserFilter): boolean {
  return f.kind === 'cmp' ? f.attr === 'status' : f.items.every(onlyStatus);
}

/** Status filters must be one group applied to the whole query: the whole filter, or a top-level `and` operand. */
function checkStatusGrouping(tree: UserFilter): void {
  if (!mentionsStatus(tree) || onlyStatus(tree)) return;
  const operands = tree.kind === 'and' ? tree.items : [tree];
  if (operands.every((o) => !mentionsStatus(o) || onlyStatus(o))) return;
  throw new FilterError('Any filters for status must be grouped together and applied to the whole query.');
}

/** The values a user has for an attribute (several for the role and group attributes). */
export type UserValues = (attr: string) => readonly string[];

export function matches(f: UserFilter, values: UserValues): boolean {
  if (f.kind !== 'cmp') return f.kind === 'and' ? f.items.every((i) => matches(i, values)) : f.items.some((i) => matches(i, values));
  const want = f.value.toLowerCase();
  return values(f.attr).some((v) => (f.op === 'eq' ? v.toLowerCase() === want : v.toLowerCase().includes(want)));
}
