// A typed event emitter small enough for browsers and Node alike.

export type Handler<T> = (data: T) => void;

export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler<never>>>();

  on<K extends keyof Events>(type: K, handler: Handler<Events[K]>): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  emit<K extends keyof Events>(type: K, data: Events[K]): void {
    for (const handler of this.handlers.get(type) ?? []) {
      try {
        (handler as Handler<Events[K]>)(data);
      } catch (error) {
        // One app handler throwing must not stop the others or the SDK's own bookkeeping.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
