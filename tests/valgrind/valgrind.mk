# The host unit tests built plain, without sanitizers, for valgrind
# (tests/valgrind/run.sh): ASan's shadow memory and valgrind cannot share a
# process.  `make unit-tests` builds them beside the sanitized ones.
VALGRIND_TESTS := $(patsubst tests/unit/%.c,$(B)/obj/tests/%,$(wildcard tests/unit/*_test.c))

$(VALGRIND_TESTS): $(B)/obj/tests/%: $(B)/obj/tests/unit/%.o \
		$(call objs,obj,$(UNIT_LIB_SRCS) $(TOOL_LIB_SRCS))
	$(CC) $(CFLAGS) -o $@ $^ $(TOOL_LIBS)

unit-tests: $(B)/ctrpol $(VALGRIND_TESTS)
