// `npm run db:build`: builds the embedded database ahead of time (CI does this before the tests).
import path from 'node:path';
import { createLogger } from '../../services/log/logger';
import { buildEmbeddedDatabase } from './build';

const log = createLogger();
buildEmbeddedDatabase(path.join(__dirname, '..', '..', '.cache'), log).then(
  (binary) => log.info({ binary }, 'Embedded database ready'),
  (error: Error) => {
    log.fatal(error.message);
    process.exitCode = 1;
  },
);
