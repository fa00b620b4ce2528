export { dataFile, REPLICATION_ZIP, REPLICATION_DATASET } from '../../../../testing/data-files.js';
