import { createOpwireClient, type Envelope, type OpwireClient } from '@opwire/client';

/** A connected Node client and every message it received. */
export interface RecordingClient {
  client: OpwireClient;
  messages: Envelope[];
}

/** Connects over WebSocket with the token and records every message (`**`). */
export async function connectRecording(url: string, token: string): Promise<RecordingClient> {
  const client = createOpwireClient({ url, token, transports: ['websocket'] });
  const messages: Envelope[] = [];
  client.subscribe('**', (_payload, message) => {
    messages.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    const settle = () => {
      if (client.status === 'connected') {
        stop();
        resolve();
      } else if (client.status === 'unauthorized' || client.status === 'disconnected') {
        stop();
        reject(new Error(`The client could not connect: ${client.status}`));
      }
    };
    const stop = client.onStatusChange(settle);
    settle();
  });
  return { client, messages };
}
