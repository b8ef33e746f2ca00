import type { MqttClient } from 'mqtt';

/** client.end, but a dead socket cannot hold stop() for ever: after the timeout the stream is destroyed. */
export async function endMqttClient(client: MqttClient, force: boolean, timeoutMs: number): Promise<void> {
  const ended = new Promise<void>((resolve) => client.end(force, {}, () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
  const late = await Promise.race([ended.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) client.stream.destroy();
}
