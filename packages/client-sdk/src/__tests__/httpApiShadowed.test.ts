import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApi } from '../httpApi.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose every answer is `status` with `type`, as a catch-all in front of opwire gives. */
async function answering(status: number, type: string, body: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/opwire/api`;
}

function api(baseUrl: string) {
  return createHttpApi({
    baseUrl,
    token: 't',
    fetch: undefined,
    timeoutMs: 5_000,
    rooms: () => [],
  });
}

describe('the HTTP API client, when something else answers apiPath', () => {
  it('says that Swagger UI (or any page) answered instead of opwire', async () => {
    const baseUrl = await answering(200, 'text/html; charset=utf-8', '<title>Swagger UI</title>');
    await expect(api(baseUrl).listOperations('active')).rejects.toMatchObject({
      code: 'invalid_payload',
      message: expect.stringMatching(
        /^The server answered GET \/operations with 200 text\/html; charset=utf-8, not opwire's JSON: .*Swagger UI/,
      ),
    });
  });

  it("keeps the code of the status for an app's own error page", async () => {
    const baseUrl = await answering(404, 'text/plain', 'Cannot GET /opwire/api/operations');
    await expect(api(baseUrl).getOperation('op-1')).rejects.toMatchObject({
      code: 'invalid_request',
      details: { status: 404 },
      message: expect.stringContaining("with 404 text/plain, not opwire's JSON"),
    });
  });
});
