// SPDX-License-Identifier: GPL-2.0
/* Extended-ack parsing: libnl 3.7 receives the TLVs but does not decode them. */
#include <string.h>

#include "extack.h"

/* Where the TLVs start in nlh (whose length is checked), or 0 when they cannot. */
static size_t tlv_offset(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *err = NLMSG_DATA(nlh);
	size_t off;

	if (nlh->nlmsg_type == NLMSG_DONE)
		return NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(int));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*err))
		return 0;
	/* Unless capped, the kernel echoes the whole request before the TLVs. */
	off = NLMSG_HDRLEN + sizeof(*err);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (err->msg.nlmsg_len < sizeof(err->msg))
			return 0;
		off += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(err->msg);
	}
	return off;
}

void extack_message(const struct nlmsghdr *nlh, size_t len, char *buf, size_t size)
{
	size_t off, end;

	if (size)
		buf[0] = '\0';
	if (!size || len < NLMSG_HDRLEN || nlh->nlmsg_len > len ||
	    !(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = tlv_offset(nlh);
	end = nlh->nlmsg_len;
	while (off && off + NLA_HDRLEN <= end) {
		const struct nlattr *nla = (const void *)((const char *)nlh + off);
		size_t alen = nla->nla_len;

		if (alen < NLA_HDRLEN || alen > end - off)
			return;
		if ((nla->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
			const char *s = (const char *)nla + NLA_HDRLEN;
			size_t n = strnlen(s, alen - NLA_HDRLEN);

			if (n >= size)
				n = size - 1;
			memcpy(buf, s, n);
			buf[n] = '\0';
			return;
		}
		off += NLA_ALIGN(alen);
	}
}
