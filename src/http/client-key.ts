// One rate-limit key per client, whichever path it uses (the web chat, the GET lookup API):
// its address as express sees it through TRUST_PROXY. An IPv6 client usually holds a whole
// /64, so its addresses count as one; an IPv4-mapped IPv6 address counts as its IPv4 one.
import net from 'node:net';

/** Expands an IPv6 address to its eight groups ("2001:db8::1" → 8 hex groups). */
function ipv6Groups(address: string): string[] | undefined {
  let text = address.split('%')[0]!;
  // A trailing dotted IPv4 part becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const bytes = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, -dotted[1]!.length)}${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => g.toLowerCase().padStart(4, '0'));
}

/** "ip:203.0.113.7", "ip:2001:0db8:0001:0002::/64", or "ip:unknown". */
export function clientKey(address: string | undefined): string {
  if (!address) return 'ip:unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return `ip:${mapped[1]}`;
  if (net.isIPv4(address)) return `ip:${address}`;
  if (net.isIPv6(address.split('%')[0]!)) {
    const groups = ipv6Groups(address);
    if (groups) return `ip:${groups.slice(0, 4).join(':')}::/64`;
  }
  return `ip:${address}`;
}
