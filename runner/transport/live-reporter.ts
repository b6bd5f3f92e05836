// Reports a build while it runs (docs/PROTOCOL.md, "Live builds"): begin_build, each finished
// step with add_step, the running step's output in batches with append_output, and the whole
// result with finish_build. Every call goes through one sequential queue in the background:
// the consumer never returns a promise, so a slow server never holds the build back, and
// output arriving while a call is in flight joins the next batch, which grows.
import type { BuildEndEvent, RunEvent } from '../events.ts';
import type { RunEventConsumer } from '../run/event-bus.ts';
import type { ClientInfo, StepResult } from '../../wire/types.ts';
import { addStep, appendOutput, beginBuild, finishBuild, type FinishedBuild, type ServerCall } from './live-calls.ts';
import { LiveOutput, type OutputBatch } from './live-output.ts';
import { isServerUnavailable, isUnknownMethodFault } from './server-unavailable.ts';
import { XmlRpcTransportError } from './transport-error.ts';

export interface LiveReporterOptions {
  /** Output waits at most this long before it is sent. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Output is sent at once when this many bytes are waiting. Default 64 KiB. */
  batchBytes?: number;
  /** The build's capture bound (runBuild's `captureBytes`); live output stops at its head, half of it. Default 1 MiB. */
  captureBytes?: number;
  /** Waits before each retry of a call the server could not answer; when they run out, live reporting ends. */
  retryDelaysMs?: readonly number[];
  /** Wait for releaseBegin() before beginning the build on the server (the steps may still be skipped). */
  holdBegin?: boolean;
  /** Where the messages said once go. Default stderr. */
  say?: (text: string) => void;
  debug?: (text: string) => void;
}

export type LiveOutcome =
  | { finished: FinishedBuild }
  /** The server has no live builds: the result is still to be sent, with add_results. */
  | { unsupported: true }
  /** Live reporting ended early; with an update token the server holds the begun build. */
  | { failed: Error; updateToken: string | undefined }
  /** The build skipped its steps: nothing to report. */
  | { skipped: true };

export interface LiveReporter {
  readonly consume: RunEventConsumer;
  /** With `holdBegin`: the steps will run, so the build may begin on the server. */
  releaseBegin(): void;
  /** Resolves once `build:end`'s result is finished on the server, or live reporting ended otherwise. */
  settle(): Promise<LiveOutcome>;
}

export const noLiveBuildsMessage = 'pony-build: the server has no live builds; the result will be sent when the build ends';

const defaults: Required<Pick<LiveReporterOptions, 'flushIntervalMs' | 'batchBytes' | 'captureBytes' | 'retryDelaysMs'>> = {
  flushIntervalMs: 1000,
  batchBytes: 64 * 1024,
  captureBytes: 1024 * 1024,
  retryDelaysMs: [500, 2000, 5000],
};

interface PlannedCall {
  methodName: string;
  /** What the call carried, for --debug once it is answered. */
  description: string;
  send(): Promise<void>;
}

export function createLiveReporter(call: ServerCall, options: LiveReporterOptions = {}): LiveReporter {
  const session = new LiveSession(call, options);
  return {
    consume: (event) => session.consume(event),
    releaseBegin: () => session.releaseBegin(),
    settle: () => session.settled,
  };
}

class LiveSession {
  readonly settled: Promise<LiveOutcome>;
  readonly #call: ServerCall;
  readonly #options: LiveReporterOptions & typeof defaults;
  readonly #output: LiveOutput;
  #resolveSettled!: (outcome: LiveOutcome) => void;
  #outcome: LiveOutcome | undefined;
  #identity: ClientInfo | undefined;
  #beginAllowed: boolean;
  #updateToken: string | undefined;
  /** The server refused an update: only finish_build is still sent. */
  #quiet = false;
  /** A begin_build failed in a way that does not prove the server never got it. */
  #beginMayHaveArrived = false;
  #stepsToAdd: StepResult[] = [];
  #stepsAdded = 0;
  #end: BuildEndEvent | undefined;
  #running = false;
  #flushTimer: NodeJS.Timeout | undefined;
  #flushDue = false;
  #wakeFromRetry: (() => void) | undefined;

  constructor(call: ServerCall, options: LiveReporterOptions) {
    this.#call = call;
    this.#options = { ...defaults, ...withoutUndefined(options) };
    this.#output = new LiveOutput(Math.floor(this.#options.captureBytes / 2));
    this.#beginAllowed = !options.holdBegin;
    this.settled = new Promise((resolve) => (this.#resolveSettled = resolve));
  }

  consume(event: RunEvent): void {
    if (this.#outcome !== undefined) {
      return;
    }
    if (event.type === 'build:start') {
      this.#identity = event.clientInfo;
    } else if (event.type === 'step:output') {
      this.#output.add(event.index, event.stream, event.text, performance.now());
      if (this.#output.pendingBytes < this.#options.batchBytes) {
        this.#scheduleFlush();
        return;
      }
    } else if (event.type === 'step:end') {
      this.#output.dropPending();
      this.#stepsToAdd.push(event.result);
    } else if (event.type === 'build:end') {
      this.#end = event;
      this.#output.dropPending();
      this.#cancelFlush();
      this.#wakeFromRetry?.();
    } else {
      return;
    }
    this.#kick();
  }

  releaseBegin(): void {
    this.#beginAllowed = true;
    this.#kick();
  }

  #kick(): void {
    if (!this.#running && this.#outcome === undefined) {
      void this.#run();
    }
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      for (let next = this.#planNext(); next !== undefined; next = this.#planNext()) {
        await this.#perform(next);
      }
    } catch (error) {
      this.#settle({ failed: toError(error), updateToken: this.#updateToken });
    } finally {
      this.#running = false;
    }
  }

  /** The next call in protocol order: begin, the finished steps, the running step's output; finish once the build ended. */
  #planNext(): PlannedCall | undefined {
    const end = this.#end;
    if (this.#outcome !== undefined) {
      return undefined;
    }
    if (end?.skipReason !== undefined) {
      // With holdBegin nothing was begun: a skipped build leaves no trace on the server.
      this.#settle({ skipped: true });
      return undefined;
    }
    if (this.#updateToken === undefined) {
      const identity = this.#identity;
      return identity !== undefined && (this.#beginAllowed || end !== undefined) ? this.#planBegin(identity) : undefined;
    }
    if (end !== undefined) {
      return this.#planFinish(this.#updateToken, end);
    }
    if (this.#quiet) {
      return undefined;
    }
    const step = this.#stepsToAdd.shift();
    if (step !== undefined) {
      return this.#planAddStep(this.#updateToken, step);
    }
    for (let batch = this.#takeDueOutput(); batch !== undefined; batch = this.#takeDueOutput()) {
      // Output belongs to the step the server will add next; anything else is stale.
      if (batch.stepIndex === this.#stepsAdded) {
        return this.#planAppend(this.#updateToken, batch);
      }
    }
    this.#scheduleFlush();
    return undefined;
  }

  #planBegin(identity: ClientInfo): PlannedCall {
    return {
      methodName: 'begin_build',
      description: `begin_build: ${identity.package}`,
      send: async () => {
        const begun = await beginBuild(this.#call, identity);
        this.#options.debug?.(`begin_build: result ${begun.resultKey} is live`);
        this.#updateToken = begun.updateToken;
      },
    };
  }

  #planAddStep(updateToken: string, step: StepResult): PlannedCall {
    return {
      methodName: 'add_step',
      description: `add_step: step ${this.#stepsAdded} (${step.name})`,
      send: async () => {
        await addStep(this.#call, updateToken, step);
        this.#stepsAdded += 1;
      },
    };
  }

  #planAppend(updateToken: string, batch: OutputBatch): PlannedCall {
    return {
      methodName: 'append_output',
      description: `append_output: step ${batch.stepIndex} ${batch.stream}, ${batch.text.length} characters at ${batch.offset}`,
      send: () => appendOutput(this.#call, updateToken, batch.stepIndex, batch.stream, batch.text, batch.offset),
    };
  }

  #planFinish(updateToken: string, end: BuildEndEvent): PlannedCall {
    return {
      methodName: 'finish_build',
      description: `finish_build: ${end.results.length} steps`,
      send: async () => {
        this.#settle({ finished: await finishBuild(this.#call, updateToken, end.clientInfo, end.results) });
      },
    };
  }

  /** One call, retried while the server cannot answer; what a failure means ends here. */
  async #perform(planned: PlannedCall): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await planned.send();
        this.#options.debug?.(`${planned.description} answered`);
        return;
      } catch (error) {
        if (!this.#retryAfter(planned, error, attempt)) {
          return;
        }
        const delay = this.#options.retryDelaysMs[attempt]!;
        this.#options.debug?.(`${planned.methodName} failed (${toError(error).message}); trying again in ${delay} ms`);
        await this.#sleep(delay);
        if (this.#end !== undefined && !this.#isWorthWaitingForAfterEnd(planned)) {
          // An update is carried by finish_build; a build never begun is sent whole.
          if (planned.methodName === 'begin_build') {
            this.#settle({ failed: toError(error), updateToken: undefined });
          }
          return;
        }
      }
    }
  }

  /** True when the call is worth another try; otherwise settles or quiets what the failure ends. */
  #retryAfter(planned: PlannedCall, error: unknown, attempt: number): boolean {
    const failure = toError(error);
    if (planned.methodName === 'begin_build' && isUnknownMethodFault(error, 'begin_build')) {
      this.#say(noLiveBuildsMessage);
      this.#settle({ unsupported: true });
      return false;
    }
    if (!isServerUnavailable(error)) {
      // The server answered no: asking again would get the same answer.
      if (planned.methodName === 'add_step' || planned.methodName === 'append_output') {
        this.#say(`pony-build: the server refused a live update (${failure.message}); the result will be sent whole when the build ends`);
        this.#quiet = true;
      } else {
        this.#settle({ failed: failure, updateToken: this.#updateToken });
      }
      return false;
    }
    if (this.#end !== undefined && (planned.methodName === 'add_step' || planned.methodName === 'append_output')) {
      // The build ended while this update was on its way: finish_build carries it anyway.
      return false;
    }
    if (planned.methodName === 'begin_build' && !(error instanceof XmlRpcTransportError && error.failure === 'connection-refused')) {
      this.#beginMayHaveArrived = true;
    }
    const mayRetry = this.#options.retryDelaysMs[attempt] !== undefined && (this.#end === undefined || this.#isWorthWaitingForAfterEnd(planned));
    if (!mayRetry) {
      if (this.#end === undefined) {
        this.#say(`pony-build: live reporting stopped, the server did not answer (${failure.message}); the build goes on and its result will be sent when it ends`);
      }
      this.#settle({ failed: failure, updateToken: this.#updateToken });
    }
    return mayRetry;
  }

  /**
   * Once the build has ended, only its finish is worth waiting for, and begin_build when an
   * earlier try may have reached the server: the build may be begun there, and only its token
   * finishes it (begin_build answers the same token again for the same submission id).
   */
  #isWorthWaitingForAfterEnd(planned: PlannedCall): boolean {
    return planned.methodName === 'finish_build' || (planned.methodName === 'begin_build' && this.#beginMayHaveArrived);
  }

  #takeDueOutput(): OutputBatch | undefined {
    const first = this.#output.firstPendingAt;
    const due =
      first !== undefined &&
      (this.#flushDue || this.#output.pendingBytes >= this.#options.batchBytes || performance.now() - first >= this.#options.flushIntervalMs);
    if (!due) {
      return undefined;
    }
    const batch = this.#output.take();
    if (this.#output.pendingBytes === 0) {
      this.#flushDue = false;
      this.#cancelFlush();
    }
    return batch;
  }

  #scheduleFlush(): void {
    const first = this.#output.firstPendingAt;
    if (this.#flushTimer !== undefined || first === undefined || this.#end !== undefined) {
      return;
    }
    const wait = Math.max(0, first + this.#options.flushIntervalMs - performance.now());
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      this.#flushDue = true;
      this.#kick();
    }, wait);
  }

  #cancelFlush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakeFromRetry = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakeFromRetry = wake;
    });
  }

  #settle(outcome: LiveOutcome): void {
    if (this.#outcome === undefined) {
      this.#outcome = outcome;
      this.#cancelFlush();
      this.#wakeFromRetry?.();
      this.#resolveSettled(outcome);
    }
  }

  #say(text: string): void {
    (this.#options.say ?? ((line: string) => process.stderr.write(`${line}\n`)))(text);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
