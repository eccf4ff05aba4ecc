// Test data through the public API: users that exist, are logged in, and carry their tokens.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { api } from './http.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  token: string;
  refreshToken: string;
}

let counter = 0;

export async function createUser(
  app: FastifyInstance,
  overrides: Partial<{ firstName: string; lastName: string; email: string; password: string }> = {},
): Promise<TestUser> {
  counter += 1;
  const suffix = `${counter}${randomBytes(3).toString('hex')}`;
  const input = {
    firstName: overrides.firstName ?? `User${suffix}`,
    lastName: overrides.lastName ?? 'Tester',
    email: overrides.email ?? `user${suffix}@example.com`,
    password: overrides.password ?? 'correct horse battery',
  };
  const signup = await api(app, 'POST', '/api/v1/auth/signup', { body: input });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  const session = await login(app, input.email, input.password);
  return { ...input, id: signup.body.data.id, ...session };
}

/** A tuple of `N` values of `T` (an array when `N` is not a literal). */
export type Tuple<T, N extends number, Acc extends T[] = []> = number extends N
  ? T[]
  : Acc['length'] extends N
    ? Acc
    : Tuple<T, N, [...Acc, T]>;

/** `n` new users, one after the other (so in the order of their creation times), as a tuple. */
export async function createUsers<N extends number>(app: FastifyInstance, n: N): Promise<Tuple<TestUser, N>> {
  const users: TestUser[] = [];
  for (let i = 0; i < n; i += 1) users.push(await createUser(app));
  return users as Tuple<TestUser, N>;
}

export async function login(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ token: string; refreshToken: string }> {
  const response = await api(app, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
  return { token: response.body.data.token, refreshToken: response.body.data.refreshToken };
}
