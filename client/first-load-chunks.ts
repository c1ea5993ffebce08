/**
 * The first load in a few files (issue 17 item 6): named groups of modules, each one file.
 *
 * Left to itself the bundler cuts the client by the set of pages that import each module: with
 * seventeen pages that is a hundred files, and the operator's first load took 59 of them, 35 under
 * 2 KiB compressed. Each is compressed on its own (no window shared with the rest) and costs a
 * request with its headers, six at a time over HTTP/1.1. The groups (client/vite.config.ts) are
 * `shell` — what the console (main.tsx), the login page and the stylesheets import —, `operator`
 * — what the operator's page adds — and `live` — what the live connection's handlers add. What
 * the entry imports stays in a small file of its own (`boot`). Other pages keep the automatic
 * chunks for what is theirs alone.
 *
 * A group's members are found by following imports from its roots by name, not by file: importing
 * `Button` from antd reaches antd's index, which names every component, and following all of them
 * would put the supervisor's table into the operator's first load. So a re-export
 * (`export { default as Button } from './button'`, `export * from`) is followed only for the
 * names something imported; an import is followed whole (the module's code runs as a unit), and
 * a CommonJS module (React's) by all it requires. Dynamic imports are not followed: they are
 * loaded later, in chunks of their own. docs/decisions/first-load.md.
 */
import type { Plugin } from 'vite';
import { walk, type AstNode } from './build-ast';

/** What the entry imports: a small file of its own, which the entry and the groups import. */
const ENTRY_GROUP = 'boot';

/** Every name of a module, as `import * as m` or a side effect reaches it. */
const ALL = '*';

interface FirstLoadGroup {
  name: string;
  /** The modules the group starts from (absolute paths). */
  roots: string[];
}

interface Reference {
  source: string;
  /** The names taken from the target; ALL for a namespace. */
  names: string[];
}

/** What a module imports, and what it re-exports under which of its own names. */
interface ModuleLinks {
  imports: Reference[];
  /** Own exported name → where it comes from, under which name there. */
  reexports: Map<string, { source: string; name: string }>;
  /** `export * from` sources: any name not its own may come from them. */
  stars: string[];
  /** Names declared in the module itself. */
  own: Set<string>;
}

function nameOf(node: unknown): string {
  const n = node as { type: string; name?: string; value?: unknown };
  return n.type === 'Literal' ? String(n.value) : (n.name ?? '');
}

function linksOf(program: AstNode): ModuleLinks {
  const links: ModuleLinks = { imports: [], reexports: new Map(), stars: [], own: new Set() };
  for (const statement of program.body as AstNode[]) {
    const source = (statement.source as { value?: unknown } | null | undefined)?.value;
    if (statement.type === 'ImportDeclaration' && typeof source === 'string') {
      const names = (statement.specifiers as AstNode[]).map((s) =>
        s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? ALL : nameOf(s.imported),
      );
      links.imports.push({ source, names });
    } else if (statement.type === 'ExportNamedDeclaration' && typeof source === 'string') {
      for (const s of statement.specifiers as AstNode[]) links.reexports.set(nameOf(s.exported), { source, name: nameOf(s.local) });
    } else if (statement.type === 'ExportAllDeclaration' && typeof source === 'string') {
      if (statement.exported) links.reexports.set(nameOf(statement.exported), { source, name: ALL });
      else links.stars.push(source);
    } else if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      if (statement.type === 'ExportDefaultDeclaration') links.own.add('default');
      for (const s of (statement.specifiers as AstNode[] | undefined) ?? []) links.own.add(nameOf(s.exported));
      const declaration = statement.declaration as AstNode | null | undefined;
      const ids = declaration?.type === 'VariableDeclaration' ? (declaration.declarations as AstNode[]).map((d) => d.id as AstNode) : [declaration?.id];
      for (const id of ids) if (id) walk(id as AstNode, (n) => n.type === 'Identifier' && links.own.add(nameOf(n)));
    }
  }
  return links;
}

/** The module graph as the traversal reads it. */
interface Graph {
  resolve(source: string, importer?: string): Promise<string | null>;
  /** Null for a module read by what it requires (CommonJS, or code that did not parse). */
  links(id: string): ModuleLinks | null;
  requires(id: string): readonly string[];
}

/**
 * The modules whose own code `roots` need, following imports by name. A member is a module asked
 * for a name it declares, for all it has, or for its side effects; a module asked only for names
 * it passes on (a kit's index) is not one, as taking it would take all it re-exports.
 */
async function membersFrom(graph: Graph, roots: string[]): Promise<Set<string>> {
  const asked = new Map<string, Set<string>>();
  const members = new Set<string>();
  const queue: [string, string[]][] = roots.map((id) => [id, [ALL]]);
  const ask = async (source: string, importer: string, names: string[]) => {
    const id = await graph.resolve(source, importer);
    if (id) queue.push([id, names]);
  };
  for (let next = queue.pop(); next; next = queue.pop()) {
    const [id, names] = next;
    const seen = asked.get(id);
    const fresh = seen ? names.filter((n) => !seen.has(n) && !seen.has(ALL)) : names;
    if (seen && fresh.length === 0) continue;
    asked.set(id, new Set([...(seen ?? []), ...fresh]));
    const l = graph.links(id);
    if (!l) {
      members.add(id);
      if (!seen) queue.push(...graph.requires(id).map((dep): [string, string[]] => [dep, [ALL]]));
      continue;
    }
    // A module that exports nothing the parse saw (a script, CommonJS it did not recognise) is needed whole.
    const exportsNothing = l.own.size === 0 && l.reexports.size === 0 && l.stars.length === 0;
    if (exportsNothing || names.length === 0 || fresh.some((n) => n === ALL || l.own.has(n))) members.add(id);
    if (!seen) for (const imp of l.imports) await ask(imp.source, id, imp.names);
    for (const n of fresh) {
      const r = n === ALL ? undefined : l.reexports.get(n);
      if (n === ALL) for (const each of l.reexports.values()) await ask(each.source, id, [each.name]);
      else if (r) await ask(r.source, id, [r.name]);
      if (n === ALL || (!r && !l.own.has(n))) for (const star of l.stars) await ask(star, id, [n]);
    }
  }
  return members;
}

/**
 * `entry`: the page's entry module. What it imports runs before anything else and stays in the
 * entry's own small file; were a group to take it, the entry would wait for that group's whole
 * file before it could start the others' downloads.
 */
export function firstLoadChunks(entry: string, groups: FirstLoadGroup[]): Plugin {
  const groupMembers = new Map<string, Set<string>>();
  return {
    name: 'hotline:first-load-chunks',
    apply: 'build',
    config() {
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                // Earlier groups first: a module both reach belongs to the first.
                groups: [ENTRY_GROUP, ...groups.map((g) => g.name)].map((group, i, all) => ({
                  name: (id: string) => (groupMembers.get(group)?.has(id) ? group : null),
                  priority: all.length - i,
                })),
              },
            },
          },
        },
      };
    },
    async buildEnd(error) {
      if (error) return;
      const links = new Map<string, ModuleLinks | null>();
      const resolved = new Map<string, string | null>();
      const graph: Graph = {
        resolve: async (source, importer) => {
          const key = `${importer ?? ''}\u0000${source}`;
          let id = resolved.get(key);
          if (id === undefined) resolved.set(key, (id = (await this.resolve(source, importer))?.id ?? null));
          return id;
        },
        links: (id) => {
          let l = links.get(id);
          if (l === undefined) {
            const info = this.getModuleInfo(id);
            l = null; // CommonJS or unparsed: followed by all it requires
            if (info?.code && info.inputFormat !== 'cjs') {
              try {
                l = linksOf(this.parse(info.code) as unknown as AstNode);
              } catch {
                l = null;
              }
            }
            links.set(id, l);
          }
          return l;
        },
        requires: (id) => this.getModuleInfo(id)?.importedIds ?? [],
      };
      const root = async (file: string) => (await graph.resolve(file)) ?? this.error(`first-load chunks: ${file} does not resolve`);
      const entryId = await root(entry);
      const first = await membersFrom(graph, [entryId]);
      groupMembers.set(ENTRY_GROUP, new Set([...first].filter((id) => id !== entryId)));
      for (const group of groups) {
        const reached = await membersFrom(graph, await Promise.all(group.roots.map(root)));
        groupMembers.set(group.name, new Set([...reached].filter((id) => !first.has(id))));
      }
    },
  };
}
