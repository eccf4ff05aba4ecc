// A description of the machine the numbers came from, for the results file and the printed header.
import os from 'node:os';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  freeMemoryBytes: number;
  loadAverage: number[];
  platform: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    freeMemoryBytes: os.freemem(),
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

export function describeMachine(info: MachineInfo): string {
  const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return `${info.cores} cores (${info.cpuModel}), ${gb(info.memoryBytes)} RAM, Node ${info.node}, ${info.platform}, load ${info.loadAverage.join(' ')}`;
}
