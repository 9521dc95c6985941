import { createTestClient, type TestClient } from '@opwire/test-kit/testServer';
import { signToken, type TokenClaims } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';

/** Connects a recording socket.io client with a fresh token and waits for hello. */
export async function connectAs(url: string, claims: TokenClaims): Promise<TestClient> {
  const client = createTestClient(url, {
    token: signToken(claims, { expiresInSec: 3600 }),
    v: 1,
    vmax: 2,
  });
  await waitFor(() => client.hello !== undefined, `hello for ${claims.sub}`, 5_000);
  return client;
}
