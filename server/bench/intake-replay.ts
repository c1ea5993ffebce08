/**
 * Issue 17.5: the intake's own SQL replayed through `pg`, without the console — what the API could
 * reach with no HTTP, no session middleware, no ORM and no presenters, on the same database in the
 * same run. One intake runs in this process through the real command (`createTicket`, with the
 * session lookup before it, as the route does) while pg's queries are recorded; each replay sends
 * the same statements on one pooled connection, with a fresh number placeholder, idempotency key,
 * phone and address (an ordinary day's call, as the API bench sends: no earlier ticket shares them),
 * and the new ticket's id where the recorded one was.
 */
import pg from 'pg';
import { openDatabase } from '../../db/client';
import { users } from '../../db/schema';
import { ZCreateTicketInputSchema } from '../../shared/schemas/ticket';
import { createSession, findSession } from '../platform/auth/sessions';
import { createTicket } from '../tickets/commands/create-ticket';

interface Statement {
  text: string;
  values: unknown[];
}

export interface RecordedIntake {
  statements: Statement[];
  /** The recorded ticket's id, number placeholder, idempotency key, phone and address: replaced in each replay. */
  ticketId: number;
  token: string;
  key: string;
  phone: string;
  address: string;
}

export interface RecordedBody extends Record<string, unknown> {
  contactPhone: string;
  address: string;
}

/** A recognisable id, so the replay can tell it from every other number in the statements. */
const RECORDED_ID = 987_654_321;
const TOKEN = /ZX-PENDING-[0-9a-f-]{36}/;

/**
 * Records the statements of the intake of `body`, after a warm-up intake of `warmBody` (which must
 * differ in phone and address, or the recorded intake would be a repeat of it and link to it).
 */
export async function recordIntakeSql(databaseUrl: string, body: RecordedBody, warmBody: RecordedBody): Promise<RecordedIntake> {
  if (warmBody.contactPhone === body.contactPhone || warmBody.address === body.address) throw new Error('the warm-up intake must be about another call');
  const database = await openDatabase({ databaseUrl });
  try {
    const [operator] = await database.db.select().from(users).limit(1);
    if (!operator) throw new Error('no user to record an intake as');
    const now = new Date();
    const session = await createSession(database.db, operator.id, 1, now);
    const key = `replay-recorded-${Date.now()}`;
    // A first intake fills the process's reference cache: the recorded one is a steady-state intake.
    const warm = await findSession(database.db, session.token, now);
    if (!warm) throw new Error('the recorded session was not found');
    await createTicket({ db: database.db, live: silentLive, actor: warm.user, actorRole: 'operator', input: ZCreateTicketInputSchema.parse(warmBody), now });
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    await pool.query(`select setval('tickets_id_seq', ${RECORDED_ID - 1})`);
    await pool.end();
    const statements: Statement[] = [];
    const original = pg.Client.prototype.query;
    const recording = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
      if (typeof config === 'string') statements.push({ text: config, values: Array.isArray(rest[0]) ? (rest[0] as unknown[]) : [] });
      else if (config && typeof config === 'object' && 'text' in config) {
        const c = config as { text: string; values?: unknown[] };
        // drizzle passes the parameters beside the config: query({ text, types }, params).
        statements.push({ text: c.text, values: c.values ?? (Array.isArray(rest[0]) ? (rest[0] as unknown[]) : []) });
      }
      return (original as (...a: unknown[]) => unknown).call(this, config, ...rest);
    };
    pg.Client.prototype.query = recording as typeof original;
    let ticketId: number;
    try {
      const auth = await findSession(database.db, session.token, now);
      if (!auth) throw new Error('the recorded session was not found');
      const input = ZCreateTicketInputSchema.parse(body);
      const { ticket } = await createTicket({ db: database.db, live: silentLive, actor: auth.user, actorRole: 'operator', input, now, idempotencyKey: key });
      ticketId = ticket.id;
    } finally {
      pg.Client.prototype.query = original;
    }
    if (ticketId !== RECORDED_ID) throw new Error(`the recorded intake got id ${ticketId}, not ${RECORDED_ID}`);
    const token = statements
      .flatMap((s) => s.values)
      .find((v): v is string => typeof v === 'string' && TOKEN.test(v))
      ?.match(TOKEN)?.[0];
    if (!token) throw new Error('no number placeholder among the recorded statements');
    if (statements.some((s) => /^insert into "ticket_links"/.test(s.text))) throw new Error('the recorded intake is a repeat: it linked an earlier ticket');
    return { statements, ticketId, token, key, phone: body.contactPhone, address: body.address };
  } finally {
    await database.close();
  }
}

/** Sends the recorded statements once on `client`, as a new intake. */
export async function replayIntake(client: pg.PoolClient, recorded: RecordedIntake, n: number): Promise<void> {
  const token = `ZX-PENDING-${crypto.randomUUID()}`;
  const key = `${recorded.key}-${n}`;
  // Another number and another place each time, outside the town's address book (as the API bench's calls).
  const phone = `137${String(n).padStart(8, '0')}`;
  const address = `九亭回放路${n}号`;
  const oldId = new RegExp(`\\b${recorded.ticketId}\\b`, 'g');
  let newId: number | null = null;
  const put = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const s = v.replaceAll(recorded.token, token).replaceAll(recorded.key, key).replaceAll(recorded.phone, phone).replaceAll(recorded.address, address);
      return newId === null ? s : s.replace(oldId, String(newId));
    }
    if (typeof v === 'number') return v === recorded.ticketId && newId !== null ? newId : v;
    if (Array.isArray(v)) return v.map(put);
    return v;
  };
  try {
    for (const s of recorded.statements) {
      const result = await client.query({ text: s.text, values: s.values.map(put) });
      // The new ticket's id: drawn first when the intake dispatches at once, else given by its insert.
      if (newId === null && /^insert into "tickets"|nextval\(pg_get_serial_sequence\('tickets'/.test(s.text))
        newId = Number((result.rows[0] as { id: number }).id);
    }
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  }
}

const silentLive = { publish: () => undefined, connectedClients: () => 0, disconnect: async () => undefined };
