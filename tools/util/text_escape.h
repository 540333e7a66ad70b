/* SPDX-License-Identifier: GPL-2.0 */
/* Names from outside (file names, commands, cgroups) written so that they cannot forge output. */
#ifndef CTRPOL_TEXT_ESCAPE_H
#define CTRPOL_TEXT_ESCAPE_H

#include <stdio.h>

/*
 * Write s so that it cannot end a line, move the cursor, reorder what
 * follows or pass for other text: a backslash is doubled, and each byte of
 * a control character (C0, DEL, C1), of a character that breaks or reorders
 * lines (U+2028, U+2029, the bidirectional marks, embeddings, overrides and
 * isolates) and each byte that is not part of valid UTF-8 is written as
 * \xHH.  The rest, valid UTF-8, stays as it is.
 */
void text_put_escaped(FILE *out, const char *s);

#endif
