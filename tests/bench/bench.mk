# `make bench`: speed and memory, measured against the targets each benchmark
# prints (never asserted by a timed test).  Optimized, unsanitized builds.
BENCHES := $(patsubst tests/bench/%.c,$(B)/bench/%,$(wildcard tests/bench/*_bench.c))

$(B)/bench/%_bench: tests/bench/%_bench.c $(TOOL_LIB_SRCS) | deps-tool
	@mkdir -p $(dir $@)
	$(CC) $(CTRPOL_CFLAGS) -O2 -o $@ $^ $(TOOL_LIBS)

# Host benchmarks, then the guest's (hook costs), in one boot of the test kernel.
bench: $(BENCHES)
	@for b in $(BENCHES); do $$b || exit 1; done
	@$(MAKE) kernel initramfs >/dev/null
	@scripts/vm-boot.sh --label bench --tests $$(echo $(notdir $(VM_BENCHES)) | tr ' ' ,)
