// What a process started: its descendants (through /proc, detached process groups included) and the TCP ports
// they listen on. Used to prove that Ctrl-C on `npm start` leaves nothing behind.
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  command: string;
}

function stat(pid: number): ProcessInfo | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), command: text.slice(text.indexOf('(') + 1, close) };
  } catch {
    return undefined;
  }
}

export function liveProcesses(): ProcessInfo[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => stat(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined);
}

/** The process and every live descendant of it. */
export function processTree(root: number): ProcessInfo[] {
  const all = liveProcesses();
  const found = new Map<number, ProcessInfo>();
  const rootInfo = all.find((p) => p.pid === root);
  if (rootInfo) found.set(root, rootInfo);
  let grew = true;
  while (grew) {
    grew = false;
    for (const info of all) {
      if (!found.has(info.pid) && found.has(info.ppid)) {
        found.set(info.pid, info);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

function listeningInodes(): Map<string, number> {
  const ports = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue;
      ports.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** TCP ports the given processes listen on. */
export function listeningPorts(pids: number[]): number[] {
  const inodes = listeningInodes();
  const ports = new Set<number>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        const port = match && inodes.get(match[1]);
        if (port) ports.add(port);
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** True when something accepts a connection on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
