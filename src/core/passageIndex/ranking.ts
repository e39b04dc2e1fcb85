/** How candidates of every tier are ranked and pooled, and the time budget queries keep to. */
import type { MatchPosition } from './types';

export interface Candidate {
  readonly passage: number;
  readonly pos: number;
  /** 0 start, 1 clause, 2 inside. */
  readonly tier: number;
  readonly documents: number;
  /** Length of the continuation. */
  readonly length: number;
}

export const TIERS: readonly MatchPosition[] = ['start', 'clause', 'inside'];

export function better(a: Candidate, b: Candidate): number {
  return a.tier - b.tier || b.documents - a.documents || a.length - b.length || a.passage - b.passage || a.pos - b.pos;
}

/** A best-first list of at most `capacity` candidates. */
export class Pool {
  readonly items: Candidate[] = [];
  constructor(private readonly capacity: number) {}

  /** Whether a candidate with these keys could enter (cheap test before building one). */
  admits(tier: number, documents: number, length: number): boolean {
    if (this.items.length < this.capacity) return true;
    const worst = this.items[this.items.length - 1];
    return tier < worst.tier || (tier === worst.tier && (documents > worst.documents || (documents === worst.documents && length < worst.length)));
  }

  add(candidate: Candidate): void {
    const items = this.items;
    if (items.length >= this.capacity && better(candidate, items[items.length - 1]) >= 0) return;
    let i = items.length;
    if (items.length < this.capacity) items.push(candidate);
    else i = items.length - 1;
    while (i > 0 && better(candidate, items[i - 1]) < 0) {
      items[i] = items[i - 1];
      i--;
    }
    items[i] = candidate;
  }
}

export class Clock {
  private readonly deadline: number;
  expired = false;
  constructor(private readonly now: () => number, budgetMs: number | undefined) {
    this.deadline = budgetMs === undefined ? Number.POSITIVE_INFINITY : now() + budgetMs;
  }

  check(): boolean {
    if (!this.expired && this.deadline !== Number.POSITIVE_INFINITY && this.now() >= this.deadline) this.expired = true;
    return this.expired;
  }
}
