/**
 * PGlite's file system for a data folder, private to its owner. Emscripten's NODEFS, under
 * PGlite, creates each file and then chmods it to the mode PostgreSQL asked for — 0666 for what
 * initdb writes, 0644 for pg_internal.init — whatever the process umask (measured on PGlite 0.5;
 * docs/decisions/data-folder.md). PrivateNodeFS strips group and other bits from every mode NODEFS
 * sets, through the same `preRun` hook PGlite's own NodeFS mounts it with.
 */
import { NodeFS } from '@electric-sql/pglite/nodefs';

type NodeFsInit = Awaited<ReturnType<NodeFS['init']>>;
interface EmscriptenNodeFs {
  node_ops: { mknod(parent: unknown, name: string, mode: number, dev: number): unknown; setattr(node: unknown, attr: { mode?: number }): void };
  stream_ops: { setattr(stream: unknown, attr: { mode?: number }): void };
}

/**
 * PGlite's NodeFS with group and other bits stripped from every mode PostgreSQL asks for: files
 * 0600, folders 0700, now and for every file written later.
 */
export class PrivateNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): Promise<NodeFsInit> {
    const result = await super.init(...args);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      (mod) => {
        const nodefs = mod.NODEFS as unknown as Partial<EmscriptenNodeFs>;
        if (typeof nodefs.node_ops?.mknod !== 'function' || typeof nodefs.node_ops.setattr !== 'function' || typeof nodefs.stream_ops?.setattr !== 'function') {
          throw new Error('PGlite no longer exposes NODEFS node_ops/stream_ops: the data folder cannot be kept private (db/private-node-fs.ts)');
        }
        const ops = nodefs.node_ops;
        const stream = nodefs.stream_ops;
        const mknod = ops.mknod.bind(ops);
        const setattr = ops.setattr.bind(ops);
        const fsetattr = stream.setattr.bind(stream);
        const strip = <T extends { mode?: number }>(attr: T): T => (attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~0o077 });
        ops.mknod = (parent, name, mode, dev) => mknod(parent, name, mode & ~0o077, dev);
        ops.setattr = (node, attr) => setattr(node, strip(attr));
        stream.setattr = (s, attr) => fsetattr(s, strip(attr));
      },
      ...preRun,
    ];
    return result;
  }
}
