// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"
#include "loopback.h"

/* struct in6_ifreq of <linux/ipv6.h>, which clashes with <netinet/in.h>. */
struct in6_ifreq_ {
	struct in6_addr addr;
	uint32_t prefixlen;
	int ifindex;
};

void network_up(void)
{
	static const char *const extra[] = { "fd00::1", "fd00::1:1" };
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), fd6 = socket(AF_INET6, SOCK_DGRAM, 0);
	size_t i;

	if (fd < 0 || fd6 < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr))
		FAIL("lo: %s", strerror(errno));
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr))
		FAIL("bringing lo up: %s", strerror(errno));
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		struct in6_ifreq_ r = { .prefixlen = 128, .ifindex = (int)if_nametoindex("lo") };

		inet_pton(AF_INET6, extra[i], &r.addr);
		if (ioctl(fd6, SIOCSIFADDR, &r) && errno != EEXIST)
			FAIL("adding %s to lo: %s", extra[i], strerror(errno));
	}
	close(fd);
	close(fd6);
}

int listen_any(int port)
{
	struct sockaddr_in6 any = { .sin6_family = AF_INET6, .sin6_port = htons(port),
				    .sin6_addr = IN6ADDR_ANY_INIT };
	int fd = socket(AF_INET6, SOCK_STREAM, 0), zero = 0, one = 1;

	if (fd < 0 || setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero)) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (struct sockaddr *)&any, sizeof(any)) || listen(fd, 128))
		FAIL("listening on port %d: %s", port, strerror(errno));
	return fd;
}
