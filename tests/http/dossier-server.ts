// A real HTTP server on 127.0.0.1 with the dossier router, over a given store.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CalendarData } from '../../src/catalogue/schema';
import type { Clock } from '../../src/clock';
import { agencyForKey } from '../../src/dossiers/keys';
import type { RateLimitOptions } from '../../src/dossiers/rate-limit';
import { DossierService } from '../../src/dossiers/service';
import { createHttpApp } from '../../src/http/app';
import { createDossierRouter } from '../../src/http/dossier-routes';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { Db } from '../../src/store/db';
import { findProcedure } from '../dossiers/factory';
import { createStores } from '../../src/store/stores';

export interface DossierServer {
  url: string;
  service: DossierService;
  close(): Promise<void>;
}

export async function startDossierServer(db: Db, calendar: CalendarData, clock: Clock, lookupLimit?: RateLimitOptions): Promise<DossierServer> {
  const service = new DossierService({ stores: createStores(db), procedure: findProcedure, calendar: () => calendar, clock, ...(lookupLimit ? { lookupLimit } : {}) });
  const router = createDossierRouter({ service, resolveKey: (key) => agencyForKey(createStores(db).apiKeys, key), clock });
  const app = createHttpApp({ logger: silentLogger(), metrics: createMetrics(), mounts: [{ path: '/api/dossiers', router }] });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** A valid `PUT /api/dossiers/:code` body, as a one-stop system would send it. */
export const dossierBody = (overrides: Record<string, unknown> = {}) => ({
  procedureCode: '1.001193',
  unit: 'xa-an-binh',
  officialId: 'cb-01',
  applicantName: 'Trần Thị Bình',
  applicantPhone: '0987 654 321',
  channel: 'direct',
  receivedAt: '2026-11-20T10:00:00+07:00',
  ...overrides,
});
