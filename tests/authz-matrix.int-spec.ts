import { randomUUID } from 'node:crypto';
import { ROLES, Role, RouteAccess, TokenIssuer } from '@mes/platform';
import { ServiceName, SseClient, TestSystem, eventually } from '@mes/testing';
import { MatrixService, SERVICE_MODULES, admits, serviceRoutes } from '../tools/authz-matrix';

/**
 * Every route of every service (found from the handlers' metadata, so a new route is covered without editing this
 * file), called without a token, with each role's token and with a clinic token that also names a staff role,
 * against the declared matrix (docs/authz-matrix.md). Then each clinic route that takes an id, with another
 * clinic's token on clinic A's record: 404, the same problem as an id that does not exist. And each clinic list
 * route (and the notification stream) shows clinic B none of clinic A's records, while clinic A sees them.
 */

const SERVICES = Object.keys(SERVICE_MODULES) as MatrixService[];
const MBR = 'CD19-CAR-T-SKELETON';

interface Caller {
  name: string;
  roles: readonly Role[] | null;
  token?: string;
}

interface Answer {
  status: number;
  body: { code?: string; detail?: string } | undefined;
}

/** A path with its parameters filled: ids that exist nowhere unless given. */
function fill(path: string, ids: Record<string, string> = {}): string {
  return path.replace(
    /:(\w+)/g,
    (_, name: string) => ids[name] ?? (name === 'username' ? 'nobody-here' : name === 'stepCode' ? 'NO-SUCH-STEP' : randomUUID()),
  );
}

describe('route × role × clinic matrix', () => {
  const system = new TestSystem();
  const callers: Caller[] = [{ name: 'no token', roles: null }];
  const clinicRecords: Record<string, string> = {};
  /** The ids and COIs of clinic A's records: none may appear in anything clinic B is shown. */
  const clinicAMarkers: string[] = [];
  let clinicB = '';

  async function call(service: ServiceName, method: string, path: string, token?: string): Promise<Answer> {
    const abort = new AbortController();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (method !== 'GET') headers['content-type'] = 'application/json';
    const res = await fetch(`${system.url(service)}${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : '{}',
      signal: abort.signal,
    });
    // An event stream that let the caller in never ends by itself: its status is the answer.
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      abort.abort();
      return { status: res.status, body: undefined };
    }
    const text = await res.text();
    let body: Answer['body'];
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  }

  beforeAll(async () => {
    await system.resetDatabases();
    await system.startAll();
    const env = system.env('identity');
    const issuer = new TokenIssuer({ secret: env.AUTH_JWT_SECRET!, issuer: 'mes-identity', audience: 'mes' });
    const mint = (id: string, roles: Role[], clinicId: string | null) =>
      issuer.issue({ id, username: id, name: id, roles, clinicId }).accessToken;
    for (const role of ROLES) {
      callers.push({ name: role, roles: [role], token: mint(`matrix-${role}`, [role], role === 'clinic' ? 'CLINIC-A' : null) });
    }
    callers.push({ name: 'clinic also naming qa', roles: ['clinic', 'qa'], token: mint('matrix-mixed', ['clinic', 'qa'], 'CLINIC-A') });
    clinicB = mint('matrix-clinic-b', ['clinic'], 'CLINIC-B');

    // Clinic A's records: an order, its batch, and the notification the clinic got for the order.
    const clinicA = callers.find((c) => c.name === 'clinic')!.token!;
    const operator = callers.find((c) => c.name === 'operator')!.token!;
    const order = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-21' });
    expect(order.status).toBe(201);
    const collectedAt = new Date(system.simNow().getTime() - 3600_000).toISOString();
    const receipt = await system
      .api('batch-record', operator)
      .post(`/orders/${order.body.id}/apheresis-receipt`, { scannedCoi: order.body.coi, bagId: 'BAG-MATRIX', collectedAt });
    expect(receipt.status).toBeLessThan(300);
    const batch = await system.api('batch-record', operator).post('/batches', { orderId: order.body.id, mbrCode: MBR });
    expect(batch.status).toBe(201);
    const notification = await eventually(
      async () => (await system.api('notification', clinicA).get('/notifications')).body?.[0],
      30_000,
      "clinic A's first notification",
    );
    clinicRecords['GET /orders/:id'] = order.body.id;
    clinicRecords['GET /batches/:id'] = batch.body.id;
    clinicRecords['POST /notifications/:id/acknowledge'] = notification.id;
    clinicAMarkers.push(order.body.id, order.body.coi, batch.body.id, notification.id);
  }, 300_000);

  afterAll(async () => {
    await system.stopAll();
  }, 60_000);

  it.each(SERVICES)('should answer every route of %s as the declared matrix says, for every role and without a token', async (service) => {
    // Arrange
    const routes = serviceRoutes(service);
    const mismatches: string[] = [];

    // Act
    for (const route of routes) {
      const path = fill(route.path);
      for (const caller of callers) {
        const { status } = await call(service, route.method, path, caller.token);
        const allowed = admits(route, caller.roles);
        const expected = allowed ? 'not 401/403 nor 5xx' : caller.token ? '403' : '401';
        // Allowed calls carry an empty body and unknown ids: refused for cause (400, 404, …), never a server error
        // (readiness alone may say 503: a dependency is briefly down).
        const serverError = status >= 500 && !(route.path === '/health/ready' && status === 503);
        const ok = allowed ? status !== 401 && status !== 403 && !serverError : status === (caller.token ? 403 : 401);
        if (!ok) mismatches.push(`${route.method} ${route.path} as ${caller.name}: ${status}, expected ${expected}`);
      }
    }

    // Assert
    expect(routes.length).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });

  it("should answer 404, exactly as for an unknown id, when a clinic calls a clinic route with another clinic's record", async () => {
    // Arrange: every clinic route that takes an id needs one of clinic A's records here.
    const clinicRoutes: [MatrixService, RouteAccess][] = SERVICES.flatMap((s) =>
      serviceRoutes(s)
        .filter((r) => r.path.includes(':') && admits(r, ['clinic']))
        .map((r): [MatrixService, RouteAccess] => [s, r]),
    );
    expect(clinicRoutes.map(([, r]) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(clinicRecords).sort());

    for (const [service, route] of clinicRoutes) {
      const id = clinicRecords[`${route.method} ${route.path}`];
      const unknown = randomUUID();

      // Act
      const other = await call(service, route.method, fill(route.path, { id }), clinicB);
      const missing = await call(service, route.method, fill(route.path, { id: unknown }), clinicB);
      const own = await call(service, route.method, fill(route.path, { id }), callers.find((c) => c.name === 'clinic')!.token);

      // Assert
      expect({ route: route.path, status: other.status }).toEqual({ route: route.path, status: 404 });
      expect(JSON.stringify(other.body).replaceAll(id, '<id>')).toBe(JSON.stringify(missing.body).replaceAll(unknown, '<id>'));
      expect({ route: route.path, status: own.status }).toEqual({ route: route.path, status: 200 });
    }
  });

  it("should list none of clinic A's records to clinic B on every clinic list route, while clinic A sees them", async () => {
    // Arrange: every route without a path parameter a clinic may call for records (the stream is checked below).
    const listRoutes: [MatrixService, RouteAccess][] = SERVICES.flatMap((s) =>
      serviceRoutes(s)
        .filter((r) => r.method === 'GET' && !r.path.includes(':') && r.access?.kind === 'roles' && admits(r, ['clinic']))
        .filter((r) => r.path !== '/notifications/stream')
        .map((r): [MatrixService, RouteAccess] => [s, r]),
    );
    const clinicA = callers.find((c) => c.name === 'clinic')!.token;
    expect(listRoutes.map(([, r]) => r.path)).toEqual(expect.arrayContaining(['/orders', '/batches', '/notifications']));

    for (const [service, route] of listRoutes) {
      // Act
      const other = await call(service, route.method, route.path, clinicB);
      const own = await call(service, route.method, route.path, clinicA);

      // Assert
      const leaked = clinicAMarkers.filter((m) => JSON.stringify(other.body ?? '').includes(m));
      const seen = clinicAMarkers.filter((m) => JSON.stringify(own.body ?? '').includes(m));
      expect({ route: route.path, status: other.status, leaked }).toEqual({ route: route.path, status: 200, leaked: [] });
      expect({ route: route.path, status: own.status, seesOwn: seen.length > 0 }).toEqual({
        route: route.path,
        status: 200,
        seesOwn: true,
      });
    }
  });

  it("should stream clinic A's new notification to clinic A and nothing of it to clinic B", async () => {
    // Arrange
    const clinicA = callers.find((c) => c.name === 'clinic')!.token!;
    const stream = `${system.url('notification')}/notifications/stream`;
    const streamA = new SseClient(stream, { authorization: `Bearer ${clinicA}` });
    const streamB = new SseClient(stream, { authorization: `Bearer ${clinicB}` });
    await Promise.all([streamA.connect(), streamB.connect()]);

    try {
      // Act: a clinic-A event (a new order) that notifies clinic A.
      const order = await system.api('batch-record', clinicA).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-22' });
      expect(order.status).toBe(201);
      const markers = [...clinicAMarkers, order.body.id, order.body.coi];
      await streamA.waitFor((events) => events.some((e) => e.data.includes(order.body.id)), 30_000, "clinic A's new order on its stream");
      await new Promise((resolve) => setTimeout(resolve, 3_000));

      // Assert
      const leaked = streamB.events.filter((e) => markers.some((m) => e.data.includes(m)));
      expect(leaked).toEqual([]);
      expect(streamB.json('notification')).toEqual([]);
    } finally {
      await Promise.allSettled([streamA.close(), streamB.close()]);
    }
  });
});
