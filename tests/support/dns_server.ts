/** A tiny DNS server on 127.0.0.1 for tests: answers A and AAAA questions from a table, NXDOMAIN otherwise. */
import dgram from "node:dgram";

/** Addresses per host name; v4 answers A questions, v6 (with a colon) AAAA ones. */
export type DnsTable = Record<string, string[]>;

/** A running test DNS server: `address` is "127.0.0.1:port" for DNS_SERVER. */
export interface TestDnsServer {
  address: string;
  close(): Promise<void>;
}

export async function startDnsServer(table: DnsTable): Promise<TestDnsServer> {
  const socket = dgram.createSocket("udp4");
  socket.on("message", (query: Uint8Array, peer: { address: string; port: number }) => {
    const answer = respond(query, table);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function respond(query: Uint8Array, table: DnsTable): Uint8Array | null {
  if (query.length < 12) return null;
  const labels: string[] = [];
  let at = 12;
  while (at < query.length && query[at] !== 0) {
    labels.push(new TextDecoder().decode(query.slice(at + 1, at + 1 + query[at])));
    at += query[at] + 1;
  }
  const questionEnd = at + 5; // the zero byte, type and class
  const type = (query[at + 1] << 8) | query[at + 2];
  const name = labels.join(".").toLowerCase();
  const known = table[name];
  const wanted = (known ?? []).filter((a) => type === 28 ? a.includes(":") : type === 1 && !a.includes(":"));
  const records = wanted.map((address) => {
    const data = address.includes(":") ? v6(address) : address.split(".").map(Number);
    return [0xc0, 0x0c, 0, type, 0, 1, 0, 0, 0, 30, 0, data.length, ...data];
  });
  const header = [
    query[0],
    query[1],
    0x81,
    known ? 0x80 : 0x83, // a response; NXDOMAIN for names not in the table
    0,
    1,
    0,
    records.length,
    0,
    0,
    0,
    0,
  ];
  return new Uint8Array([...header, ...query.slice(12, questionEnd), ...records.flat()]);
}

function v6(address: string): number[] {
  const [head, tail = ""] = address.split("::");
  const parts = (s: string) => s ? s.split(":").map((w) => parseInt(w, 16)) : [];
  const words = [...parts(head), ...Array(8 - parts(head).length - parts(tail).length).fill(0), ...parts(tail)];
  return words.flatMap((w) => [w >> 8, w & 255]);
}
