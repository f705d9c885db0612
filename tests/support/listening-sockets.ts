import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The TCP sockets a set of processes listens on, read from Linux's own tables (/proc/net/tcp, tcp6) and
 * matched to the processes by socket inode (/proc/<pid>/fd). What a server says it bound can be wrong;
 * this is what the kernel accepts connections on.
 */
export interface ListeningSocket {
  pid: number;
  /** The local address as the kernel holds it: `0.0.0.0` / `::` mean every interface. */
  address: string;
  port: number;
}

const LISTEN = '0A';

/** /proc/net/tcp prints addresses as host-order hex words: 0100007F is 127.0.0.1. */
function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

/** tcp6: four such words. An IPv4-mapped address (::ffff:a.b.c.d) is shown as the IPv4 address it carries. */
function ipv6(hex: string): string {
  const bytes = [0, 1, 2, 3].flatMap((w) => {
    const word = hex.slice(w * 8, w * 8 + 8);
    return [3, 2, 1, 0].map((i) => Number.parseInt(word.slice(i * 2, i * 2 + 2), 16));
  });
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  if (bytes.every((b) => b === 0)) return '::';
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(':').replace(/^0:0:0:0:0:0:0:1$/, '::1');
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1] as string);
    } catch {
      // the descriptor closed while we looked
    }
  }
  return inodes;
}

/** Every TCP socket in LISTEN state that one of `pids` holds. */
export function listeningSockets(pids: number[]): ListeningSocket[] {
  const owner = new Map<string, number>();
  for (const pid of pids) for (const inode of socketInodes(pid)) owner.set(inode, pid);
  const found: ListeningSocket[] = [];
  for (const [table, decode] of [
    ['/proc/net/tcp', ipv4],
    ['/proc/net/tcp6', ipv6],
  ] as const) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== LISTEN) continue;
      const pid = owner.get(f[9] as string);
      if (pid === undefined) continue;
      const [addr, port] = (f[1] as string).split(':');
      found.push({ pid, address: decode(addr as string), port: Number.parseInt(port as string, 16) });
    }
  }
  return found;
}
