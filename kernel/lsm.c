// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - registration with the LSM framework
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>
#include <linux/ctrpol.h>

#include "ctrpol.h"
#include "release.h"

bool ctrpol_enabled __ro_after_init;

static_assert(LSM_ID_CTRPOL == CTRPOL_LSM_ID,
	      "the tree's LSM_ID_CTRPOL differs: rerun scripts/kernel-integrate.sh");

const struct lsm_id ctrpol_lsmid = {
	.name = "ctrpol",
	.id = LSM_ID_CTRPOL,
};

static int __init ctrpol_init(void)
{
	ctrpol_add_attach_hooks();
	ctrpol_add_file_hooks();
	ctrpol_add_cap_hooks();
	ctrpol_add_cgroup_hooks();
	ctrpol_add_surface_hooks();
	ctrpol_add_privilege_hooks();
	ctrpol_add_peer_hooks();
	ctrpol_add_mount_hooks();
	ctrpol_add_net_hooks();
	ctrpol_add_name_cache_hooks();
	ctrpol_enabled = true;
	pr_info("ctrpol: LSM %s (ABI %d) initialized\n", CTRPOL_RELEASE,
		CTRPOL_ABI_VERSION);
	return 0;
}

/* The framework allocates these beside other LSMs'; ours are at our offsets. */
struct lsm_blob_sizes ctrpol_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct ctrpol_task),
	.lbs_inode = sizeof(struct ctrpol_inode),
};

DEFINE_LSM(ctrpol) = {
	.name = "ctrpol",
	.init = ctrpol_init,
	.blobs = &ctrpol_blob_sizes,
};
