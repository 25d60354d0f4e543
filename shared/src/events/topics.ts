import topicList from './topics.json';

/** Every Kafka topic of yibao, one per event type (infra/ creates them from topics.json). */
export const TOPICS = topicList.topics.map((t) => t.name);
export const DEFAULT_PARTITIONS = topicList.partitions;
export type TopicName = (typeof TOPICS)[number];
export const DEAD_LETTER_TOPIC = 'dead-letter';
