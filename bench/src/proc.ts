import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Resident set size now (VmRSS) and its peak (VmHWM) of a live process, in bytes; undefined when it is gone. */
export function residentMemoryOf(pid: number): { rss: number; peak: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/**
 * Resets a process's peak RSS (VmHWM) to its current RSS (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0,
 * allowed for our own children), so that the next peak read is the peak of what follows.
 */
export function resetPeakResidentMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Samples a process's RSS every `everyMs` until stopped; resolves with the largest sample (bytes). */
export function sampleResidentMemory(pid: number, everyMs = 20): { stop(): number } {
  let max = 0;
  const sample = () => {
    const m = residentMemoryOf(pid);
    if (m && m.rss > max) max = m.rss;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return max;
    },
  };
}
