/** A feature's messages, each key with its [Simplified Chinese, English] pair kept side by side. */
export type MessagePairs<K extends string = string> = Record<K, readonly [zh: string, en: string]>;

export function defineMessages<K extends string>(messages: MessagePairs<K>): MessagePairs<K> {
  return messages;
}
