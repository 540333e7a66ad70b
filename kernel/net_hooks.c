// SPDX-License-Identifier: GPL-2.0
/*
 * ctrpol LSM - network: creating sockets, and binding, connecting,
 * listening and sending to an explicit address
 *
 * A socket is named by its family, type and protocol as the kernel resolved
 * them (socket(AF_INET, SOCK_STREAM, 0) is a TCP socket); an operation on an
 * inet or inet6 socket adds its address and port: the local ones for bind
 * and listen, the remote ones for connect and send.  The rules are combined
 * by ctrpol_net_decide(), which `ctrpol explain` runs too.
 *
 * An inet6 socket reaching an IPv4 address (a v4-mapped ::ffff:a.b.c.d, or
 * an AF_INET sockaddr, which UDP over IPv6 takes) is decided as the IPv4
 * operation it is, so that it cannot slip past a rule on IPv4 addresses.
 *
 * Sockets the kernel creates for itself (kern), and operations on them,
 * are the kernel's business, not the task's: they are not mediated.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <linux/sched.h>
#include <linux/socket.h>
#include <net/inet_sock.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "verdict.h"

/* The query for @op on @sock, without an address. */
static void socket_query(struct ctrpol_net_query *q, u16 op, const struct socket *sock)
{
	const struct sock *sk = sock->sk;

	*q = (struct ctrpol_net_query){
		.op = op,
		/* IPV6_ADDRFORM may turn an inet6 socket into an inet one meanwhile. */
		.family = READ_ONCE(sk->sk_family),
		.type = sock->type,
		.protocol = READ_ONCE(sk->sk_protocol),
	};
}

/**
 * set_sockaddr - add the address an inet socket's operation names
 * @q: from socket_query()
 * @sa: a sockaddr the kernel copied in
 * @len: how many of its bytes are valid
 *
 * Only bytes within @len are read.  AF_UNSPEC stands for the socket's own
 * family, as IPv4 bind and send and raw IPv6 send take it.  An address that
 * no inet protocol takes (too short, or of a family the socket cannot use)
 * is left out: no rule on addresses or ports names the operation, which
 * the protocol then refuses.
 */
static void set_sockaddr(struct ctrpol_net_query *q, const struct sockaddr *sa, int len)
{
	sa_family_t af;

	if (q->family != AF_INET && q->family != AF_INET6)
		return;
	if (len < (int)offsetofend(struct sockaddr, sa_family))
		return;
	af = sa->sa_family == AF_UNSPEC ? q->family : sa->sa_family;
	if (af == AF_INET && len >= (int)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

		ctrpol_net_set_addr(q, AF_INET, (const u8 *)&sin->sin_addr, ntohs(sin->sin_port));
	} else if (af == AF_INET6 && q->family == AF_INET6 && len >= SIN6_LEN_RFC2133) {
		/* The RFC 2133 size, without sin6_scope_id: what the kernel accepts. */
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

		ctrpol_net_set_addr(q, AF_INET6, sin6->sin6_addr.s6_addr, ntohs(sin6->sin6_port));
	}
}

/* The verdict of current's profile on @q.  Context: any; takes only rcu_read_lock(). */
static int decide(const struct ctrpol_net_query *q)
{
	struct ctrpol_request req = {
		.task = current, .class = CTRPOL_RULE_NET, .want = q->op, .net = q,
	};
	const struct ctrpol_policy *pol;
	struct ctrpol_rules_verdict nv;
	struct ctrpol_profile *prof;
	struct ctrpol_answer ans;
	int ret = 0;

	rcu_read_lock();
	prof = ctrpol_task_profile(current, NULL);
	if (prof) {
		pol = rcu_dereference(prof->policy);
		ctrpol_net_decide(&pol->view, q, &nv);
		ans.allow = nv.allow ? q->op : 0;
		ans.deny = nv.deny ? q->op : 0;
		ans.audit = nv.audit ? q->op : 0;
		ret = ctrpol_verdict(prof, pol, &req, &ans, -EACCES);
	}
	rcu_read_unlock();
	return ret;
}

/* Whether @sock is one the task uses, which the hooks mediate. */
static __always_inline bool mediated(const struct socket *sock)
{
	return static_branch_unlikely(&ctrpol_confining) && sock->sk && !sock->sk->sk_kern_sock;
}

static int ctrpol_socket_post_create(struct socket *sock, int family, int type, int protocol,
				     int kern)
{
	struct ctrpol_net_query q;

	if (!mediated(sock) || kern)
		return 0;
	socket_query(&q, CTRPOL_NET_CREATE, sock);
	return decide(&q);
}

/* bind, connect and send: an operation naming the address @sa. */
static int check_sockaddr(struct socket *sock, u16 op, const struct sockaddr *sa, int len)
{
	struct ctrpol_net_query q;

	socket_query(&q, op, sock);
	set_sockaddr(&q, sa, len);
	return decide(&q);
}

static int ctrpol_socket_bind(struct socket *sock, struct sockaddr *address, int addrlen)
{
	if (!mediated(sock))
		return 0;
	return check_sockaddr(sock, CTRPOL_NET_BIND, address, addrlen);
}

static int ctrpol_socket_connect(struct socket *sock, struct sockaddr *address, int addrlen)
{
	if (!mediated(sock))
		return 0;
	/* AF_UNSPEC dissolves an association: like closing, always allowed. */
	if (addrlen >= (int)offsetofend(struct sockaddr, sa_family) &&
	    address->sa_family == AF_UNSPEC)
		return 0;
	return check_sockaddr(sock, CTRPOL_NET_CONNECT, address, addrlen);
}

/*
 * The socket is not locked here (listen() locks it later), so a bind racing
 * in another thread may be read half done; that bind was checked on its own.
 */
static int ctrpol_socket_listen(struct socket *sock, int backlog)
{
	struct ctrpol_net_query q;
	struct sock *sk = sock->sk;

	if (!mediated(sock))
		return 0;
	socket_query(&q, CTRPOL_NET_LISTEN, sock);
	/* An unbound socket has port 0: listen() then binds a port of the kernel's choice. */
	if (q.family == AF_INET) {
		__be32 addr = READ_ONCE(sk->sk_rcv_saddr);

		ctrpol_net_set_addr(&q, AF_INET, (const u8 *)&addr,
				    READ_ONCE(inet_sk(sk)->inet_num));
#if IS_ENABLED(CONFIG_IPV6)
	} else if (q.family == AF_INET6) {
		struct in6_addr addr = sk->sk_v6_rcv_saddr;

		ctrpol_net_set_addr(&q, AF_INET6, addr.s6_addr, READ_ONCE(inet_sk(sk)->inet_num));
#endif
	}
	return decide(&q);
}

static int ctrpol_socket_sendmsg(struct socket *sock, struct msghdr *msg, int size)
{
	u16 op = CTRPOL_NET_SEND;

	/* Without a name, a send goes where connect() said: that was decided then. */
	if (!mediated(sock) || !msg->msg_name)
		return 0;
	/* TCP Fast Open: sendto() with MSG_FASTOPEN connects to the name. */
	if (sock->type == SOCK_STREAM && (msg->msg_flags & MSG_FASTOPEN))
		op = CTRPOL_NET_CONNECT;
	return check_sockaddr(sock, op, msg->msg_name, msg->msg_namelen);
}

static struct security_hook_list ctrpol_net_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(socket_post_create, ctrpol_socket_post_create),
	LSM_HOOK_INIT(socket_bind, ctrpol_socket_bind),
	LSM_HOOK_INIT(socket_connect, ctrpol_socket_connect),
	LSM_HOOK_INIT(socket_listen, ctrpol_socket_listen),
	LSM_HOOK_INIT(socket_sendmsg, ctrpol_socket_sendmsg),
};

/**
 * ctrpol_add_net_hooks - register the network hooks
 */
void __init ctrpol_add_net_hooks(void)
{
	security_add_hooks(ctrpol_net_hooks, ARRAY_SIZE(ctrpol_net_hooks), &ctrpol_lsmid);
}
