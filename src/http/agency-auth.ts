// `Authorization: Bearer <agency key>` for one-stop systems: 401 JSON without a valid key,
// otherwise the key's agency code is in `res.locals.agency` for the route to check.
import type { RequestHandler } from 'express';

export type KeyResolver = (key: string) => Promise<string | undefined>;

export function agencyAuth(resolve: KeyResolver): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const agency = match ? await resolve(match[1]!) : undefined;
    if (!agency) {
      res.set('WWW-Authenticate', 'Bearer realm="motcua"');
      res.status(401).json({ error: 'unauthorized', message: match ? 'Unknown or revoked API key' : 'Send Authorization: Bearer <agency API key>' });
      return;
    }
    res.locals.agency = agency;
    next();
  };
}
