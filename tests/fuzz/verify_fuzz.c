// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the kernel's verifier on hostile blobs.  The header's
 * size and checksum are fixed up first, so that mutations reach the checks
 * behind them.  Whatever verifies is then used as the kernel and the tool
 * use it (every DFA walked, every rule matched, every provenance string
 * read), so an unchecked index in a "verified" blob is an ASan report.
 */
#include <endian.h>
#include <stdlib.h>
#include <string.h>

#include "compile/provenance.h"
#include "policy.h"

static void use(const struct ctrpol_blob_view *v, const unsigned char *data, size_t size)
{
	struct ctrpol_net_query q = { .op = CTRPOL_NET_CONNECT, .family = AF_INET6, .type = 1,
				      .protocol = 6, .has_addr = true, .port = 443 };
	struct ctrpol_rules_verdict nv;
	const char *target, *file;
	volatile size_t sink = 0;
	size_t i;

	/* The input's own bytes make paths that wander the automata. */
	sink += ctrpol_dfa_match(&v->files, (const char *)data, size);
	sink += ctrpol_dfa_match(&v->mounts, (const char *)data, size);
	sink += le32toh(v->files.perms[ctrpol_dfa_match(&v->files, "/etc/passwd", 11)].allow);
	memcpy(q.addr, data, size < 16 ? size : 16);
	ctrpol_net_decide(v, &q, &nv);
	sink += nv.allow + nv.deny + nv.audit;
	for (i = 0; i < v->npeers; i++)
		sink += strlen(v->peers[i].peer);
	for (i = 0; i < provenance_count(v); i++) {
		provenance_rule(v, i, &target, &file);
		sink += strlen(target) + strlen(file);
	}
	sink += le64toh(v->caps->allow) + le32toh(v->kernel->deny) + strlen(v->profile->name);
	(void)sink;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct ctrpol_blob_header *h;
	struct ctrpol_blob_view view;
	const char *why;
	void *blob;

	/* Exactly size bytes (malloc aligns to 16, as the verifier wants 8): ASan sees any overread. */
	blob = malloc(size ? size : 1);
	if (!blob)
		abort();
	memcpy(blob, data, size);
	h = blob;
	if (size >= sizeof(*h)) {
		h->size = htole32(size);
		h->crc32 = htole32(ctrpol_crc32(h + 1, size - sizeof(*h)));
	}
	if (!ctrpol_blob_verify(blob, size, &view, &why))
		use(&view, data, size);
	free(blob);
	return 0;
}
