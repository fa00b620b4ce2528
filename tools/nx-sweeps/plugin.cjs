// Nx plugin: every experiments/<name>.yaml becomes an Nx project named <name> with
//   sweep   runs the sweep into runs/<name>.sqlite (resuming if it exists)
//   report  writes reports/<name>.html from that database (runs the sweep first)
// so `npx nx report s-selection` or `npx nx run-many -t sweep` work without a
// project.json per sweep. The project root is the sweep's own folder name under
// experiments/, which Nx needs to be unique per project.
const { basename, dirname, join } = require('node:path');

const CLI = 'node packages/cli/dist/main.js';

function sweepProject(file) {
  const name = basename(file).replace(/\.ya?ml$/, '');
  const db = `runs/${name}.sqlite`;
  const report = `reports/${name}.html`;
  return {
    root: join(dirname(file), name),
    name,
    projectType: 'application',
    tags: ['type:sweep'],
    targets: {
      sweep: {
        executor: 'nx:run-commands',
        options: { command: `${CLI} run ${file} --db ${db}`, cwd: '{workspaceRoot}' },
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
  'experiments/*.{yaml,yml}',
  (files) =>
    files.map((file) => {
      const project = sweepProject(file);
      return [file, { projects: { [project.root]: project } }];
    }),
];

module.exports = { name: 'ascent-sweeps', createNodes, createNodesV2: createNodes };
