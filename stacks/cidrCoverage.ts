// CIDR arithmetic for access lists: a block's network and size, whether it is written in
// canonical form (no host bits set), and how many addresses a list covers together, so
// that 0.0.0.0/1 + 128.0.0.0/1 counts as the whole internet, as 0.0.0.0/0 does.

/** No public-access bound wider than one /8: the config refuses it, the policy pack counts anything wider as open. */
export const MIN_PUBLIC_ACCESS_PREFIX = 8;

export interface CidrBlock {
    family: 4 | 6;
    /** The address as an unsigned integer (32 or 128 bits). */
    address: bigint;
    prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,3})$/;

export function parseCidr(text: string): CidrBlock | undefined {
    const v4 = IPV4.exec(text);
    if (v4) {
        const octets = v4.slice(1, 5).map(Number);
        const prefix = Number(v4[5]);
        if (octets.some((octet) => octet > 255) || prefix > 32) {
            return undefined;
        }
        return { family: 4, address: octets.reduce((value, octet) => (value << 8n) | BigInt(octet), 0n), prefix };
    }
    return parseIpv6Cidr(text);
}

function parseIpv6Cidr(text: string): CidrBlock | undefined {
    const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
    const prefix = match ? Number(match[2]) : NaN;
    if (!match || prefix > 128 || (match[1].match(/::/g) ?? []).length > 1) {
        return undefined;
    }
    const [head, tail] = match[1].includes("::") ? match[1].split("::") : [match[1], undefined];
    const groups = (part: string | undefined) => (part ? part.split(":") : []);
    const missing = 8 - groups(head).length - groups(tail).length;
    if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) {
        return undefined;
    }
    const all = [...groups(head), ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...groups(tail)];
    if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) {
        return undefined;
    }
    return { family: 6, address: all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n), prefix };
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

function hostMask(block: CidrBlock): bigint {
    return (1n << BigInt(bitsOf(block.family) - block.prefix)) - 1n;
}

/** The block as written, when host bits are set (1.1.1.1/0 is 0.0.0.0/0): the canonical form, else undefined. */
export function canonicalForm(block: CidrBlock): string | undefined {
    if ((block.address & hostMask(block)) === 0n) {
        return undefined;
    }
    const network = block.address & ~hostMask(block);
    return `${formatAddress(network, block.family)}/${block.prefix}`;
}

function formatAddress(address: bigint, family: 4 | 6): string {
    if (family === 4) {
        return [24n, 16n, 8n, 0n].map((shift) => String((address >> shift) & 255n)).join(".");
    }
    const groups = Array.from({ length: 8 }, (_, index) => ((address >> BigInt(112 - 16 * index)) & 0xffffn).toString(16));
    return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

/** How many addresses of one family the blocks cover together (overlaps counted once). */
export function coveredAddresses(blocks: readonly CidrBlock[], family: 4 | 6): bigint {
    const ranges = blocks
        .filter((block) => block.family === family)
        .map((block) => {
            const start = block.address & ~hostMask(block);
            return [start, start + hostMask(block)] as const;
        })
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let total = 0n;
    let current: [bigint, bigint] | undefined;
    for (const [start, end] of ranges) {
        if (current && start <= current[1] + 1n) {
            current[1] = end > current[1] ? end : current[1];
        } else {
            total += current ? current[1] - current[0] + 1n : 0n;
            current = [start, end];
        }
    }
    return total + (current ? current[1] - current[0] + 1n : 0n);
}

/** The addresses one block of this prefix holds. */
export function blockSize(prefix: number, family: 4 | 6): bigint {
    return 1n << BigInt(bitsOf(family) - prefix);
}
