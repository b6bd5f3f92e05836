// A local run keeps its result on disk: the consumer that writes
// `<directory>/<package>-<time>.json` from what `build:end` carries.
import { createResultDelivery, type ResultDelivery } from '../run/result-delivery.ts';
import { toResultDocument, writeResultFile } from './result-file.ts';

/** Its outcome is the path of the file written. */
export function createResultFileWriter(directory: string): ResultDelivery<string> {
  return createResultDelivery((end) => writeResultFile(directory, toResultDocument(end)));
}
