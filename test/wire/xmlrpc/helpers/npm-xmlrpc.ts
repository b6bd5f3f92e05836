// The npm `xmlrpc` package's own serializer and deserializer, driven directly, so tests
// can show each of its defects next to our behaviour.
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';

const require = createRequire(import.meta.url);

interface NpmSerializer {
  serializeMethodCall(methodName: string, params: unknown[]): string;
  serializeMethodResponse(value: unknown): string;
}
type DeserializeCallback = (error: Error | null | undefined, ...results: unknown[]) => void;
interface NpmDeserializer {
  deserializeMethodCall(stream: NodeJS.ReadableStream, callback: DeserializeCallback): void;
  deserializeMethodResponse(stream: NodeJS.ReadableStream, callback: DeserializeCallback): void;
}

const npmSerializer = require('xmlrpc/lib/serializer.js') as NpmSerializer;
const NpmDeserializerClass = require('xmlrpc/lib/deserializer.js') as new () => NpmDeserializer;

export function serializeCallWithNpm(methodName: string, params: unknown[]): string {
  return npmSerializer.serializeMethodCall(methodName, params);
}

export function serializeResponseWithNpm(value: unknown): string {
  return npmSerializer.serializeMethodResponse(value);
}

/** Resolves with what the npm package makes of a methodCall document, or rejects with its error. */
export function parseCallWithNpm(xml: string): Promise<{ methodName: unknown; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    const stream = new PassThrough();
    new NpmDeserializerClass().deserializeMethodCall(stream, (error, methodName, params) => {
      if (error) {
        reject(error);
      } else {
        resolve({ methodName, params: params as unknown[] });
      }
    });
    stream.end(xml);
  });
}

/** Resolves with what the npm package makes of a methodResponse document. */
export function parseResponseWithNpm(xml: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const stream = new PassThrough();
    new NpmDeserializerClass().deserializeMethodResponse(stream, (error, value) => {
      if (error) {
        reject(error);
      } else {
        resolve(value);
      }
    });
    stream.end(xml);
  });
}
