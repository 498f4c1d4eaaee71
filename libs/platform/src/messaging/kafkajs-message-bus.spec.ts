import { ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { KafkajsMessageBus } from './kafkajs-message-bus';

const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() };
const entry = (configName: string, configValue: string, configSource: ConfigSource) => ({
  configName,
  configValue,
  configSource,
  isDefault: configSource === ConfigSource.DEFAULT_CONFIG,
  isSensitive: false,
  readOnly: false,
  configSynonyms: [],
});

function busWith(configEntries: ReturnType<typeof entry>[]) {
  const admin = {
    listTopics: jest.fn().mockResolvedValue(['batch.events']),
    createTopics: jest.fn(),
    describeConfigs: jest.fn().mockResolvedValue({
      resources: [
        { resourceName: 'batch.events', resourceType: ConfigResourceTypes.TOPIC, errorCode: 0, errorMessage: null, configEntries },
      ],
    }),
    alterConfigs: jest.fn().mockResolvedValue(undefined),
    fetchTopicMetadata: jest.fn().mockResolvedValue({ topics: [{ name: 'batch.events', partitions: [{ leader: 1 }] }] }),
  };
  const bus = new KafkajsMessageBus('spec', ['127.0.0.1:1'], logger, 7);
  (bus as unknown as { admin: typeof admin }).admin = admin;
  return { bus, admin };
}

describe(KafkajsMessageBus.name, () => {
  it("should keep the topic's other dynamic configs when it sets retention.ms (AlterConfigs replaces them all)", async () => {
    const { bus, admin } = busWith([
      entry('min.insync.replicas', '2', ConfigSource.TOPIC_CONFIG),
      entry('retention.ms', '1000', ConfigSource.TOPIC_CONFIG),
      entry('segment.bytes', '1073741824', ConfigSource.DEFAULT_CONFIG),
      entry('compression.type', 'producer', ConfigSource.STATIC_BROKER_CONFIG),
    ]);
    await bus.ensureTopics(['batch.events'], 3);
    expect(admin.alterConfigs).toHaveBeenCalledWith({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: 'batch.events',
          configEntries: [
            { name: 'min.insync.replicas', value: '2' },
            { name: 'retention.ms', value: String(7 * 86_400_000) },
          ],
        },
      ],
    });
  });

  it('should not alter a topic whose retention already matches', async () => {
    const { bus, admin } = busWith([
      entry('min.insync.replicas', '2', ConfigSource.TOPIC_CONFIG),
      entry('retention.ms', String(7 * 86_400_000), ConfigSource.TOPIC_CONFIG),
    ]);
    await bus.ensureTopics(['batch.events'], 3);
    expect(admin.alterConfigs).not.toHaveBeenCalled();
  });
});
