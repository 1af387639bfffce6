/**
 * Jest setup (setupFilesAfterEnv): errors keep their source-mapped stack traces; cdktf's creation stacks
 * do not. cdktf records a full stack trace (stackTraceLimit unbounded) for every lazy token it creates, by
 * formatting the stack of a plain object, and Jest's source-map-support maps each of those frames: that
 * mapping was a third of the CPU time of the tests that synthesize (profiled: the 1,000-route synth of
 * simulator-scale). Only cdktf prints those stacks, in its own token errors; every Error (any realm) is
 * still mapped, so a failing test points at TypeScript lines as before.
 */
const mapped = Error.prepareStackTrace;
const isError = (value: unknown) => Object.prototype.toString.call(value) === '[object Error]';
if (mapped) {
  Error.prepareStackTrace = (error, frames) =>
    isError(error) ? mapped(error, frames) : [String(error), ...frames.map((f) => `    at ${f}`)].join('\n');
}
