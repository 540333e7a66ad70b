// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "policy_dir.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

static int is_profile(const struct dirent *e)
{
	return e->d_name[0] != '.' && (ends_with(e->d_name, ".ctp") || ends_with(e->d_name, ".ctpb"));
}

int policy_dir_list(const char *dir, char ***paths, size_t *n)
{
	struct dirent **names;
	size_t added = 0, i;
	char **grown, *path;
	struct stat st;
	int count, err = 0;

	count = scandir(dir, &names, is_profile, alphasort);
	if (count < 0)
		return -errno;
	grown = realloc(*paths, (*n + count + 1) * sizeof(*grown));
	if (!grown)
		err = -ENOMEM;
	else
		*paths = grown;
	for (i = 0; i < (size_t)count; i++) {
		if (!err && asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0)
			err = -ENOMEM;
		/* Following symlinks, as loading will: a link to a policy is one. */
		if (!err && (stat(path, &st) || !S_ISREG(st.st_mode)))
			free(path);
		else if (!err)
			(*paths)[*n + added++] = path;
		free(names[i]);
	}
	free(names);
	if (err) {
		for (i = 0; i < added; i++)
			free((*paths)[*n + i]);
		return err;
	}
	*n += added;
	return 0;
}

void policy_dir_free(char **paths, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
