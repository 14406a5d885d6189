import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CPU time of other processes (the API, the postgres backends) from Linux /proc: which side of the
// ingest path burns the CPU is the first question when a throughput figure misses its target.

let ticksPerSecond: number | undefined;
const clockTicks = (): number => (ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);

interface ProcStat {
  ppid: number;
  /** User + system CPU seconds of the process itself. */
  ownSeconds: number;
  /** User + system CPU seconds of its children that have exited and were waited for. */
  reapedChildrenSeconds: number;
}

function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // The command name (field 2) is in parentheses and may contain spaces; fields after it are fixed.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const tick = clockTicks();
  const at = (n: number) => Number(fields[n - 3]); // field n of stat(5), counting from 1
  return {
    ppid: at(4),
    ownSeconds: (at(14) + at(15)) / tick,
    reapedChildrenSeconds: (at(16) + at(17)) / tick,
  };
}

const pids = (): number[] => readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);

/** CPU seconds used so far by one process (0 when it is gone). */
export const cpuSecondsOf = (pid: number): number => procStat(pid)?.ownSeconds ?? 0;

/**
 * CPU seconds used so far by a PostgreSQL server: the postmaster, its live children (backends,
 * checkpointer, WAL writer, autovacuum) and its children that have already exited.
 */
export function postgresCpuSeconds(postmasterPid: number): number {
  const postmaster = procStat(postmasterPid);
  if (!postmaster) return 0;
  let seconds = postmaster.ownSeconds + postmaster.reapedChildrenSeconds;
  for (const pid of pids()) {
    const stat = procStat(pid);
    if (stat?.ppid === postmasterPid) seconds += stat.ownSeconds;
  }
  return seconds;
}

/** The postmaster's pid of a running cluster, from its `postmaster.pid`. */
export const postmasterPidOf = (clusterDir: string): number => Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

/** PIDs of live postgres processes whose command line mentions `dir` (a server left behind). */
export function postgresProcessesIn(dir: string): number[] {
  return pids().filter((pid) => {
    try {
      if (/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'))) return false; // exited, not yet reaped
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd[0]?.endsWith('/postgres') === true && cmd.some((arg) => arg.startsWith(dir));
    } catch {
      return false;
    }
  });
}

/**
 * CPU seconds all cores have spent so far: `busy` (user, nice, system, irq, softirq) and `steal`
 * (time the hypervisor gave to other machines). Subtracting the measured processes from `busy`
 * shows whether something else ran during a measurement (a build, a test run).
 */
export function machineCpuSeconds(): { busy: number; steal: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  const tick = clockTicks();
  return { busy: (user + nice + system + irq + softirq) / tick, steal: steal / tick };
}
