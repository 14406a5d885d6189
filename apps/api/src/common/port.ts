import { createServer } from 'node:net';

export class PortInUseError extends Error {}

/** Throws a PortInUseError naming the port when it cannot be bound on `host`. */
export function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new PortInUseError(`port ${port} on ${host} is already in use; stop the other process or set PORT to a free port`));
      } else if (error.code === 'EACCES') {
        reject(new PortInUseError(`not allowed to listen on port ${port} on ${host}; choose a port above 1023 with PORT`));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new PortInUseError(`HOST ${host} is not an address of this machine`));
      } else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
