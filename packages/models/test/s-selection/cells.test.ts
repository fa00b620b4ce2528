import { describe, expect, it } from 'vitest';
import { BatchCellPlanner, groupJudgments, indexCells } from '../../src/index.js';

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

describe('groupJudgments', () => {
  it('groups judgments by cell', () => {
    const cells = indexCells(verb, frame, 4);
    // judgmentCell is [2, 0, 2, 1, 0]: cell 0 contains judgments 1 and 4, cell 1 judgment 3, cell 2 judgments 0 and 2.
    const grouped = groupJudgments(cells.judgmentCell, participant, response, 3, 7);
    expect([...grouped.cellStart]).toEqual([0, 2, 3, 5]);
    const slot = (i: number): number => (participant[i] ?? -1) * 8 + (response[i] ?? -1);
    expect([...grouped.slot]).toEqual([slot(1), slot(4), slot(3), slot(0), slot(2)]);
  });
});

describe('BatchCellPlanner', () => {
  it('numbers the cells of a batch in cell order', () => {
    const planner = new BatchCellPlanner(indexCells(verb, frame, 4), participant, response, 7);
    // Batch items are judgments 3, 0, 4, 2, whose cells are 1, 2, 0, 2.
    const batch = planner.plan(Int32Array.from([3, 0, 4, 2]));
    expect([...batch.cellVerb]).toEqual([0, 1, 2]);
    expect([...batch.cellFrame]).toEqual([1, 2, 1]);
    expect([...batch.itemCell]).toEqual([1, 2, 0, 2]);
    // Participants 2, 4, 3, 0 with responses 7, 5, 3, 2.
    expect([...batch.itemSlot]).toEqual([2 * 8 + 7, 4 * 8 + 5, 3 * 8 + 3, 0 * 8 + 2]);
  });

  it('groups the items by cell, keeping batch order within a cell', () => {
    const planner = new BatchCellPlanner(indexCells(verb, frame, 4), participant, response, 7);
    const batch = planner.plan(Int32Array.from([3, 0, 4, 2]));
    // Cell 0 contains item 2, cell 1 item 0 and cell 2 items 1 and 3. A slot is participant * 8 + response.
    expect([...batch.cellStart]).toEqual([0, 1, 2, 4]);
    expect([...batch.slot]).toEqual([3 * 8 + 3, 2 * 8 + 7, 4 * 8 + 5, 0 * 8 + 2]);
  });

  it('rejects judgments outside the data', () => {
    const planner = new BatchCellPlanner(indexCells(verb, frame, 4), participant, response, 7);
    expect(() => planner.plan(Int32Array.from([0, 5]))).toThrow(/batch item 1 is judgment 5, outside the 5 judgments/);
  });

  it('sorts cell numbers that need several radix passes', () => {
    // 70,000 cells (verbs 0 .. 69,999 in frame 0) need three 8-bit passes.
    const count = 70000;
    const manyVerbs = Int32Array.from({ length: count }, (_, i) => count - 1 - i);
    const cells = indexCells(manyVerbs, new Int32Array(count), 1);
    const planner = new BatchCellPlanner(cells, new Int32Array(count), new Int8Array(count).fill(1), 7);
    const batch = planner.plan(Int32Array.from([0, 69999, 300, 65536, 0]));
    // Judgment i has verb 69,999 - i, and cell numbers follow verbs.
    expect([...batch.cellVerb]).toEqual([0, 4463, 69699, 69999]);
    expect([...batch.cellStart]).toEqual([0, 1, 2, 3, 5]);
    expect([...batch.itemCell]).toEqual([3, 0, 2, 1, 3]);
  });
});
