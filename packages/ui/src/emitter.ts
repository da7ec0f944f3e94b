// A tiny typed event emitter (no Node built-ins: this runs in browsers).

export type Listener<T> = (value: T) => void;

export class Emitter<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  protected emit<K extends keyof E>(name: K, value: E[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E[K]>)(value);
      } catch (error) {
        // One broken listener must not stop the others (nor the client's bookkeeping).
        console.error(`listener of ${String(name)} failed`, error);
      }
    }
  }
}
