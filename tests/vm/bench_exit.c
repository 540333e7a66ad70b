// SPDX-License-Identifier: GPL-2.0
/*
 * The program `make bench` times the exec of: static, without libc, it exits
 * at its first instruction, so that an exec measures the kernel's work (and
 * the LSMs' checks on it) rather than a C library's start-up.
 * Built with -nostdlib -static (tests/bench/bench.mk).
 */

void _start(void);

void _start(void)
{
	__asm__ volatile("mov $231, %eax\n\t"	/* exit_group */
			 "xor %edi, %edi\n\t"
			 "syscall");
	__builtin_unreachable();
}
