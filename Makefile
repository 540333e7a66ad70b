# ctrpol: see README.md.  `make` builds the tool only; `make check` and
# `make demo` also install what is missing, build the kernel and boot it.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/sbin
MANDIR := $(PREFIX)/share/man
UNITDIR := $(PREFIX)/lib/systemd/system
DATADIR := $(PREFIX)/share/ctrpol

MAKEFLAGS += --no-print-directory
B := build
PKG_CONFIG ?= pkg-config
# libnl for netlink; json-c for JSON output, the library the OCI hook uses too.
TOOL_PKGS := libnl-3.0 libnl-genl-3.0 json-c
CFLAGS ?= -O2 -g
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CTRPOL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-Ikernel/include/uapi -Ikernel/shared -Ikernel/tests -Itools -Itests/lib \
	$(shell $(PKG_CONFIG) --cflags $(TOOL_PKGS) 2>/dev/null)
TOOL_LIBS = $(shell $(PKG_CONFIG) --libs $(TOOL_PKGS) 2>/dev/null)

# The stages a policy passes through, one folder each (docs/architecture.md), which
# tests, fuzzers and benchmarks link; kernel/shared/ is compiled into the kernel
# too: the tool runs the kernel's own verifier and matcher.
TOOL_STAGES := lang compile genl events learn util
TOOL_LIB_SRCS := $(foreach d,$(TOOL_STAGES),$(wildcard tools/$(d)/*.c)) $(wildcard kernel/shared/*.c)
# The commands on top of them.
TOOL_SRCS := tools/ctrpol.c $(wildcard tools/cmd/*.c tools/explain/*.c)
HARNESS_SRCS := tests/lib/harness.c
# The verifier's cases, which the kernel's KUnit suite runs too; the kernel's
# messages built by hand; JSON read back; what `ctrpol list` prints.
UNIT_LIB_SRCS := $(HARNESS_SRCS) kernel/tests/verify_cases.c tests/lib/fake_genl.c \
	tests/lib/json_check.c tools/cmd/listing.c
# What guest tests link besides the harness: netlink by hand, confinement helpers,
# the operations a container attempts and its classic escapes, the loopback network.
VM_LIB_SRCS := tests/lib/rawgenl.c tests/lib/confine.c tests/lib/attempts.c tests/lib/escapes.c \
	tests/lib/loopback.c
UNIT_TESTS := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(wildcard tests/unit/*_test.c))
VM_TESTS := $(patsubst tests/vm/%.c,$(B)/obj/tests/vm/%,$(wildcard tests/vm/*_test.c))
# Guest benchmarks ride in the same initramfs; `make bench` boots them.
VM_BENCHES := $(patsubst tests/vm/%.c,$(B)/obj/tests/vm/%,$(wildcard tests/vm/*_bench.c))
# What they exec (tests/bench/bench.mk builds it), copied beside them.
BENCH_HELPERS := $(B)/obj/tests/vm/bench_exit

objs = $(patsubst %.c,$(B)/$(1)/%.o,$(2))

.PHONY: all deps deps-tool deps-bench deps-node kernel kernel-debug node-kernel node-image initramfs \
	check check-debug check-node unit-tests vm-tests demo mutation bench install clean
.SECONDARY:
all: $(B)/ctrpol

deps-tool:
	@$(PKG_CONFIG) --exists $(TOOL_PKGS) 2>/dev/null || scripts/deps.sh tool
deps:
	@scripts/deps.sh all
deps-bench:
	@scripts/deps.sh bench
deps-node:
	@scripts/deps.sh node

# Two builds of the same sources: plain (installed, run in the VM) and
# sanitized (what the host tests run).
$(B)/obj/%.o: %.c | deps-tool
	@mkdir -p $(dir $@)
	$(CC) $(CTRPOL_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@
$(B)/asan/%.o: %.c | deps-tool
	@mkdir -p $(dir $@)
	$(CC) $(CTRPOL_CFLAGS) $(CFLAGS) $(SANITIZE) -MMD -MP -c $< -o $@

$(B)/ctrpol: $(call objs,obj,$(TOOL_SRCS) $(TOOL_LIB_SRCS))
	$(CC) $(CFLAGS) -o $@ $^ $(TOOL_LIBS)
$(B)/asan/ctrpol: $(call objs,asan,$(TOOL_SRCS) $(TOOL_LIB_SRCS))
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(TOOL_LIBS)

$(B)/asan/tests/%: $(B)/asan/tests/unit/%.o $(call objs,asan,$(UNIT_LIB_SRCS) $(TOOL_LIB_SRCS))
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(TOOL_LIBS)
# Judges each test program's run whole (a crash, a short plan, silence); static,
# so that the guest runs the same binary as the host.
TAP_RUN := $(B)/obj/tests/runner/tap-run
$(TAP_RUN): $(B)/obj/tests/runner/tap_run.o
	$(CC) $(CFLAGS) -static -o $@ $^
# Guest tests are static: the initramfs then needs no libraries for them.
$(B)/obj/tests/vm/%: $(B)/obj/tests/vm/%.o $(call objs,obj,$(HARNESS_SRCS) $(VM_LIB_SRCS))
	$(CC) $(CFLAGS) -static -o $@ $^
# The netlink fuzzer predicts loads with the verifier the kernel runs.
$(B)/obj/tests/vm/nlfuzz_test: $(call objs,obj,kernel/shared/policy_verify.c tools/util/crc32.c)

# The node kernel (scripts/kernel-node.config): the one kernel every suite boots.
kernel: deps
	scripts/kernel-build.sh
node-kernel: kernel

# KASAN, UBSAN, lockdep, kmemleak (scripts/kernel-debug.config), in build/kernel-debug.
kernel-debug: deps
	scripts/kernel-build.sh --debug

initramfs: $(B)/ctrpol $(TAP_RUN) $(VM_TESTS) $(VM_BENCHES) $(BENCH_HELPERS)
	scripts/vm-initramfs.sh $(B)/vm/initramfs.cpio.gz $(B)/ctrpol $(TAP_RUN) $(VM_TESTS) \
		$(VM_BENCHES) $(BENCH_HELPERS)

unit-tests: $(B)/asan/ctrpol $(TAP_RUN) $(UNIT_TESTS)

check: deps
	$(MAKE) all unit-tests $(FUZZERS)
	$(MAKE) kernel
	$(MAKE) initramfs
	FUZZERS="$(FUZZERS)" FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run.sh $(UNIT_TESTS)

# The whole VM suite on the debug kernel: any kernel report (KASAN, UBSAN,
# lockdep, sleeping in atomic context, a WARN) or kmemleak suspect fails it.
check-debug: deps
	$(MAKE) all kernel-debug
	$(MAKE) initramfs
	tests/run.sh --debug

# The node (docs/containers.md): a Debian 12 disk with systemd, podman, containerd and
# AppArmor, ctrpol installed in it as an operator installs it; tests/node/ boots it.
NODE_IMAGE := $(B)/node/node.img
NODE_TESTS := $(patsubst tests/node/%.c,$(B)/obj/tests/node/%,$(wildcard tests/node/*_test.c))
# What runs inside the node's containers.
NODE_PROBE := $(B)/obj/tests/node/escape_probe
NODE_LIB_SRCS := tests/lib/attempts.c tests/lib/escapes.c
NODE_DIR := /usr/local/libexec/ctrpol-tests
$(B)/obj/tests/node/%_test: $(B)/obj/tests/node/%_test.o $(call objs,obj,$(HARNESS_SRCS) $(NODE_LIB_SRCS))
	$(CC) $(CFLAGS) -static -o $@ $^
$(NODE_PROBE): $(NODE_PROBE).o $(call objs,obj,$(NODE_LIB_SRCS))
	$(CC) $(CFLAGS) -static -o $@ $^
node-image: deps-node $(B)/ctrpol $(TAP_RUN) $(NODE_TESTS) $(NODE_PROBE)
	scripts/node-image.sh $(NODE_IMAGE) $(foreach f,$(TAP_RUN) $(NODE_TESTS) $(NODE_PROBE) \
		tests/node/run,$(f)=$(NODE_DIR)/$(notdir $(f))) \
		tests/node/ctrpol-node-tests.service=/etc/systemd/system/ctrpol-node-tests.service

check-node: deps-node
	$(MAKE) all kernel node-image
	tests/run.sh --node

demo: deps
	$(MAKE) all kernel initramfs
	scripts/vm-boot.sh --demo

# Each planted fault of tests/mutation/ in turn, each caught by some test or
# reported (docs/testing.md); not part of CI: about half an hour, two minutes a mutant.
mutation: deps
	$(MAKE) all initramfs
	scripts/mutation-run.sh

install: $(B)/ctrpol
	install -D -m 0755 $(B)/ctrpol $(DESTDIR)$(BINDIR)/ctrpol
	install -D -m 0644 tools/ctrpol.8 $(DESTDIR)$(MANDIR)/man8/ctrpol.8
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|' tools/ctrpol-load.service.in >$(DESTDIR)$(UNITDIR)/ctrpol-load.service
	install -d $(DESTDIR)$(DATADIR)/oci-hooks.d
	sed 's|@BINDIR@|$(BINDIR)|' tools/ctrpol-oci-hook.json.in >$(DESTDIR)$(DATADIR)/oci-hooks.d/ctrpol.json
	install -d $(DESTDIR)$(DATADIR)/policies/abstractions
	install -m 0644 policies/*.ctp $(DESTDIR)$(DATADIR)/policies/
	install -m 0644 policies/abstractions/*.ctp $(DESTDIR)$(DATADIR)/policies/abstractions/

clean:
	rm -rf $(B)/obj $(B)/asan $(B)/ctrpol $(B)/vm $(B)/fuzz $(B)/bench

# Fuzzers and benchmarks keep their rules beside their sources (fuzz, bench).
include $(wildcard tests/*/*.mk)

-include $(shell find $(B)/obj $(B)/asan -name '*.d' 2>/dev/null)
