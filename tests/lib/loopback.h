/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In the guest: the loopback network that tests connect over.  The guest
 * has lo only, and it starts down.
 */
#ifndef CTRPOL_LOOPBACK_H
#define CTRPOL_LOOPBACK_H

/*
 * lo up (127.0.0.1/8 and ::1 come with it), with fd00::1 and fd00::1:1
 * added, so that an address outside a rule's prefix is still one a free
 * cgroup reaches.  Fails the test on error.
 */
void network_up(void);

/* A TCP listener on every address, IPv4 and IPv6, on port; fails the test on error. */
int listen_any(int port);

#endif
