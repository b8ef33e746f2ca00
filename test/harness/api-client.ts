/** A small typed fetch wrapper for tests that talk to the platform's REST API as a client would. */
export class ApiClient {
  readonly baseUrl: string;
  token: string | undefined;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token !== undefined) headers['authorization'] = `Bearer ${this.token}`;
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  /** Like request(), but throws unless the status is the expected one. */
  async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  }

  async login(username: string, password: string): Promise<ApiClient> {
    const { token } = await new ApiClient(this.baseUrl).expect<{ token: string }>(200, 'POST', '/auth/login', { username, password });
    return new ApiClient(this.baseUrl, token);
  }
}
