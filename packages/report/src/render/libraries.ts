import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ReportError } from '../errors.js';
import { messages } from '../messages.js';

/** Minified browser builds of the chart libraries. The page loads vega, then vega-lite, then vega-embed. */
export interface ChartLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

let cached: ChartLibraries | undefined;

/**
 * Reads a browser build from the folder of its package's main entry. The packages'
 * `exports` maps do not list the build files, so resolving `vega/build/vega.min.js`
 * directly fails with ERR_PACKAGE_PATH_NOT_EXPORTED. In vega 6, vega-lite 6 and
 * vega-embed 7 the main entry and the minified build share the `build/` folder.
 */
function readBuild(packageName: string, file: string): string {
  const require = createRequire(import.meta.url);
  let path = `${packageName}/${file}`;
  try {
    path = join(dirname(require.resolve(packageName)), file);
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportError(messages.libraryNotFound(packageName, path, (error as Error).message), { cause: error });
  }
}

/** Reads the three builds on the first call and returns the same text afterwards. */
export function readChartLibraries(): ChartLibraries {
  cached ??= {
    vega: readBuild('vega', 'vega.min.js'),
    vegaLite: readBuild('vega-lite', 'vega-lite.min.js'),
    vegaEmbed: readBuild('vega-embed', 'vega-embed.min.js'),
  };
  return cached;
}
