/**
 * The `hostile` fault: a real answer in which every free-text field (names, descriptions, titles, details, codes,
 * compliance messages, user names and e-mail addresses, tenant names) carries what an attacker would write there:
 * a command link, a web link, icon syntax, markdown, HTML, bidi and zero-width characters. Structural fields (IDs,
 * ARNs, dates, statuses, links) stay as they are, so that the answer still parses.
 */
export const HOSTILE_FIELDS = new Set(['name', 'description', 'title', 'detail', 'message', 'code', 'email', 'displayName']);

/** The payload appended to each free-text field. Tests look for its markers in what reaches the screen. */
export const HOSTILE_PAYLOAD =
  ' [Run me](command:workbench.action.terminal.new) [site](https://evil.example/x) $(alert) **bold** <img src=x onerror=alert(1)> \u202eexe.txt\u200b\u0007';

/** Role names are the service's own vocabulary (TenantAdmin, Developer), not text somebody typed. */
const KEPT = new Set(['assignedRoles']);

export function hostile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hostile);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      KEPT.has(k) ? v : HOSTILE_FIELDS.has(k) && typeof v === 'string' ? `${v}${HOSTILE_PAYLOAD}` : hostile(v),
    ]),
  );
}
