// SPDX-License-Identifier: GPL-2.0
#include <endian.h>

#include "provenance.h"

size_t provenance_count(const struct ctrpol_blob_view *view)
{
	return view->provenance ? le32toh(view->provenance->nrules) : 0;
}

const struct ctrpol_rule_origin *provenance_rule(const struct ctrpol_blob_view *view, size_t i,
						 const char **target, const char **file)
{
	const struct ctrpol_rule_origin *rules = (const void *)(view->provenance + 1);
	const char *strtab = (const char *)(rules + le32toh(view->provenance->nrules));

	*target = strtab + le32toh(rules[i].target);
	*file = strtab + le32toh(rules[i].file);
	return &rules[i];
}
