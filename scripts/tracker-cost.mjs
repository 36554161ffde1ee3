// Crude cost of the call tracker on the hot path: CallEventPublisher.publish() for start/end pairs, with
// the tracker off and on (in-memory store), one synchronous listener per event, each mode in a process
// of its own (so neither's JIT state skews the other). Needs `npm run build`.
// Run: node scripts/tracker-cost.mjs [pairs per round]
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import { CinnoxModule } from '../libs/cinnox/dist/index.js';
import { CallEventPublisher } from '../libs/cinnox/dist/events/call-event.publisher.js';

const pairs = Number(process.argv[2] ?? 50_000);
const ROUNDS = 9;
const mode = process.argv[3];

if (mode === undefined) {
  // Alternating processes, so a change in the machine's load hits both modes alike.
  const measure = (which) => JSON.parse(execFileSync(process.execPath, [process.argv[1], String(pairs), which], { encoding: 'utf8' }));
  const runs = { off: [], on: [] };
  for (let i = 0; i < 3; i++) for (const which of ['off', 'on']) runs[which].push(measure(which).ns);
  const median = (xs) => [...xs].sort((a, b) => a - b)[1];
  console.log(`${pairs} start/end pairs per round, ${ROUNDS} rounds per process, 3 processes per mode; ns per publish():`);
  console.log(`  tracker off: ${runs.off.join(' / ')} (median ${median(runs.off)})`);
  console.log(`  tracker on (in-memory store): ${runs.on.join(' / ')} (median ${median(runs.on)})`);
} else {
  const calls = mode === 'on' ? { track: true } : {};
  const moduleRef = await Test.createTestingModule({
    imports: [EventEmitterModule.forRoot(), CinnoxModule.forRoot({ baseUrl: 'http://127.0.0.1:9', appId: 'a', appToken: 't', calls })],
  })
    .setLogger(false)
    .compile();
  let seen = 0;
  const emitter = moduleRef.get(EventEmitter2);
  for (const name of ['call.start', 'call.end', 'call.completed']) emitter.on(name, () => seen++);
  const publisher = moduleRef.get(CallEventPublisher);
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < pairs; i++) {
      const id = `call-${round}-${i}`;
      void publisher.publish(
        { id, serviceId: 'svc', status: 'CallStart', caller: { number: '+852' }, callees: [{ eid: 'e' }] },
        new Date(),
      );
      void publisher.publish({ id, serviceId: 'svc', status: 'CallEnd' }, new Date());
    }
    rounds.push(Number(process.hrtime.bigint() - started) / (pairs * 2));
  }
  await moduleRef.close();
  if (seen !== ROUNDS * pairs * (mode === 'on' ? 3 : 2)) throw new Error(`expected every event, saw ${seen}`);
  console.log(JSON.stringify({ ns: Math.round(rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]) }));
}
