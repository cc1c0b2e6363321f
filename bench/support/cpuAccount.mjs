/**
 * Preloaded into a `cnnspec run` by the benchmarks (`node --import <this file>`, which worker
 * threads inherit): where the process's CPU time went, by thread. The main thread reads the
 * CPU time of every thread of the process from /proc every 100 ms and once more at exit, so that
 * a thread that ended early (a worker job) still counts with what it had used by the last
 * reading; each worker thread names itself when it starts. At exit the main thread appends one
 * JSON line to the file named by CNNSPEC_BENCH_CPU_FILE: seconds of CPU (user and system) of the
 * main thread, of the worker jobs' threads, of the other threads (V8's compiler and garbage
 * collector helpers, libuv's pool), and of the child processes it waited for (an `--exec`
 * adapter, a browser). Linux only: elsewhere it writes nothing.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const FILE = process.env.CNNSPEC_BENCH_CPU_FILE;
/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux build Node supports). */
const TICKS = 100;

/** user + system ticks of one /proc stat line, and of the children waited for. */
function times(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
}

const ownTid = () => Number(readlinkSync('/proc/thread-self').split('/').at(-1));

if (FILE !== undefined && process.platform === 'linux') {
  if (!isMainThread) {
    appendFileSync(FILE, `${JSON.stringify({ workerThread: ownTid() })}\n`);
  } else {
    const mainTid = ownTid();
    const last = new Map();
    const read = () => {
      for (const tid of readdirSync('/proc/self/task')) {
        try {
          last.set(Number(tid), times(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')).own);
        } catch {
          // the thread ended between the listing and the reading: its last reading stands
        }
      }
    };
    setInterval(read, 100).unref();
    process.on('exit', () => {
      read();
      const workers = new Set(
        (existsSync(FILE) ? readFileSync(FILE, 'utf8') : '')
          .split('\n')
          .filter((line) => line.startsWith('{"workerThread"'))
          .map((line) => JSON.parse(line).workerThread),
      );
      let main = 0;
      let jobThreads = 0;
      let helpers = 0;
      for (const [tid, ticks] of last) {
        if (tid === mainTid) main += ticks;
        else if (workers.has(tid)) jobThreads += ticks;
        else helpers += ticks;
      }
      const children = times(readFileSync('/proc/self/stat', 'utf8')).children;
      const seconds = (ticks) => ticks / TICKS;
      appendFileSync(
        FILE,
        `${JSON.stringify({ main: seconds(main), jobThreads: seconds(jobThreads), helpers: seconds(helpers), children: seconds(children) })}\n`,
      );
    });
  }
}
