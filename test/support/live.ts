/**
 * Waiting on live sockets without sleeping. socket.io delivers one socket's messages in the order
 * the server emitted them, so a marker emitted to a socket after the server published something
 * arrives after it: once the marker is in, everything published before it is in too, and an event
 * that has not arrived was never sent. Commands publish after commit and before they answer, so
 * after an awaited request `delivered()` is the point where "nothing came" means "nothing was sent".
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';

const MARKER = 'test:delivered';

/** Resolves when each socket has received everything `server` emitted to it before this call. */
export async function delivered(server: { io: Server }, ...sockets: Socket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve, reject) => {
          if (!socket.connected || !socket.id) return reject(new Error('delivered(): the socket is not connected'));
          const token = randomBytes(6).toString('hex');
          const timer = setTimeout(() => {
            socket.off(MARKER, onMarker);
            reject(new Error(`delivered(): no marker back from the server on socket ${socket.id} within 10 s`));
          }, 10_000);
          const onMarker = (got: string) => {
            if (got !== token) return;
            clearTimeout(timer);
            socket.off(MARKER, onMarker);
            resolve();
          };
          socket.on(MARKER, onMarker);
          server.io.to(socket.id).emit(MARKER, token);
        }),
    ),
  );
}
