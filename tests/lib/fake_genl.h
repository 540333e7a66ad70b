/* SPDX-License-Identifier: GPL-2.0 */
/* Messages as the kernel's ctrpol family sends them, built by hand for host tests. */
#ifndef CTRPOL_FAKE_GENL_H
#define CTRPOL_FAKE_GENL_H

#include <stdint.h>
#include <netlink/genl/genl.h>

/* The family id the fake messages carry. */
#define FAKE_FAMILY 42

/* A message of command cmd (64 KiB), its genl header written; fails the test when out of memory. */
struct nl_msg *fake_genl_msg(uint8_t cmd);

#endif
