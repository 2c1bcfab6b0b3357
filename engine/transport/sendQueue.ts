// ZeroMQ allows one pending send per socket (a second concurrent send fails with EBUSY). This
// chains sends so callers may send concurrently; each caller still gets its own outcome.
export class SendQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run(send: () => Promise<void>): Promise<void> {
    const result = this.tail.then(send);
    // The chain continues after a failed send; the failure belongs to that caller alone.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
