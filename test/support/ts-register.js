// `node -r ./test/support/ts-register.js some.ts`: runs the TypeScript sources the way Jest does (SWC, decorator
// metadata for TypeORM, CommonJS), with the same module map (@yibao/shared → shared/src). Fault tests use it to run a
// service as a process of its own, so they can kill it with SIGKILL; nothing else needs it.
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const root = path.join(__dirname, '..', '..');
const aliases = { '@yibao/shared': path.join(root, 'shared', 'src', 'index.ts') };

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // A relative import names a .ts file first, as TypeScript resolves it (Node alone would take topics.json for
  // './topics' when topics.ts and topics.json sit side by side).
  if (request.startsWith('.') && parent?.filename && !path.extname(request)) {
    const base = path.resolve(path.dirname(parent.filename), request);
    for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return resolve.call(this, aliases[request] ?? request, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
