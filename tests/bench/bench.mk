# `make bench`: speed and memory, measured against the targets each benchmark
# prints (never asserted by a timed test).  Optimized, unsanitized builds.
BENCHES := $(patsubst tests/bench/%.c,$(B)/bench/%,$(wildcard tests/bench/*_bench.c))

$(B)/bench/%_bench: tests/bench/%_bench.c $(TOOL_LIB_SRCS) | deps-tool
	@mkdir -p $(dir $@)
	$(CC) $(CTRPOL_CFLAGS) -O2 -o $@ $^ $(TOOL_LIBS)

# No libc: its exec is the kernel's work alone (tests/vm/bench_exit.c).
$(B)/obj/tests/vm/bench_exit: tests/vm/bench_exit.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -nostdlib -static -no-pie -fno-pie \
		-fno-stack-protector -o $@ $<

# The guest test of the bench's smoke mode reads its JSON back with json-c.
$(B)/obj/tests/vm/bench_test: $(B)/obj/tests/vm/bench_test.o \
		$(call objs,obj,$(HARNESS_SRCS) $(VM_LIB_SRCS) tests/lib/json_check.c)
	$(CC) $(CFLAGS) -static -o $@ $^ $(shell $(PKG_CONFIG) --libs json-c 2>/dev/null)

# Host benchmarks, then the guest's (docs/benchmarks.md): one boot without
# ctrpol (the baseline), one with ctrpol, AppArmor and Landlock side by side,
# and the baseline again, so that drift between boots averages out; then
# pairs of instruction-counted boots, baseline and ctrpol idle.
bench: deps-bench $(BENCHES)
	@for b in $(BENCHES); do $$b || exit 1; done
	@$(MAKE) kernel initramfs >/dev/null
	@scripts/bench-run.sh
