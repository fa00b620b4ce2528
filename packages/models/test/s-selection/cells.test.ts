import { describe, expect, it } from 'vitest';
import { BatchCellPlanner, cellOrder, indexCells } from '../../src/index.js';

// Five judgments over three distinct (verb, frame) pairs, with 4 frames:
// keys v * 4 + f = 9, 1, 9, 6, 1 for (2,1), (0,1), (2,1), (1,2), (0,1).
const verb = Int32Array.from([2, 0, 2, 1, 0]);
const frame = Int32Array.from([1, 1, 1, 2, 1]);
const response = Int8Array.from([5, 3, 2, 7, 3]);
const participant = Int32Array.from([4, 1, 0, 2, 3]);

describe('indexCells', () => {
  const cells = indexCells(verb, frame, 4);

  it('orders cells by verb, then frame', () => {
    expect([...cells.cellVerb]).toEqual([0, 1, 2]);
    expect([...cells.cellFrame]).toEqual([1, 2, 1]);
  });

  it('gives each judgment its cell', () => {
    expect([...cells.judgmentCell]).toEqual([2, 0, 2, 1, 0]);
  });
});

describe('cellOrder', () => {
  it('sorts by cell, then response, keeping ties in data order', () => {
    const cells = indexCells(verb, frame, 4);
    // Cell 0: judgments 1 and 4 (both response 3, so data order); cell 1: judgment 3;
    // cell 2: judgment 2 (response 2) before judgment 0 (response 5).
    expect([...cellOrder(cells.judgmentCell, response, 3, 7)]).toEqual([1, 4, 3, 2, 0]);
  });
});

describe('BatchCellPlanner', () => {
  it('numbers the cells of a batch in order of first appearance', () => {
    const planner = new BatchCellPlanner(indexCells(verb, frame, 4), participant, response);
    const batch = planner.plan(Int32Array.from([3, 0, 4, 2]));
    expect([...batch.cellVerb]).toEqual([1, 2, 0]);
    expect([...batch.cellFrame]).toEqual([2, 1, 1]);
    expect([...batch.itemCell]).toEqual([0, 1, 2, 1]);
    expect([...batch.participant]).toEqual([2, 4, 3, 0]);
    expect([...batch.response]).toEqual([7, 5, 3, 2]);
  });
});
