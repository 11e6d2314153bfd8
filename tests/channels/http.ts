// Serves routers through the real express app on 127.0.0.1:0, as `serve` does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp, type Mount } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function serveMounts(mounts: Mount[]): Promise<TestServer> {
  const app = createHttpApp({ logger: silentLogger(), metrics: createMetrics(), mounts });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
