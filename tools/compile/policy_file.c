// SPDX-License-Identifier: GPL-2.0
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler.h"
#include "policy_file.h"

static int read_blob(const char *path, FILE *f, struct diag *d, struct policy_file *pf)
{
	long size;

	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		diag_error(d, NULL, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((unsigned long)size > CTRPOL_MAX_BLOB_SIZE) {
		diag_error(d, NULL, "%s: larger than a compiled profile can be (16 MiB)", path);
		return -1;
	}
	pf->blob = malloc(size ? size : 1);	/* malloc's alignment suits the verifier */
	if (!pf->blob || fread(pf->blob, 1, size, f) != (size_t)size) {
		diag_error(d, NULL, "%s: %s", path, pf->blob ? "short read" : "out of memory");
		return -1;
	}
	pf->size = size;
	return 0;
}

int policy_file_load(const char *path, struct diag *d, struct policy_file *pf)
{
	FILE *f = fopen(path, "rb");
	struct policy *p;
	const char *why;
	uint32_t magic = 0;
	int ret;

	memset(pf, 0, sizeof(*pf));
	if (!f) {
		diag_error(d, NULL, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	if (fread(&magic, 1, sizeof(magic), f) == sizeof(magic) &&
	    le32toh(magic) == CTRPOL_BLOB_MAGIC) {
		ret = read_blob(path, f, d, pf);
		fclose(f);
	} else {
		fclose(f);
		p = policy_parse(path, false, d);
		ret = p ? policy_compile(p, d, &pf->blob, &pf->size) : -1;
		policy_free(p);
	}
	if (!ret && ctrpol_blob_verify(pf->blob, pf->size, &pf->view, &why)) {
		diag_error(d, NULL, "%s: not a valid compiled profile: %s", path, why);
		ret = -1;
	}
	if (ret)
		policy_file_free(pf);
	return ret;
}

void policy_file_free(struct policy_file *pf)
{
	free(pf->blob);
	pf->blob = NULL;
}

bool output_path_replaceable(const char *path)
{
	struct stat st;

	return stat(path, &st) ? errno == ENOENT : S_ISREG(st.st_mode);
}

int blob_write_file(const char *path, const void *blob, size_t size, struct diag *d)
{
	char *tmp;
	FILE *f;
	int ok;

	if (!strcmp(path, "-"))
		return fwrite(blob, 1, size, stdout) == size && !fflush(stdout) ? 0 : -1;
	if (!output_path_replaceable(path)) {
		diag_error(d, NULL, "cannot write '%s': it exists and is not a regular file "
			   "(use '-' for standard output)", path);
		return -1;
	}
	if (asprintf(&tmp, "%s.XXXXXX", path) < 0) {
		diag_error(d, NULL, "out of memory");
		return -1;
	}
	/* A reader never sees half a policy: write aside, then rename over. */
	{
		int fd = mkstemp(tmp);

		f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		if (!f && fd >= 0)
			close(fd);
	}
	ok = f && fwrite(blob, 1, size, f) == size;
	ok = f && !fclose(f) && ok && !rename(tmp, path);
	if (!ok) {
		diag_error(d, NULL, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}
