/** Codes for failures that never reached the server or came back unreadable; server codes are API_* (contracts). */
export const CLIENT_ERROR_CODES = {
  network: 'CLIENT_NETWORK',
  badResponse: 'CLIENT_BAD_RESPONSE',
} as const;

/** A failed API call: the HTTP status (0 when the server was not reached) and the server's stable error code. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}
