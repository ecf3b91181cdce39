import { describe, expect, it } from 'vitest';
import { DependencyCycleError, DependencyGraph } from '../../../src-main/monitor/dependencies';

describe('dependencies', () => {
  it('knows ancestors and descendants, nearest first, across several parents', () => {
    const g = new DependencyGraph();
    g.setParents('gateway', ['idp']);
    g.setParents('epic', ['gateway']);
    g.setParents('cerner', ['gateway', 'dns']);
    expect(g.ancestors('epic')).toEqual(['gateway', 'idp']);
    expect(g.ancestors('cerner')).toEqual(['gateway', 'dns', 'idp']);
    expect(g.descendants('idp')).toEqual(['gateway', 'epic', 'cerner']);
    expect(g.parentsOf('cerner')).toEqual(['gateway', 'dns']);
  });

  it('refuses a cycle, naming it, and leaves the graph as it was', () => {
    const g = new DependencyGraph();
    g.setParents('b', ['a']);
    g.setParents('c', ['b']);
    let error: unknown;
    try {
      g.setParents('a', ['c']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect((error as DependencyCycleError).cycle).toEqual(['a', 'c', 'b', 'a']);
    expect(() => g.setParents('a', ['a'])).toThrow('a → a');
    expect(g.parentsOf('a')).toEqual([]);
  });

  it('replaces and removes links', () => {
    const g = new DependencyGraph();
    g.setParents('epic', ['idp']);
    g.setParents('epic', ['vpn']);
    expect(g.descendants('idp')).toEqual([]);
    g.setParents('cerner', ['vpn']);
    g.remove('vpn');
    expect(g.ancestors('epic')).toEqual([]);
    expect(g.ancestors('cerner')).toEqual([]);
    g.setParents('vpn', ['epic']);
    expect(g.descendants('epic')).toEqual(['vpn']);
  });
});
