export interface ApiResponse<T = any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny JSON client for one service, optionally with a bearer token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<T = any>(path: string) {
    // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.request<T>('POST', path, body);
  }

  /** Sends a raw string body (for malformed-JSON tests). */
  postRaw(path: string, raw: string, contentType = 'application/json') {
    return this.request('POST', path, undefined, raw, contentType);
  }

  async request<T>(method: string, path: string, body?: unknown, raw?: string, contentType = 'application/json'): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined || raw !== undefined) headers['content-type'] = contentType;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: raw ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
}

/** Polls until the check returns a truthy value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  what = 'condition',
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
