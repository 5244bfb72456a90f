// A fixed pool of keep-alive HTTP/1.1 connections with one request in flight on each (no
// pipelining). Each slot is exactly one connection at a time; a slot whose request failed or timed
// out reconnects on its next request. Dispatch goes to the least recently used idle connection,
// so every connection carries the same share of the load.
import { HttpConnection, targetOf, type RequestOutcome } from './httpConnection.js';
import type { TlsMaterial } from './tlsMaterial.js';

export type { RequestOutcome } from './httpConnection.js';

export interface PoolOptions {
  url: string;
  connections: number;
  requestTimeoutMs: number;
  tls?: TlsMaterial;
}

export class ConnectionPool {
  private readonly slots: HttpConnection[];
  // Idle connections as a ring, oldest release first.
  private readonly idle: (HttpConnection | undefined)[];
  private idleHead = 0;
  private idleCount: number;
  private busy = 0;
  private closed = false;

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.connections) || options.connections < 1) {
      throw new RangeError(`connections must be a positive integer, got ${options.connections}`);
    }
    const target = targetOf(options.url, options.requestTimeoutMs, options.tls);
    this.slots = Array.from({ length: options.connections }, () => new HttpConnection(target));
    this.idle = [...this.slots];
    this.idleCount = this.slots.length;
  }

  get size(): number {
    return this.slots.length;
  }

  get inFlight(): number {
    return this.busy;
  }

  /** Connections opened over the pool's life (reconnects included). */
  get opened(): number {
    return this.slots.reduce((sum, slot) => sum + slot.opened, 0);
  }

  /**
   * Sends one request on the least recently used idle connection and returns true, or returns
   * false when every connection is busy. `onDone` is called exactly once.
   */
  trySend(onDone: (outcome: RequestOutcome) => void): boolean {
    if (this.closed) return false;
    const slot = this.takeIdle();
    if (!slot) return false;
    this.busy += 1;
    slot.send((outcome) => {
      this.busy -= 1;
      if (!this.closed) this.putIdle(slot);
      onDone(outcome);
    });
    return true;
  }

  /** Ends what is still in flight (reported as 'aborted') and closes every connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) slot.close();
    this.idle.fill(undefined);
    this.idleCount = 0;
  }

  private takeIdle(): HttpConnection | undefined {
    if (this.idleCount === 0) return undefined;
    const slot = this.idle[this.idleHead];
    this.idle[this.idleHead] = undefined;
    this.idleHead = (this.idleHead + 1) % this.idle.length;
    this.idleCount -= 1;
    return slot;
  }

  private putIdle(slot: HttpConnection): void {
    this.idle[(this.idleHead + this.idleCount) % this.idle.length] = slot;
    this.idleCount += 1;
  }
}
