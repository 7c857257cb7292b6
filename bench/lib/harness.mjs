/**
 * Timing harness shared by the benchmark suites: warm-up, repeated runs,
 * median/min/max, throughput, and a description of the machine.
 *
 * Candidates are measured round-robin (run 1 of every candidate, then run 2 …)
 * so that a slow phase of the machine (thermal throttling, a noisy neighbour)
 * spreads over all of them instead of penalising whichever ran last.
 */
import fs from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";

/**
 * A full garbage collection between timed runs, so one candidate's garbage is
 * not collected on the next one's clock. `--expose-gc` cannot be passed through
 * `npm run bench` portably, so the flag is set at run time.
 */
function createGc() {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc");
    return typeof gc === "function" ? gc : () => {};
  } catch {
    return () => {};
  }
}
export const collectGarbage = createGc();

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times one pass of `candidate` over `inputs`; returns milliseconds. */
function timeOnce(candidate, inputs) {
  candidate.beforeRun?.();
  collectGarbage();
  const start = process.hrtime.bigint();
  const found = candidate.run(inputs);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof found !== "number") throw new Error(`${candidate.id}: run() must return a count`);
  return ms;
}

/**
 * Runs every candidate once as a warm-up (JIT, caches, lazy imports), then
 * `runs` timed passes round-robin. Returns `{ [id]: number[] }` of milliseconds.
 */
export function measureAll(candidates, inputs, { runs, onProgress = () => {} }) {
  const samples = Object.fromEntries(candidates.map((c) => [c.id, []]));
  for (const c of candidates) {
    onProgress(`warm-up ${c.label}`);
    timeOnce(c, inputs);
  }
  for (let r = 1; r <= runs; r++) {
    for (const c of candidates) {
      onProgress(`run ${r}/${runs} ${c.label}`);
      samples[c.id].push(timeOnce(c, inputs));
    }
  }
  return samples;
}

/** Median/min/max of the samples, in ms and as MB/s (1 MB = 10^6 bytes). */
export function summarize(samplesMs, bytes) {
  const mbps = (ms) => bytes / 1e6 / (ms / 1000);
  const med = median(samplesMs);
  const min = Math.min(...samplesMs);
  const max = Math.max(...samplesMs);
  return {
    samplesMs: samplesMs.map((ms) => Number(ms.toFixed(2))),
    ms: { median: med, min, max },
    // The fastest run gives the highest throughput, so min/max swap here.
    mbps: { median: mbps(med), min: mbps(max), max: mbps(min) },
  };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? "unknown",
    cpuCount: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    totalMemoryGB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    v8: process.versions.v8,
  };
}

/**
 * The 1-minute load average, recorded before and after the runs: on a shared
 * machine other processes' work shows up as noise (wide min–max), and this
 * is how to tell afterwards.
 */
export function loadAverage() {
  return Number(os.loadavg()[0].toFixed(2));
}

/** A plain-text table with right-aligned numeric columns (all but the first). */
export function formatTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** statfs magic numbers of the file systems a benchmark is likely to run on. */
const FS_TYPES = {
  0x01021994: "tmpfs",
  0xef53: "ext4",
  0x58465342: "xfs",
  0x9123683e: "btrfs",
  0x794c7630: "overlayfs",
  0x6969: "nfs",
  0x65735546: "fuse",
  0x2fc12fc1: "zfs",
  0x1badface: "bfs",
  0x5346544e: "ntfs",
  0xf15f: "ecryptfs",
};

/**
 * Where a benchmark reads and writes: the file system type, the mount's source device, and
 * whether that device spins (Linux `/sys/block/<dev>/queue/rotational`), best effort. Ratios
 * against the I/O floor depend on it: a RAM disk (`tmpfs`) makes the floor as fast as it gets.
 */
export function storageInfo(path) {
  const info = { path };
  try {
    const type = fs.statfsSync(path).type;
    info.fsType = FS_TYPES[type] ?? `0x${type.toString(16)}`;
  } catch {
    info.fsType = "unknown";
  }
  info.ramDisk = info.fsType === "tmpfs";
  try {
    // The mount whose point is the longest prefix of the path.
    const real = fs.realpathSync(path);
    let best = null;
    for (const line of fs.readFileSync("/proc/mounts", "utf8").split("\n")) {
      const [source, point] = line.split(" ");
      if (!point) continue;
      const mount = point.replace(/\\040/g, " ");
      if ((real === mount || real.startsWith(mount.endsWith("/") ? mount : mount + "/")) && (!best || mount.length >= best.mount.length))
        best = { source, mount };
    }
    if (best) {
      info.device = best.source;
      info.mount = best.mount;
      const dev = /^\/dev\/([a-z]+)/.exec(best.source)?.[1];
      if (dev && fs.existsSync(`/sys/block/${dev}/queue/rotational`))
        info.rotational = fs.readFileSync(`/sys/block/${dev}/queue/rotational`, "utf8").trim() === "1";
    }
  } catch {
    // not Linux: type only
  }
  return info;
}

/** One line for a table heading: "tmpfs (RAM disk) at /dev/shm" or "ext4 on /dev/vda (SSD) at /tmp". */
export function describeStorage(info) {
  if (!info) return "unknown storage";
  if (info.ramDisk) return `RAM disk (tmpfs) at ${info.path}`;
  // As the kernel reports it: virtual disks often say rotational whatever backs them.
  const kind = info.rotational === undefined ? "" : info.rotational ? ", reported rotational" : ", reported non-rotational";
  return `${info.fsType}${info.device ? ` on ${info.device}` : ""}${kind} at ${info.path}`;
}
