/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands: each takes the arguments after its name (argv[0] is the name). */
#ifndef CTRPOL_COMMANDS_H
#define CTRPOL_COMMANDS_H

int cmd_attach(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_learn(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_oci_hook(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_unload(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
