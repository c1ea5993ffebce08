/**
 * Operator presence (PRODUCT.md §7 "operators by status"): what the operator chose (available, on a
 * call, wrap-up, break) while any of their console sockets is open, and offline when none is.
 *
 * Connections are counted per user and server process in the database, so several tabs, several
 * processes and a restart agree: the last socket to close (after a short grace, so a page reload
 * does not flap) turns the operator offline; a process that dies without running its disconnect
 * handlers stops refreshing its rows, and every process's sweep turns their users offline once
 * those rows are stale. Every change of status is a `presence.changed` event, written with the
 * row in one transaction and published after commit.
 */
import { and, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../../db/client';
import { operatorPresence, presenceConnections, users } from '../../db/schema';
import { PRESENCE_CHANGED_EVENT, type PresenceStatus, type PresenceView } from '../../shared/schemas/presence';
import type { SessionUser } from '../platform/auth/sessions';
import type { LivePublisher } from '../platform/live/publisher';
import { roleRoom, userRoom } from '../platform/live/rooms';
import type { ConnectionTracker } from '../platform/live/socket-server';
import { withTransaction, type Emit } from '../platform/unit-of-work';

/** A closed socket counts until then: a reload reconnects well within it. */
export const PRESENCE_GRACE_MS = 2000;
/** How often a process refreshes its connection rows and sweeps. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** Rows not refreshed for this long belong to a process that is gone. */
export const PRESENCE_STALE_MS = 45_000;

export interface PresenceDeps {
  db: Db;
  live: LivePublisher;
  now: () => Date;
  /** WRAP_UP_SECONDS: after-call work ends on the server after this long (default 30). */
  wrapUpSeconds?: number;
}

type PresenceRow = typeof operatorPresence.$inferSelect;

/** Who is told: supervisors and leaders (wallboard), operators (colleagues), the user's own other tabs. */
const roomsFor = (userId: number) => [roleRoom('supervisor'), roleRoom('leader'), roleRoom('operator'), userRoom(userId)];

/** Presence is about operators: the people who answer the line. */
export const tracksPresence = (user: SessionUser) => user.roles.includes('operator');

export function presentPresence(row: PresenceRow, displayName: string): PresenceView {
  return { userId: row.userId, displayName, status: row.status as PresenceStatus, since: row.since.toISOString(), version: row.version };
}

async function lockPresence(tx: Tx, userId: number, now: Date): Promise<PresenceRow> {
  await tx.insert(operatorPresence).values({ userId, status: 'offline', since: now, version: 1 }).onConflictDoNothing();
  const [row] = await tx.select().from(operatorPresence).where(eq(operatorPresence.userId, userId)).for('update');
  if (!row) throw new Error(`presence row of user ${userId} missing`);
  return row;
}

interface Change {
  status: PresenceStatus;
  reason: 'chosen' | 'connected' | 'disconnected' | 'stale' | 'wrap_up_ended';
  actorId: number | null;
  actorRole: string | null;
}

/** Writes the change and emits its event (nothing when the status is already that); returns the row. */
async function change(tx: Tx, emit: Emit, row: PresenceRow, displayName: string, next: Change, now: Date): Promise<PresenceRow> {
  if (row.status === next.status) return row;
  const [updated] = await tx
    .update(operatorPresence)
    .set({ status: next.status, since: now, version: row.version + 1 })
    .where(eq(operatorPresence.userId, row.userId))
    .returning();
  if (!updated) throw new Error(`presence row of user ${row.userId} missing`);
  emit({
    type: PRESENCE_CHANGED_EVENT,
    actorId: next.actorId,
    actorRole: next.actorRole,
    at: now,
    payload: { presence: presentPresence(updated, displayName), previous: row.status as PresenceStatus, reason: next.reason },
    rooms: roomsFor(row.userId),
  });
  return updated;
}

async function hasLiveConnection(tx: Tx, userId: number, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ userId: presenceConnections.userId })
    .from(presenceConnections)
    .where(
      and(
        eq(presenceConnections.userId, userId),
        gt(presenceConnections.sockets, 0),
        gt(presenceConnections.seenAt, new Date(now.getTime() - PRESENCE_STALE_MS)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** PUT /api/presence: the operator's own choice. */
export async function choosePresence(deps: PresenceDeps, user: SessionUser, status: PresenceStatus): Promise<PresenceView> {
  const now = deps.now();
  const row = await withTransaction(deps, async (tx, emit) => {
    const current = await lockPresence(tx, user.id, now);
    return change(tx, emit, current, user.displayName, { status, reason: 'chosen', actorId: user.id, actorRole: 'operator' }, now);
  });
  return presentPresence(row, user.displayName);
}

/** A console socket of the user opened on this process: counted; offline → available. */
export async function consoleConnected(deps: PresenceDeps, user: SessionUser, serverId: string): Promise<void> {
  const now = deps.now();
  await withTransaction(deps, async (tx, emit) => {
    const current = await lockPresence(tx, user.id, now);
    await tx
      .insert(presenceConnections)
      .values({ userId: user.id, serverId, sockets: 1, seenAt: now })
      .onConflictDoUpdate({
        target: [presenceConnections.userId, presenceConnections.serverId],
        set: { sockets: sql`${presenceConnections.sockets} + 1`, seenAt: now },
      });
    if (current.status === 'offline') {
      await change(tx, emit, current, user.displayName, { status: 'available', reason: 'connected', actorId: user.id, actorRole: 'operator' }, now);
    }
  });
}

/** A console socket closed: uncounted now; offline later if it was the last one anywhere. */
export async function consoleDisconnected(deps: PresenceDeps, user: SessionUser, serverId: string): Promise<void> {
  await deps.db
    .update(presenceConnections)
    .set({ sockets: sql`greatest(${presenceConnections.sockets} - 1, 0)`, seenAt: deps.now() })
    .where(and(eq(presenceConnections.userId, user.id), eq(presenceConnections.serverId, serverId)));
}

/** Offline unless a console socket of the user is open on some live process. */
export async function settlePresence(deps: PresenceDeps, userId: number, reason: 'disconnected' | 'stale'): Promise<boolean> {
  const now = deps.now();
  return withTransaction(deps, async (tx, emit) => {
    const current = await lockPresence(tx, userId, now);
    if (current.status === 'offline' || (await hasLiveConnection(tx, userId, now))) return false;
    const [user] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
    await change(tx, emit, current, user?.displayName ?? '', { status: 'offline', reason, actorId: null, actorRole: 'system' }, now);
    return true;
  });
}

/**
 * The heartbeat: refresh this process's rows, then turn offline every operator whose console
 * connections are all gone or stale (their process died). Returns the users turned offline.
 */
export async function sweepPresence(deps: PresenceDeps, serverId: string): Promise<number[]> {
  const now = deps.now();
  await deps.db
    .update(presenceConnections)
    .set({ seenAt: now })
    .where(and(eq(presenceConnections.serverId, serverId), gt(presenceConnections.sockets, 0)));
  const cutoff = new Date(now.getTime() - PRESENCE_STALE_MS);
  const candidates = await deps.db
    .select({ userId: operatorPresence.userId })
    .from(operatorPresence)
    .where(
      and(
        ne(operatorPresence.status, 'offline'),
        sql`not exists (select 1 from ${presenceConnections} c where c.user_id = ${operatorPresence.userId} and c.sockets > 0 and c.seen_at > ${cutoff.toISOString()}::timestamptz)`,
      ),
    );
  const turned: number[] = [];
  for (const { userId } of candidates) if (await settlePresence(deps, userId, 'stale')) turned.push(userId);
  await endWrapUps(deps, now);
  return turned;
}

/**
 * After-call work ends on the server (issue 16 item 5): a tab reloaded or closed during wrap-up
 * once left the operator in wrap-up for good, and the wallboard showed nobody available. Each
 * heartbeat turns wrap-ups older than WRAP_UP_SECONDS back to available (so at most one
 * heartbeat late); the tab's own timer usually gets there first.
 */
export async function endWrapUps(deps: PresenceDeps, now: Date): Promise<number[]> {
  const cutoff = new Date(now.getTime() - (deps.wrapUpSeconds ?? 30) * 1000);
  const due = await deps.db
    .select({ userId: operatorPresence.userId, displayName: users.displayName })
    .from(operatorPresence)
    .innerJoin(users, eq(users.id, operatorPresence.userId))
    .where(and(eq(operatorPresence.status, 'wrap_up'), lte(operatorPresence.since, cutoff)));
  const ended: number[] = [];
  for (const { userId, displayName } of due) {
    const done = await withTransaction(deps, async (tx, emit) => {
      const row = await lockPresence(tx, userId, now);
      if (row.status !== 'wrap_up' || row.since.getTime() > cutoff.getTime()) return false;
      await change(tx, emit, row, displayName, { status: 'available', reason: 'wrap_up_ended', actorId: null, actorRole: 'system' }, now);
      return true;
    });
    if (done) ended.push(userId);
  }
  return ended;
}

/** Every active operator with their status (offline when they never connected). */
export async function listPresence(db: Queryable): Promise<PresenceView[]> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, presence: operatorPresence })
    .from(users)
    .leftJoin(operatorPresence, eq(operatorPresence.userId, users.id))
    .where(and(eq(users.active, true), sql`'operator' = any(${users.roles})`))
    .orderBy(users.id);
  return rows.map((r) =>
    r.presence
      ? presentPresence(r.presence, r.displayName)
      : { userId: r.id, displayName: r.displayName, status: 'offline' as const, since: new Date(0).toISOString(), version: 0 },
  );
}

/** The console's presence as the socket server's connection tracker (server/platform/live). */
export function presenceTracker(deps: PresenceDeps): ConnectionTracker {
  return {
    tracks: tracksPresence,
    connected: (user, serverId) => consoleConnected(deps, user, serverId),
    disconnected: (user, serverId) => consoleDisconnected(deps, user, serverId),
    settle: (userId) => settlePresence(deps, userId, 'disconnected'),
    sweep: (serverId) => sweepPresence(deps, serverId),
    heartbeatMs: PRESENCE_HEARTBEAT_MS,
    graceMs: PRESENCE_GRACE_MS,
  };
}
