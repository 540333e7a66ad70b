// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the whole front end on hostile text.  Parse (fragments
 * allowed), lint, compile, and check that whatever compiles also passes the
 * kernel's verifier: the compiler must never emit a blob the kernel refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "compile/compiler.h"
#include "lang/ast.h"
#include "lang/lint.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static FILE *devnull;
	struct diag d = { .out = NULL };
	struct ctrpol_blob_view view;
	char path[64];
	struct policy *p;
	const char *why;
	void *blob;
	size_t bsize;
	int fd;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	/* The parser reads files (includes resolve next to them): give it one in memory. */
	fd = memfd_create("policy.ctp", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	d.out = devnull;
	p = policy_parse(path, true, &d);
	if (p) {
		policy_lint(p, &d);
		if (!policy_compile(p, &d, &blob, &bsize)) {
			/* A fragment compiles nameless, which no profile may be. */
			if (p->name[0] && ctrpol_blob_verify(blob, bsize, &view, &why)) {
				fprintf(stderr, "compiled blob fails verification: %s\n", why);
				abort();
			}
			free(blob);
		}
	}
	policy_free(p);
	close(fd);
	return 0;
}
