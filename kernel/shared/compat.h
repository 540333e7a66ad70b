/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little the shared sources need from their environment, so that the
 * same files compile in the kernel and in user space (tool, tests, fuzzers).
 */
#ifndef CTRPOL_COMPAT_H
#define CTRPOL_COMPAT_H

#ifdef __KERNEL__
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>

static inline u32 ctrpol_crc32(const void *p, size_t n)
{
	return crc32_le(~0U, p, n) ^ ~0U;
}
#else
#include <endian.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;

#define le16_to_cpu(x) le16toh(x)
#define le32_to_cpu(x) le32toh(x)
#define le64_to_cpu(x) le64toh(x)
#define cpu_to_le16(x) htole16(x)
#define cpu_to_le32(x) htole32(x)
#define cpu_to_le64(x) htole64(x)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* CRC-32 as the kernel's crc32_le(~0, p, n) ^ ~0 (and zlib's crc32()); tools/util/crc32.c. */
u32 ctrpol_crc32(const void *p, size_t n);
#endif

#include <linux/ctrpol.h>

#endif /* CTRPOL_COMPAT_H */
