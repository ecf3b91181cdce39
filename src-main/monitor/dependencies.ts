/**
 * Which connections depend on which (every connection behind one identity
 * provider, say). When a parent is down its children fail too; knowing that
 * lets one alert name the parent and the children instead of a storm of them.
 * A connection may have several parents; a cycle is refused.
 */
export class DependencyCycleError extends Error {
  constructor(readonly cycle: string[]) {
    super(`That would make a dependency cycle: ${cycle.join(' → ')}`);
    this.name = 'DependencyCycleError';
  }
}

/** What the alert engine needs to know of dependencies. */
export interface DependencyView {
  /** Every connection `id` depends on, directly or not, nearest first. */
  ancestors(id: string): string[];
  /** Every connection that depends on `id`, directly or not, nearest first. */
  descendants(id: string): string[];
}

export class DependencyGraph implements DependencyView {
  private readonly parents = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();

  /** Replaces what `child` depends on. */
  setParents(child: string, parents: Iterable<string>): void {
    const next = new Set(parents);
    for (const p of next) {
      const path = this.path(p, child);
      if (path) throw new DependencyCycleError([child, ...path]);
    }
    this.unlink(child);
    if (next.size === 0) return;
    this.parents.set(child, next);
    for (const p of next) {
      const kids = this.children.get(p) ?? new Set();
      kids.add(child);
      this.children.set(p, kids);
    }
  }

  /** Forgets a connection and every link to or from it. */
  remove(id: string): void {
    this.unlink(id);
    for (const kid of this.children.get(id) ?? []) {
      const ps = this.parents.get(kid)!;
      ps.delete(id);
      if (ps.size === 0) this.parents.delete(kid);
    }
    this.children.delete(id);
  }

  parentsOf(id: string): string[] {
    return [...(this.parents.get(id) ?? [])];
  }

  ancestors(id: string): string[] {
    return this.walk(id, this.parents);
  }

  descendants(id: string): string[] {
    return this.walk(id, this.children);
  }

  private unlink(child: string): void {
    for (const p of this.parents.get(child) ?? []) {
      const kids = this.children.get(p)!;
      kids.delete(child);
      if (kids.size === 0) this.children.delete(p);
    }
    this.parents.delete(child);
  }

  /** Breadth first, so nearer connections come first. */
  private walk(id: string, edges: Map<string, Set<string>>): string[] {
    const seen = new Set<string>([id]);
    const order: string[] = [];
    for (let i = -1; i < order.length; i++) {
      for (const next of edges.get(i < 0 ? id : order[i]!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        order.push(next);
      }
    }
    return order;
  }

  /** A chain of parent links from `from` up to `to`, both included, or null. */
  private path(from: string, to: string): string[] | null {
    if (from === to) return [from];
    for (const p of this.parents.get(from) ?? []) {
      const rest = this.path(p, to);
      if (rest) return [from, ...rest];
    }
    return null;
  }
}
