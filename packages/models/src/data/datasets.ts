/**
 * Data sets registered by name: where each is published and the SHA-256 of the
 * published file, so a download or a local copy can be verified.
 */
export interface DatasetInfo {
  readonly name: string;
  /** File name of the published archive. */
  readonly fileName: string;
  /** Published address of the archive, or undefined when ascent cannot download it. */
  readonly url: string | undefined;
  readonly sha256: string;
  readonly licence: string;
  readonly citation: string;
}

const SALT_2016 =
  'White, A. S. & K. Rawlins. 2016. A computational model of S-selection. ' +
  'Semantics and Linguistic Theory 26, 641-663.';
const GLOSSA_2020 =
  'White, A. S. & K. Rawlins. 2020. Frequency, acceptability, and selection: ' +
  'A case study of clause-embedding. Glossa.';

export const DATASETS: Readonly<Record<string, DatasetInfo>> = {
  'mega-acceptability-v1': {
    name: 'mega-acceptability-v1',
    fileName: 'mega-acceptability-v1.zip',
    url: 'http://megaattitude.io/projects/mega-acceptability/mega-acceptability-v1.zip',
    sha256: 'a592b962c90c8212f1912a9b88b9faa1fbf92a522ce4c7c23c8f7691bef8378a',
    licence: 'CC BY-SA 4.0',
    citation: `${SALT_2016} ${GLOSSA_2020}`,
  },
  'mega-acceptability-replication-v1': {
    name: 'mega-acceptability-replication-v1',
    fileName: 'mega-acceptability-replication-v1.zip',
    // NOTE: the published address of this archive is not recorded here, so users
    // point ascent at a local copy; its checksum still verifies that copy.
    url: undefined,
    sha256: '292e966feae8bba0c8ccccc1aff912ae3747d11ce3eb9ebcdcb14ddeb8ad8666',
    licence: 'CC BY-SA 4.0',
    citation: GLOSSA_2020,
  },
};

/** Returns the data set registered under `name`, or undefined. */
export function findDataset(name: string): DatasetInfo | undefined {
  return Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
}
