// SPDX-License-Identifier: GPL-2.0
/* CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320) for the shared verifier in user space. */
#include "compat.h"

u32 ctrpol_crc32(const void *p, size_t n)
{
	static u32 table[256];
	const u8 *b = p;
	u32 crc = ~0U;

	/* The table is a pure function of the polynomial: racing initialisers write the same values. */
	if (!table[1]) {
		for (u32 i = 0; i < 256; i++) {
			u32 c = i;

			for (int k = 0; k < 8; k++)
				c = c & 1 ? (c >> 1) ^ 0xedb88320U : c >> 1;
			table[i] = c;
		}
	}
	while (n--)
		crc = table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
