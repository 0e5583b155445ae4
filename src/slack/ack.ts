/**
 * Acks, then lets the event loop flush the HTTP response before the handler goes on.
 * Node writes `res.end()` to the socket on a later tick; without this yield, work done right
 * after the ack (database writes, rendering) runs first and Slack waits for it.
 */
export async function ackFirst<A extends unknown[]>(ack: (...a: A) => Promise<void>, ...args: A): Promise<void> {
  await ack(...args);
  await new Promise<void>((resolve) => setImmediate(resolve));
}
