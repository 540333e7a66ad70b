/* SPDX-License-Identifier: GPL-2.0 */
/* Release of the ctrpol LSM and tool; both report it, so they come from one place. */
#ifndef CTRPOL_RELEASE_H
#define CTRPOL_RELEASE_H

#define CTRPOL_RELEASE "0.1.0"

#endif /* CTRPOL_RELEASE_H */
