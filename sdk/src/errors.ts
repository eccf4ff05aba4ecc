// Failures the SDK reports: the server's error envelope as an exception, and a network failure.

export interface ErrorDetail {
  field: string;
  message: string;
}

/** The server answered with an error envelope (`{ error: true, status, code, message, details? }`). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  static fromBody(status: number, body: unknown): ApiError {
    const envelope = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    return new ApiError(
      status,
      typeof envelope.code === 'string' ? envelope.code : 'UNKNOWN',
      typeof envelope.message === 'string' ? envelope.message : `The server answered ${status}`,
      Array.isArray(envelope.details) ? (envelope.details as ErrorDetail[]) : [],
    );
  }
}

/** No answer at all (server down, network gone): worth retrying, unlike most ApiErrors. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** True when trying again later may succeed: no answer, a 5xx, a 429 or a 408. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return false;
}
