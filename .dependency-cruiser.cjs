/**
 * The architecture as rules (docs/ARCHITECTURE.md): client → shared ← server → db.
 * `npm run check:deps` fails on any violation; CI runs it.
 */
const FEATURES = '^server/(tickets|clock|telephony|supervision|reports|knowledge|classify|repeats|console|units|open311|demo)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is used by both sides: it never imports server, client or db.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(server|client|db)/' },
    },
    {
      name: 'client-talks-http',
      comment: 'The client reaches the server over HTTP and sockets only.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|db)/' },
    },
    {
      name: 'db-below-server',
      comment: 'db/ (schema, migrations, engine switch) never imports server or client.',
      severity: 'error',
      from: { path: '^db/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'kernel-knows-no-feature',
      comment: 'server/platform is the kernel: features build on it, never the other way round.',
      severity: 'error',
      from: { path: '^server/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: [FEATURES, '^server/(app|serve|cli)\\.ts$'] },
    },
    {
      name: 'one-way-to-write',
      comment: 'Events are appended only through the unit of work (server/platform/unit-of-work.ts), which publishes after commit.',
      severity: 'error',
      from: { pathNot: ['^server/platform/unit-of-work\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^server/platform/append-events\\.ts$' },
    },
    {
      name: 'routes-call-commands',
      comment: 'Route files are thin: they call a command, which opens the unit of work; a route never writes by itself.',
      severity: 'error',
      from: { path: 'routes\\.ts$' },
      to: { path: '^server/platform/unit-of-work\\.ts$' },
    },
    {
      name: 'product-code-not-tests',
      comment: 'Product code never imports test support or bench code.',
      severity: 'error',
      from: { path: '^(server|client|shared|db)/', pathNot: ['\\.test\\.tsx?$', '^server/bench/', '\\.test-data\\.ts$', 'test-builders\\.ts$'] },
      to: { path: ['^test/', '^server/bench/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; break it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves — but the modules a build plugin provides (client/i18n-english.ts).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
    {
      name: 'declared-dependencies-only',
      comment: 'Every package used is declared in package.json (no reliance on a transitive one).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'product-code-not-dev-deps',
      comment: 'What runs in production is in dependencies; devDependencies are for building and testing.',
      severity: 'error',
      from: {
        path: '^(server|shared|db|bin)/',
        pathNot: ['\\.test\\.tsx?$', '^server/bench/', '\\.test-data\\.ts$', 'test-builders\\.ts$', '^db/drizzle\\.config\\.ts$'],
      },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data|test/artifacts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
