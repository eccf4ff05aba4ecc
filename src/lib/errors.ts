// Typed errors that services throw; the HTTP error handler is the only place that turns them into responses.

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationFailed extends AppError {
  constructor(message: string, details?: FieldIssue[]) {
    super(422, 'VALIDATION_FAILED', message, details);
  }
}

export class BadRequest extends AppError {
  constructor(message: string, code = 'BAD_REQUEST') {
    super(400, code, message);
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'Authentication is required', code = 'UNAUTHENTICATED') {
    super(401, code, message);
  }
}

/**
 * A password (or email and password) the user typed is wrong: always 401, at login and when a signed-in
 * user confirms their password. Clients read `code`: INVALID_CREDENTIALS leaves the session as it is,
 * while UNAUTHENTICATED and TOKEN_EXPIRED mean the token itself no longer works.
 */
export class InvalidCredentials extends AppError {
  constructor(message = 'Email or password is incorrect') {
    super(401, 'INVALID_CREDENTIALS', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found') {
    super(404, 'NOT_FOUND', message);
  }
}

export class Conflict extends AppError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}

export class Gone extends AppError {
  constructor(message: string) {
    super(410, 'GONE', message);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message = 'The request body is too large') {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}

export class UnsupportedMediaType extends AppError {
  constructor(message = 'This content type is not supported') {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** A Range header that starts past the end of the file; Content-Range tells the client the real size. */
export class RangeNotSatisfiable extends AppError {
  constructor(size: number) {
    super(
      416,
      'RANGE_NOT_SATISFIABLE',
      `The range starts past the end of the file (${size} bytes)`,
      undefined,
      {
        'content-range': `bytes */${size}`,
      },
    );
  }
}

export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number, message = 'Too many requests, try again later') {
    super(429, 'RATE_LIMITED', message, undefined, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** The caller blocked the person they are trying to reach: they must unblock first. */
export class Blocked extends AppError {
  constructor(message: string) {
    super(403, 'BLOCKED', message);
  }
}
