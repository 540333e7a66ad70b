/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The verifier's test cases, shared by its KUnit suite (verify_kunit.c) and
 * the user-space unit test (tests/unit/verify_test.c): a valid blob built by
 * hand, and every single corruption it must be refused for, with the reason.
 */
#ifndef CTRPOL_VERIFY_CASES_H
#define CTRPOL_VERIFY_CASES_H

#include "policy.h"

/*
 * A DFA with one byte class besides the rest: "a"* is readable, anything
 * else dead.  Its third, unused permission set leaves the section 4 bytes
 * short of a multiple of 8, so padding follows it.
 */
struct ctrpol_tiny_dfa {
	struct ctrpol_dfa h;
	struct ctrpol_perms perms[3];
	__le32 accept[2], base[2], def[2], next[2], check[2];
};

/* One of each section, each with one rule where it holds rules. */
struct ctrpol_fixture {
	struct ctrpol_profile_section profile;
	struct ctrpol_tiny_dfa files, mounts;
	struct ctrpol_caps caps;
	struct {
		struct ctrpol_rule_table h;
		struct ctrpol_net_rule r[1];
	} net;
	struct {
		struct ctrpol_rule_table h;
		struct ctrpol_peer_rule r[1];
	} peers;
	struct ctrpol_kernel kernel;
	struct {
		struct ctrpol_provenance h;
		struct ctrpol_rule_origin o[1];
		char strtab[8];
	} prov;
};

/* Room for the fixture's blob, whatever a case does to it. */
#define CTRPOL_FIXTURE_MAX	2048

void ctrpol_fixture_init(struct ctrpol_fixture *f);
size_t ctrpol_fixture_blob(const struct ctrpol_fixture *f, bool provenance, void *out);
void ctrpol_fixture_reseal(void *blob, size_t size);

/* A corruption of a section's contents, and the reason it must be refused with. */
struct ctrpol_content_case {
	const char *name;
	void (*corrupt)(struct ctrpol_fixture *f);
	const char *why;
};

/* A corruption of one byte of the header or directory; the blob is resealed. */
struct ctrpol_layout_case {
	const char *name;
	size_t off;
	u8 value;
	const char *why;
};

extern const struct ctrpol_content_case ctrpol_content_cases[];
extern const size_t ctrpol_ncontent_cases;
extern const struct ctrpol_layout_case ctrpol_layout_cases[];
extern const size_t ctrpol_nlayout_cases;

const char *ctrpol_content_case_run(const struct ctrpol_content_case *c,
				    struct ctrpol_fixture *f, void *buf, const char **why);
const char *ctrpol_layout_case_run(const struct ctrpol_layout_case *c,
				   struct ctrpol_fixture *f, void *buf, const char **why);

#endif /* CTRPOL_VERIFY_CASES_H */
