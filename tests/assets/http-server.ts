/**
 * An HTTP server on 127.0.0.1 for the download tests: every behaviour an asset server can
 * have, by path. Bodies are deterministic bytes, so a test can compare what was written.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** `size` deterministic bytes for `name` (a file's content on the test server). */
export function bytesOf(name: string, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  let state = [...name].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) >>> 0, 7);
  for (let index = 0; index < size; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    buffer[index] = state >>> 24;
  }
  return buffer;
}

/** The test server and what it saw. */
export interface TestServer {
  base: string;
  /** Requests per path. */
  hits: Map<string, number>;
  /**
   * Paths under `/hold/` send half their body, then wait: this is called with the path once
   * the half was sent (the kill test kills its child here).
   */
  onHeld: (path: string) => void;
  /** From now on, `/hold/` paths send their whole body at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Paths:
 * - `/ok/<size>/<name>`: 200 with `Content-Length`
 * - `/moved/<size>/<name>`: 301 to `/ok/<size>/<name>`
 * - `/missing/<name>`: 404; `/error/<name>`: 500 always; `/flaky/<n>/<size>/<name>`: 500 the first n times
 * - `/silent/<name>`: never answers (a timeout); `/stall/<size>/<name>`: half the body, then nothing
 * - `/cut/<size>/<name>`: `Content-Length`, half the body, then the connection is destroyed
 * - `/cut-chunked/<size>/<name>`: no length (chunked), half the body, then destroyed
 * - `/cut-once/<size>/<name>`: cut the first time, whole the next
 * - `/hold/<size>/<name>`: see {@link TestServer.onHeld}
 */
export async function startServer(): Promise<TestServer> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  let released = false;
  const server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const parts = path.split("/").slice(1);
    const kind = parts[0];
    const sized = (at: number) => ({ size: Number(parts[at]), name: parts.slice(at + 1).join("/") });
    const whole = (size: number, name: string) => {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
      response.end(bytesOf(name, size));
    };
    const half = (size: number, name: string, chunked: boolean) => {
      response.writeHead(
        200,
        chunked ? { "content-type": "application/octet-stream" } : { "content-type": "application/octet-stream", "content-length": size },
      );
      response.write(bytesOf(name, size).subarray(0, size / 2));
    };
    switch (kind) {
      case "ok":
        return whole(sized(1).size, sized(1).name);
      case "moved":
        response.writeHead(301, { location: `/ok/${parts.slice(1).join("/")}` });
        return response.end();
      case "missing":
        response.writeHead(404, "Not Found");
        return response.end("no such file");
      case "error":
        response.writeHead(500, "Internal Server Error");
        return response.end();
      case "flaky": {
        const { size, name } = sized(2);
        if (hit <= Number(parts[1])) {
          response.writeHead(503, "Service Unavailable");
          return response.end();
        }
        return whole(size, name);
      }
      case "silent":
        return; // never answers
      case "stall":
        return half(sized(1).size, sized(1).name, false);
      case "cut":
      case "cut-chunked": {
        const { size, name } = sized(1);
        half(size, name, kind === "cut-chunked");
        // destroyed once the half is on the wire
        return response.write("", () => setImmediate(() => request.socket.destroy()));
      }
      case "cut-once": {
        const { size, name } = sized(1);
        if (hit > 1) return whole(size, name);
        half(size, name, false);
        return response.write("", () => setImmediate(() => request.socket.destroy()));
      }
      case "hold": {
        const { size, name } = sized(1);
        if (released) return whole(size, name);
        half(size, name, false);
        return response.write("", () => state.onHeld(path));
      }
      default:
        response.writeHead(400);
        response.end();
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const state: TestServer = {
    base: `http://127.0.0.1:${port}`,
    hits,
    onHeld: () => undefined,
    release: () => void (released = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return state;
}
