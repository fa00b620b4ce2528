import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The fields of a Vega scenegraph node that the tests read. */
interface SceneNode {
  readonly marktype?: string;
  readonly name?: string;
  readonly items?: readonly SceneNode[];
}

/** A mark in the rendered scenegraph and how many items (points, line vertices) it drew. */
export interface RenderedMark {
  readonly name: string;
  readonly marktype: string;
  readonly items: number;
}

export interface RenderedChart {
  readonly svg: string;
  readonly marks: readonly RenderedMark[];
  /** Warnings and errors that vega-lite logged while compiling and vega while rendering. */
  readonly warnings: readonly string[];
}

function collect(node: SceneNode, marks: RenderedMark[]): void {
  if (node.marktype !== undefined && node.name !== undefined) {
    marks.push({ name: node.name, marktype: node.marktype, items: node.items?.length ?? 0 });
  }
  for (const child of node.items ?? []) collect(child, marks);
}

/** Compiles a Vega-Lite spec, renders it headlessly to SVG, and lists the named marks it drew. */
export async function renderHeadless(spec: TopLevelSpec): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
    const text = `${level} ${args.map(String).join(' ')}`;
    // Pan and zoom listen on `window`, which Node lacks, so the browser test covers them.
    if (!text.includes('Can not resolve event source: window')) warnings.push(text);
  });
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    // vega's typings describe scenegraph() as the root scene, but at runtime the root is under `.root`.
    const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
    const marks: RenderedMark[] = [];
    collect(root, marks);
    return { svg, marks, warnings };
  } finally {
    view.finalize();
  }
}

/** Items drawn by the Vega-Lite layer `layer` (its marks are named `<layer>_marks`). */
export function itemsOf(chart: RenderedChart, layer: string): number {
  return chart.marks.filter((mark) => mark.name === `${layer}_marks`).reduce((sum, mark) => sum + mark.items, 0);
}

/** Non-empty line marks drawn by the layer `layer`: one per series. */
export function linesOf(chart: RenderedChart, layer: string): number {
  return chart.marks.filter((mark) => mark.name === `${layer}_marks` && mark.marktype === 'line' && mark.items > 0).length;
}
