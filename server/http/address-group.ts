// Whose budget a request spends. An IPv4 address is one client. An IPv6 client is usually given
// a whole /64 and can pick a new address in it for every request, so its /64 is the client.

/** `203.0.113.7` as it is; `2001:db8:1:2:a:b:c:d` as `2001:db8:1:2::/64`. */
export function groupClientAddress(address: string): string {
  if (!address.includes(':')) {
    return address;
  }
  const groups = expandIpv6(address.split('%')[0]!);
  return groups === undefined ? address : `${groups.slice(0, 4).join(':')}::/64`;
}

// The eight groups, each without leading zeros; undefined when the text is not IPv6.
function expandIpv6(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const readGroups = (half: string | undefined) => (half === undefined || half === '' ? [] : half.split(':'));
  const head = readGroups(halves[0]);
  const tail = readGroups(halves[1]);
  // A dotted IPv4 tail (64:ff9b::192.0.2.1) fills the last two groups, which a /64 never reaches.
  const tailWidth = tail.reduce((width, group) => width + (group.includes('.') ? 2 : 1), 0);
  const missing = 8 - head.length - tailWidth;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) {
    return undefined;
  }
  const groups = [...head, ...Array.from({ length: missing }, () => '0'), ...tail];
  if (!groups.every((group) => group.includes('.') || /^[0-9a-f]{1,4}$/i.test(group))) {
    return undefined;
  }
  return groups.map((group) => (group.includes('.') ? group : Number.parseInt(group, 16).toString(16)));
}
