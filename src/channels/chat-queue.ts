// Handles one chat's messages one after another, so two quick button presses are answered
// in the order they were made, while different chats proceed in parallel. Only chats with
// work in flight are remembered.
export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run(chatId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(chatId) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(chatId, tail);
    void tail.then(() => {
      if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
    });
    return next;
  }

  /** Chats with work in flight. */
  get size(): number {
    return this.tails.size;
  }
}
