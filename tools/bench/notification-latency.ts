/**
 * Benchmark (not a test): p50/p99 latency from a step-completed HTTP response to the clinic's real-time
 * notification, next to a raw kafkajs produce → consume round trip on the same broker, from the same run.
 *
 *   npm run up            # the system must be running
 *   npm run bench -- --batches 20
 *
 * Flags: --batches N (default 20; each runs 4 steps → 4N samples), --raw N (default 200), --base-port 3000,
 * --kafka 127.0.0.1:9092. Load is light and sequential on purpose: this is the latency target, not throughput.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { ApiClient, SseClient, eventually } from '../../libs/testing/src';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BATCHES = Number(arg('batches', '20'));
const RAW = Number(arg('raw', '200'));
const BASE = Number(arg('base-port', '3000'));
const KAFKA = arg('kafka', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
const IL2_LOT = '11111111-1111-4111-8111-111111111111';
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
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

async function systemLatencies(): Promise<number[]> {
  const [clinic, operator] = await Promise.all([login('clinic-a'), login('operator')]);
  const br = new ApiClient(url(1), operator);
  const stream = new SseClient(`${url(4)}/notifications/stream?after=999999999`, { authorization: `Bearer ${clinic}` });
  await stream.connect();
  const samples: number[] = [];
  const steps: [string, Record<string, number>, { materialCode: string; lotId: string }[]?][] = [
    ['COI-CHECK', { viableCellCount: 2, viability: 90 }],
    ['ACTIVATION', {}, [{ materialCode: 'IL2-CYTOKINE', lotId: IL2_LOT }]],
    ['EXPANSION', { totalViableCells: 4 }],
    ['HARVEST', { harvestVolumeMl: 100 }],
  ];
  for (let b = 0; b < BATCHES; b++) {
    const order = await new ApiClient(url(1), clinic).post('/orders', { productCode: 'CD19-CAR-T', slotDate: '2026-12-20' });
    const { id: orderId, coi } = order.body;
    const collectedAt = new Date(Date.now() - 3600_000).toISOString();
    const rec = await br.post(`/orders/${orderId}/apheresis-receipt`, { scannedCoi: coi, bagId: `BENCH-${b}`, collectedAt });
    if (rec.status >= 300) throw new Error(`apheresis receipt: ${rec.status} ${JSON.stringify(rec.body)}`);
    const batch = await br.post('/batches', { orderId, mbrCode: 'CD19-CAR-T-SKELETON' });
    if (batch.status !== 201) throw new Error(`batch: ${batch.status} ${JSON.stringify(batch.body)}`);
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
      const res = await eventually(
        async () => {
          const r = await br.post(`/batches/${batch.body.id}/steps/${code}/complete`, {
            scannedCoi: coi,
            values,
            materials,
            signature: { username: 'operator', password: 'demo-password' },
          });
          return r.status === 201 ? r : undefined;
        },
        10_000,
        `step ${code}`,
      );
      const respondedAt = performance.now();
      void res;
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
