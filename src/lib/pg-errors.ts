// Recognises PostgreSQL error codes (SQLSTATE) on node-postgres errors, also when Drizzle wraps them.

function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  // Drizzle may wrap the driver error; look through `cause`.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
}
