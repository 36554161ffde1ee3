import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// Scenario 1, the machine's limit: plain node:http reads the body, JSON.parse's it and answers what
// the webhook answers. Listens on 127.0.0.1:$PORT (0 = a free port), prints `READY <port>`.

const ANSWER = '{"code":0,"result":{}}';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(ANSWER);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end('{"code":400,"message":"malformed JSON"}');
    }
  });
});

let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  process.stdout.write('EVENTS 0\n');
  server.closeAllConnections();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
// Started by bench/run.js: stdin is a pipe from the runner, so its end means the runner is gone.
if (process.env.BENCH_EXIT_WITH_PARENT === '1') process.stdin.on('end', shutdown).resume();

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});
