# libFuzzer targets (tests/fuzz/NAME_fuzz.c), built with clang against the
# same sources as the tool, kernel/shared/ included.  `make fuzz` runs each
# for FUZZ_SECONDS; `make check` does it too.
FUZZ_SECONDS ?= 30
FUZZ_CC ?= clang
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
FUZZERS := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(wildcard tests/fuzz/*_fuzz.c))

.PHONY: fuzz
$(B)/fuzz/%_fuzz: tests/fuzz/%_fuzz.c $(TOOL_LIB_SRCS) | deps-tool
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CTRPOL_CFLAGS) $(FUZZ_FLAGS) -o $@ $^ $(TOOL_LIBS)

fuzz: $(FUZZERS) $(B)/ctrpol
	@for f in $(FUZZERS); do FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $$f || exit 1; done
