// `npm run seed`: demo users, chats and messages on the configured database, through the public API.
// Safe to run twice: existing users log in, direct chats are unique per pair, the group is found by title,
// and every message carries a clientMessageId, so a second run creates nothing new.
import 'dotenv/config';
import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { users } from './db/schema.js';
import { openRuntime } from './runtime.js';

const PASSWORD = 'chat-demo-password';
const GROUP_TITLE = 'Los cuatro';

const PEOPLE = [
  { key: 'sahid', firstName: 'Sahid', lastName: 'Demo', email: 'sahid@example.com' },
  { key: 'roberto', firstName: 'Roberto', lastName: 'Demo', email: 'roberto@example.com' },
  { key: 'antonio', firstName: 'Antonio', lastName: 'Demo', email: 'antonio@example.com' },
  { key: 'luis', firstName: 'Luis Humberto', lastName: 'Demo', email: 'luis.humberto@example.com' },
] as const;

type Key = (typeof PEOPLE)[number]['key'];

interface Person {
  id: string;
  token: string;
}

const DIRECT_CHATS: { between: [Key, Key]; messages: [Key, string][] }[] = [
  {
    between: ['sahid', 'roberto'],
    messages: [
      ['sahid', 'Hola Roberto, ¿cómo vas?'],
      ['roberto', '¡Bien! Terminando el informe.'],
      ['sahid', 'Perfecto, lo revisamos mañana.'],
    ],
  },
  {
    between: ['sahid', 'antonio'],
    messages: [
      ['antonio', '¿Comemos juntos el viernes?'],
      ['sahid', 'Claro, a las 2.'],
    ],
  },
  { between: ['sahid', 'luis'], messages: [['luis', 'Te mandé los archivos por correo.']] },
  { between: ['antonio', 'roberto'], messages: [['roberto', 'Antonio, ¿tienes el enlace de la reunión?']] },
];

const GROUP_MESSAGES: [Key, string][] = [
  ['sahid', '¡Bienvenidos al grupo!'],
  ['luis', 'Gracias, Sahid.'],
  ['antonio', '¿Quién trae el café mañana?'],
  ['roberto', 'Yo me encargo.'],
];

async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  token: string | null,
  body?: object,
) {
  const response = await app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body ? { payload: body } : {}),
  });
  return { status: response.statusCode, body: response.json() as { message: string; data: unknown } };
}

async function expectOk<T>(promise: ReturnType<typeof call>, what: string): Promise<T> {
  const response = await promise;
  if (response.status >= 300) {
    throw new Error(`${what} failed (${response.status}): ${response.body.message}`);
  }
  return response.body.data as T;
}

async function signUpOrLogIn(app: FastifyInstance, person: (typeof PEOPLE)[number]): Promise<Person> {
  const { key: _key, ...profile } = person;
  const signup = await call(app, 'POST', '/api/v1/auth/signup', null, { ...profile, password: PASSWORD });
  if (signup.status !== 201 && signup.status !== 409) {
    throw new Error(`signing up ${person.email} failed (${signup.status}): ${signup.body.message}`);
  }
  const login = await expectOk<{ token: string; user: { id: string } }>(
    call(app, 'POST', '/api/v1/auth/login', null, { email: person.email, password: PASSWORD }),
    `logging in ${person.email} (was its password changed?)`,
  );
  return { id: login.user.id, token: login.token };
}

async function sendAll(
  app: FastifyInstance,
  people: Record<Key, Person>,
  conversationId: string,
  lines: [Key, string][],
) {
  for (const [index, [from, content]] of lines.entries()) {
    await expectOk(
      call(app, 'POST', `/api/v1/conversations/${conversationId}/messages`, people[from].token, {
        content,
        clientMessageId: `seed-${index}`,
      }),
      'sending a message',
    );
  }
}

async function seed() {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  // While the server runs, the seed joins its embedded database rather than refusing.
  const runtime = await openRuntime(config, { shareRunningDatabase: true });
  const app = await buildApp(config, runtime.deps);
  try {
    const people = {} as Record<Key, Person>;
    for (const person of PEOPLE) people[person.key] = await signUpOrLogIn(app, person);
    // Demo accounts skip the verification mail.
    await runtime.deps.database.db
      .update(users)
      .set({ isVerified: true })
      .where(
        inArray(
          users.email,
          PEOPLE.map((p) => p.email),
        ),
      );

    for (const chat of DIRECT_CHATS) {
      const [a, b] = chat.between;
      const conversation = await expectOk<{ id: string }>(
        call(app, 'POST', '/api/v1/conversations', people[a].token, {
          type: 'direct',
          participantIds: [people[b].id],
        }),
        'creating a direct chat',
      );
      await sendAll(app, people, conversation.id, chat.messages);
    }

    const inbox = await expectOk<{ items: { id: string; type: string; title: string | null }[] }>(
      call(app, 'GET', '/api/v1/conversations?limit=100', people.sahid.token),
      'listing',
    );
    let group = inbox.items.find((item) => item.type === 'group' && item.title === GROUP_TITLE);
    group ??= await expectOk<{ id: string; type: string; title: string | null }>(
      call(app, 'POST', '/api/v1/conversations', people.sahid.token, {
        type: 'group',
        title: GROUP_TITLE,
        description: 'Demo group with everyone',
        participantIds: [people.roberto.id, people.antonio.id, people.luis.id],
      }),
      'creating the group',
    );
    await sendAll(app, people, group.id, GROUP_MESSAGES);

    console.log('Demo data is ready. Log in as any of these, with the password below:');
    for (const person of PEOPLE) console.log(`  ${person.firstName.padEnd(14)} ${person.email}`);
    console.log(`  password: ${PASSWORD}`);
  } finally {
    await app.close();
    await runtime.close();
  }
}

seed().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid setting: ${error.message}` : error);
  process.exit(1);
});
