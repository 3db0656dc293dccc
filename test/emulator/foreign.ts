import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the foreign origin saw of one request: never a header value, only whether Authorization was there. */
export interface ForeignEntry {
  method: string;
  path: string;
  authorization: boolean;
  at: string;
}

/**
 * A second origin that is not any tenant: the target of the `foreign` fault mode (links and redirects that point
 * away from the tenant). It records every request it receives, and whether it carried an Authorization header,
 * and answers an empty API key page, so that a client that does follow such a link would carry on visibly.
 */
export class ForeignOrigin {
  readonly log: ForeignEntry[] = [];
  url = '';

  handler() {
    return (req: IncomingMessage, res: ServerResponse): void => {
      const url = new URL(req.url ?? '/', 'http://foreign.invalid');
      this.log.push({
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        authorization: req.headers.authorization !== undefined,
        at: new Date().toISOString(),
      });
      if (this.log.length > 10_000) this.log.splice(0, this.log.length - 10_000);
      req.resume();
      const body = JSON.stringify({ data: [], links: { self: { href: `${this.url}${url.pathname}` } } });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
  }
}
