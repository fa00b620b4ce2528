// Nx plugin: every experiments/<name>/sweep.yaml becomes an Nx project named <name>
// with two targets:
//   sweep   runs the sweep into runs/<name>.sqlite, resuming if it exists and
//           downloading a registered data set that is not found locally
//   report  writes reports/<name>.html from that database, running the sweep first
// so `npx nx sweep s-selection`, `npx nx run s-selection:report` and
// `npx nx run-many -t sweep` work without a project.json per sweep. Each sweep has a
// folder of its own because Nx needs a distinct, existing root per project. A sweep
// runs one worker per core; results do not depend on the number of workers.
const { availableParallelism } = require('node:os');
const { basename, dirname } = require('node:path');

const CLI = 'node packages/cli/dist/main.js';
const WORKERS = availableParallelism();

function sweepProject(file) {
  const root = dirname(file);
  const name = basename(root);
  const db = `runs/${name}.sqlite`;
  const report = `reports/${name}.html`;
  return {
    root,
    name,
    projectType: 'application',
    tags: ['type:sweep'],
    targets: {
      sweep: {
        executor: 'nx:run-commands',
        options: { command: `${CLI} run ${file} --db ${db} --fetch --workers ${WORKERS}`, cwd: '{workspaceRoot}' },
        dependsOn: [{ projects: ['@ascent/cli'], target: 'build' }],
        cache: false,
        metadata: { description: `Run ${file} into ${db}` },
      },
      report: {
        executor: 'nx:run-commands',
        options: { command: `${CLI} report ${db} --out ${report}`, cwd: '{workspaceRoot}' },
        dependsOn: ['sweep'],
        cache: false,
        metadata: { description: `Write ${report} from ${db}` },
      },
    },
  };
}

const createNodes = [
  'experiments/*/sweep.{yaml,yml}',
  (files) =>
    files.map((file) => {
      const project = sweepProject(file);
      return [file, { projects: { [project.root]: project } }];
    }),
];

module.exports = { name: 'ascent-sweeps', createNodes, createNodesV2: createNodes };
