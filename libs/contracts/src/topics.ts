/** Every Kafka topic the system uses: `mes.<service>.<aggregate>.v<major>`, keyed by the aggregate id. */
export const Topics = {
  order: 'mes.batch-record.order.v1',
  batch: 'mes.batch-record.batch.v1',
  materialRefusal: 'mes.batch-record.material-refusal.v1',
  inventoryLot: 'mes.inventory.lot.v1',
  inventoryApheresis: 'mes.inventory.apheresis.v1',
  qcRelease: 'mes.qc-release.batch.v1',
  inventoryEquipment: 'mes.inventory.equipment.v1',
  identityUser: 'mes.identity.user.v1',
  platformOutbox: 'mes.platform.outbox.v1',
  platformDeadLetter: 'mes.platform.dead-letter.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

/** Failed messages land here after retries, with the failure in headers: one dead-letter topic per consuming service. */
export function deadLetterTopic(consumerGroup: string): string {
  return `mes.dlq.${consumerGroup}.v1`;
}

export const isDeadLetterTopic = (topic: string): boolean => /^mes\.dlq\..+\.v1$/.test(topic);
