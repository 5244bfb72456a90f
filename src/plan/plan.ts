// Scenarios x repetitions in counterbalanced (ABBA) order: none, app-mtls, app-mtls, none, ...
// Interleaving spreads slow drift of a noisy machine (thermal, neighbours) across all scenarios
// instead of charging it to whichever scenario happened to run last.
import type { MeshId } from '../config/types.js';

export interface PlannedTrial {
  /** Position in the run, from 0. */
  index: number;
  mesh: MeshId;
  /** Repetition of this scenario, from 1. */
  repetition: number;
}

export function planTrials(meshes: readonly MeshId[], repetitions: number): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  for (let round = 0; round < repetitions; round++) {
    const order = round % 2 === 0 ? meshes : [...meshes].reverse();
    for (const mesh of order) {
      trials.push({ index: trials.length, mesh, repetition: round + 1 });
    }
  }
  return trials;
}
