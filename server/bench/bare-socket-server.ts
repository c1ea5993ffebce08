/**
 * The baseline for the fan-out figure: a bare socket.io 4.8 server with nothing of ours — no
 * session check, no rooms, no adapter, no database. POST /emit broadcasts the JSON body it is
 * given as an `event` to every socket. Run as a child process so it has its own event loop,
 * like the console: `PORT=… node --import tsx server/bench/bare-socket-server.ts`.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      io.emit('event', JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(204).end();
    });
    return;
  }
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ connected: io.engine.clientsCount }));
    return;
  }
  res.writeHead(404).end();
});
// The console's options (server/live/socket-server.ts), nothing else.
const io = new Server(server, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => void io.close(() => process.exit(0)));
