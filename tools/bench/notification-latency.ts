/**
 * Benchmark (not a test): p50/p99 latency from a step-completed HTTP response to the clinic's real-time
 * notification, next to a raw kafkajs produce → consume round trip on the same broker, from the same run.
 *
 *   npm run up            # the system must be running
 *   npm run bench -- --batches 20
 *
 * Flags: --batches N (default 20; each runs 4 steps → 4N samples), --raw N (default 200), --base-port 3000,
 * --kafka 127.0.0.1:9092. Load is light and sequential on purpose: this is the latency target, not throughput.
 * It brings its own IL-2 lot (received and released through inventory at start), so it never drains the seeded one,
 * and a refused request stops it with the service's answer.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { ApiClient, SseClient } from '../../libs/testing/src';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BATCHES = Number(arg('batches', '20'));
const RAW = Number(arg('raw', '200'));
const BASE = Number(arg('base-port', '3000'));
const KAFKA = arg('kafka', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
const url = (offset: number) => `http://127.0.0.1:${BASE + offset}`;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] };
};

async function login(username: string): Promise<string> {
  const res = await new ApiClient(url(0)).post<{ accessToken: string }>('/auth/login', {
    username,
    password: process.env.DEMO_PASSWORD ?? 'demo-password',
  });
  if (res.status !== 200) throw refused(`login ${username}`, res);
  return res.body.accessToken;
}

/** The HTTP problem a service answered, so a failed run says what failed instead of timing out. */
function refused(what: string, res: { status: number; body: unknown }): Error {
  return new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** Receives and releases a lot big enough for the whole run, then waits until batch-record has heard of it. */
async function ownLot(materials: string, vials: number): Promise<string> {
  const inventory = new ApiClient(url(2), materials);
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  const lot = await inventory.post<{ id: string }>('/lots', {
    materialCode: 'IL2-CYTOKINE',
    supplierLot: `BENCH-${Date.now()}`,
    quantity: vials,
    unit: 'vial',
    expiresAt,
    status: 'quarantine',
  });
  if (lot.status !== 201) throw refused('receive the benchmark lot', lot);
  const released = await inventory.post(`/lots/${lot.body.id}/release`, { reason: 'benchmark material' });
  if (released.status !== 200) throw refused('release the benchmark lot', released);
  return lot.body.id;
}

/** batch-record learns a lot from inventory's events: only "not known yet" is worth waiting for; any other answer fails the run. */
const waitingForLotFacts = (res: { status: number; body: { code?: string; detail?: string } }) =>
  res.status === 422 && res.body.code === 'material-not-usable' && /unknown to the batch record|not known yet/.test(res.body.detail ?? '');

async function completeStep(br: ApiClient, path: string, body: unknown, code: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await br.post<{ code?: string; detail?: string }>(path, body);
    if (res.status === 201) return res;
    if (!waitingForLotFacts(res) || Date.now() > deadline) throw refused(`step ${code}`, res);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function systemLatencies(): Promise<number[]> {
  const [clinic, operator, materials] = await Promise.all([login('clinic-a'), login('operator'), login('materials')]);
  const il2Lot = await ownLot(materials, BATCHES + 5);
  const br = new ApiClient(url(1), operator);
  const stream = new SseClient(`${url(4)}/notifications/stream?after=999999999`, { authorization: `Bearer ${clinic}` });
  await stream.connect();
  const samples: number[] = [];
  const steps: [string, Record<string, number>, { materialCode: string; lotId: string }[]?][] = [
    ['COI-CHECK', { viableCellCount: 2, viability: 90 }],
    ['ACTIVATION', {}, [{ materialCode: 'IL2-CYTOKINE', lotId: il2Lot }]],
    ['EXPANSION', { totalViableCells: 4 }],
    ['HARVEST', { harvestVolumeMl: 100 }],
  ];
  for (let b = 0; b < BATCHES; b++) {
    const order = await new ApiClient(url(1), clinic).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-20' });
    if (order.status !== 201) throw refused('order', order);
    const { id: orderId, coi } = order.body;
    const collectedAt = new Date(Date.now() - 3600_000).toISOString();
    const rec = await br.post(`/orders/${orderId}/apheresis-receipt`, { scannedCoi: coi, bagId: `BENCH-${b}`, collectedAt });
    if (rec.status >= 300) throw refused('apheresis receipt', rec);
    const batch = await br.post('/batches', { orderId, mbrCode: 'CD19-CAR-T-SKELETON' });
    if (batch.status !== 201) throw refused('batch', batch);
    for (const [code, values, materials] of steps) {
      const arrived = new Promise<number>((resolve) => {
        const previous = stream.onEvent;
        stream.onEvent = (e) => {
          const n = JSON.parse(e.data);
          if (n.batchId === batch.body.id && n.kind === 'manufacturing-progress' && n.stepCode === code) {
            stream.onEvent = previous;
            resolve(e.receivedAt);
          }
        };
      });
      await completeStep(
        br,
        `/batches/${batch.body.id}/steps/${code}/complete`,
        { scannedCoi: coi, values, materials, signature: { username: 'operator', password: 'demo-password' } },
        code,
      );
      const respondedAt = performance.now();
      const receivedAt = await Promise.race([
        arrived,
        new Promise<number>((_, rej) => setTimeout(() => rej(new Error(`no notification for ${code}`)), 15_000)),
      ]);
      samples.push(Math.max(0, receivedAt - respondedAt));
    }
  }
  await stream.close();
  return samples;
}

async function rawKafkaLatencies(): Promise<number[]> {
  const kafka = new Kafka({ clientId: 'bench', brokers: KAFKA.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench.raw-roundtrip.${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 500 });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const waiting = new Map<string, (t: number) => void>();
  await consumer.run({ eachMessage: async ({ message }) => waiting.get(message.key!.toString())?.(performance.now()) });
  await new Promise((r) => setTimeout(r, 3_000)); // let the group settle before measuring
  const samples: number[] = [];
  for (let i = 0; i < RAW; i++) {
    const key = randomUUID();
    const got = new Promise<number>((resolve) => waiting.set(key, resolve));
    const sentAt = performance.now();
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ i, at: sentAt }) }] });
    samples.push((await got) - sentAt);
    waiting.delete(key);
  }
  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return samples;
}

async function main(): Promise<void> {
  const raw = summary(await rawKafkaLatencies());
  const sys = summary(await systemLatencies());
  const fmt = (x: number) => x.toFixed(1).padStart(8);
  console.log('\nlatency (ms)                                     n      p50      p99      max');
  console.log(`raw kafkajs produce → consume              ${String(raw.n).padStart(5)} ${fmt(raw.p50)} ${fmt(raw.p99)} ${fmt(raw.max)}`);
  console.log(`step-completed response → clinic SSE event ${String(sys.n).padStart(5)} ${fmt(sys.p50)} ${fmt(sys.p99)} ${fmt(sys.max)}`);
  console.log(`ratio system/raw                                 ${fmt(sys.p50 / raw.p50)} ${fmt(sys.p99 / raw.p99)}`);
  console.log(`target: system p99 within 3× raw p99 → ${sys.p99 <= 3 * raw.p99 ? 'MET' : 'NOT MET'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
